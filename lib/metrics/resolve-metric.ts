/** The metric registry and {@link resolveMetric}, which turns `compile({ metrics })` entries into metrics. */
import { isArray, isReadableObject, kindOf } from '../checks';
import { ConfigError } from '../errors';
import { Registry, type NameOr } from '../registry';
import type { Shape } from '../tensor';
import { binaryAccuracy } from './binary-accuracy';
import { categoricalAccuracy } from './categorical-accuracy';
import { meanAbsoluteError } from './mean-absolute-error';
import { meanSquaredError } from './mean-squared-error';
import { isStreamingMetric, type Metric } from './metric';
import { sparseCategoricalAccuracy } from './sparse-categorical-accuracy';
import { Precision } from './precision';
import { Recall } from './recall';
import { AUC } from './auc';
import { F1Score } from './f1-score';
import { TopKCategoricalAccuracy } from './top-k-categorical-accuracy';
import { RootMeanSquaredError } from './root-mean-squared-error';
import { R2Score } from './r2-score';
import { TruePositives } from './true-positives';
import { FalsePositives } from './false-positives';
import { TrueNegatives } from './true-negatives';
import { FalseNegatives } from './false-negatives';
import { FBetaScore } from './fbeta-score';
import { MeanMetricWrapper } from './mean-metric-wrapper';
import { BinaryIoU } from './binary-iou';
import { PearsonCorrelation } from './pearson-correlation';
import { ConcordanceCorrelation } from './concordance-correlation';
import { Mean } from './mean';
import { Sum } from './sum';
import { SparseTopKCategoricalAccuracy } from './sparse-top-k-categorical-accuracy';
import {
  BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy, CategoricalFocalCrossentropy, CategoricalHinge,
  CosineSimilarity, Hinge, Huber, KLDivergence, LogCosh, MeanAbsolutePercentageError, MeanSquaredLogarithmicError, Poisson,
  SparseCategoricalCrossentropy, SquaredHinge, type Loss,
} from '../../losses';

/** What a metric factory may look at: the compiled loss and the shapes of labels and predictions. */
export interface MetricContext {
  /** The loss's class name, e.g. `'CategoricalCrossentropy'` (aliases such as `'categorical_crossentropy'` work too). */
  readonly lossClassName: string;
  /** The labels' shape, batch first. */
  readonly yTrueShape: Shape;
  /** The predictions' shape, batch first. */
  readonly yPredShape: Shape;
}

/**
 * The accuracy Keras picks for `'accuracy'`: from the loss when it is a cross-entropy
 * (sparse → sparse categorical, categorical → categorical, binary → binary), otherwise from the
 * shapes: one output (`yPred` last axis 1) → binary; labels of lower rank than predictions, or a
 * label last axis of 1 against several outputs → sparse categorical; else categorical.
 * @throws ConfigError when `context` is not a {@link MetricContext} (as from `metrics.create('accuracy')`
 * without one: `compile` and {@link resolveMetric} give it).
 */
export function chooseAccuracy(context: MetricContext): Metric {
  if (!isReadableObject(context) || typeof context.lossClassName !== 'string' || !isArray(context.yTrueShape) || !isArray(context.yPredShape)) {
    throw new ConfigError(`accuracy: expected a context { lossClassName, yTrueShape, yPredShape } to choose the accuracy from, got ${kindOf(context)}`);
  }
  const { lossClassName, yTrueShape, yPredShape } = context;
  switch (lossClassName.replace(/_/g, '').toLowerCase()) {
    case 'sparsecategoricalcrossentropy': case 'categoricalgeneralizedcrossentropy': return sparseCategoricalAccuracy;
    case 'categoricalcrossentropy': case 'categoricalfocalcrossentropy': return categoricalAccuracy;
    case 'binarycrossentropy': case 'binaryfocalcrossentropy': return binaryAccuracy;
  }
  const predLast = yPredShape[yPredShape.length - 1];
  const trueLast = yTrueShape[yTrueShape.length - 1];
  if (predLast === 1) return binaryAccuracy;
  const isSparse = yTrueShape.length < yPredShape.length || (trueLast === 1 && predLast !== null && predLast > 1);
  return isSparse ? sparseCategoricalAccuracy : categoricalAccuracy;
}

/**
 * The built-in metric names and aliases, Keras's snake_case included (`'accuracy'`, `'acc'`,
 * `'mse'`, `'mean_squared_error'`, …). The spec `spec/lib/registry-names.spec.ts` checks this
 * list equals what {@link metrics} registers.
 */
export const METRIC_NAMES = [
  'accuracy', 'acc', 'binaryAccuracy', 'binary_accuracy', 'categoricalAccuracy', 'categorical_accuracy',
  'sparseCategoricalAccuracy', 'sparse_categorical_accuracy', 'meanSquaredError', 'mse', 'mean_squared_error',
  'meanAbsoluteError', 'mae', 'mean_absolute_error', 'precision', 'recall', 'auc', 'f1Score', 'f1_score', 'f1',
  'topKCategoricalAccuracy', 'top_k_categorical_accuracy', 'sparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy',
  'rootMeanSquaredError', 'rmse', 'root_mean_squared_error', 'r2Score', 'r2_score', 'truePositives', 'true_positives',
  'falsePositives', 'false_positives', 'trueNegatives', 'true_negatives', 'falseNegatives', 'false_negatives',
  'fbetaScore', 'fbeta_score', 'f_beta_score', 'binaryIou', 'binary_iou', 'pearsonCorrelation', 'pearson_correlation',
  'concordanceCorrelation', 'concordance_correlation', 'mean', 'sum',
  'meanAbsolutePercentageError', 'mape', 'mean_absolute_percentage_error', 'meanSquaredLogarithmicError', 'msle',
  'mean_squared_logarithmic_error', 'cosineSimilarity', 'cosine_similarity', 'logCoshError', 'log_cosh_error', 'logcosh',
  'log_cosh', 'poisson', 'klDivergence', 'kld', 'kl_divergence', 'hinge', 'squaredHinge', 'squared_hinge',
  'categoricalHinge', 'categorical_hinge', 'huber', 'binaryCrossentropy', 'binary_crossentropy',
  'categoricalCrossentropy', 'categorical_crossentropy', 'sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy',
  'binaryFocalCrossentropy', 'binary_focal_crossentropy', 'categoricalFocalCrossentropy', 'categorical_focal_crossentropy',
] as const;

/** A built-in metric name; see {@link METRIC_NAMES}. */
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * A metric as `compile` takes it: a name (a built-in {@link MetricName}, which editors
 * complete, or any name registered in {@link metrics}) or a {@link Metric} object.
 */
export type MetricIdentifier = NameOr<MetricName> | Metric;

/**
 * The metric registry: names and aliases to metrics. Factories receive a {@link MetricContext};
 * lookups ignore case and underscores. Register a custom batch-mean metric with
 * `metrics.register('myMetric', () => myMetric)`.
 */
export const metrics = new Registry<Metric>('metric');
metrics.register('accuracy', (context) => chooseAccuracy(context as MetricContext), ['acc']);
metrics.register('binaryAccuracy', () => binaryAccuracy, ['binary_accuracy']);
metrics.register('categoricalAccuracy', () => categoricalAccuracy, ['categorical_accuracy']);
metrics.register('sparseCategoricalAccuracy', () => sparseCategoricalAccuracy, ['sparse_categorical_accuracy']);
metrics.register('meanSquaredError', () => meanSquaredError, ['mse', 'mean_squared_error']);
metrics.register('meanAbsoluteError', () => meanAbsoluteError, ['mae', 'mean_absolute_error']);
metrics.register('precision', () => new Precision());
metrics.register('recall', () => new Recall());
metrics.register('auc', () => new AUC());
metrics.register('f1Score', () => new F1Score(), ['f1_score', 'f1']);
metrics.register('topKCategoricalAccuracy', () => new TopKCategoricalAccuracy(), ['top_k_categorical_accuracy']);
metrics.register('sparseTopKCategoricalAccuracy', () => new SparseTopKCategoricalAccuracy(), ['sparse_top_k_categorical_accuracy']);
metrics.register('rootMeanSquaredError', () => new RootMeanSquaredError(), ['rmse', 'root_mean_squared_error']);
metrics.register('r2Score', () => new R2Score(), ['r2_score']);
metrics.register('truePositives', () => new TruePositives(), ['true_positives']);
metrics.register('falsePositives', () => new FalsePositives(), ['false_positives']);
metrics.register('trueNegatives', () => new TrueNegatives(), ['true_negatives']);
metrics.register('falseNegatives', () => new FalseNegatives(), ['false_negatives']);
metrics.register('fbetaScore', () => new FBetaScore(), ['fbeta_score', 'f_beta_score']);
metrics.register('binaryIou', () => new BinaryIoU(), ['binary_iou']);
metrics.register('pearsonCorrelation', () => new PearsonCorrelation(), ['pearson_correlation']);
metrics.register('concordanceCorrelation', () => new ConcordanceCorrelation(), ['concordance_correlation']);
metrics.register('mean', () => new Mean());
metrics.register('sum', () => new Sum());

/**
 * Keras's loss-valued metrics, each the weighted batch mean of its loss (Keras divides by the
 * weights' sum): name, the loss, the sign (the cosine similarity metric is the loss negated), aliases.
 */
const LOSS_METRICS: readonly (readonly [string, () => Loss, 1 | -1, readonly string[]])[] = [
  ['meanAbsolutePercentageError', () => new MeanAbsolutePercentageError({ reduction: 'mean_with_sample_weight' }), 1, ['mape', 'mean_absolute_percentage_error']],
  ['meanSquaredLogarithmicError', () => new MeanSquaredLogarithmicError({ reduction: 'mean_with_sample_weight' }), 1, ['msle', 'mean_squared_logarithmic_error']],
  ['cosineSimilarity', () => new CosineSimilarity({ reduction: 'mean_with_sample_weight' }), -1, ['cosine_similarity']],
  ['logCoshError', () => new LogCosh({ reduction: 'mean_with_sample_weight' }), 1, ['log_cosh_error', 'logcosh', 'log_cosh']],
  ['poisson', () => new Poisson({ reduction: 'mean_with_sample_weight' }), 1, []],
  ['klDivergence', () => new KLDivergence({ reduction: 'mean_with_sample_weight' }), 1, ['kld', 'kl_divergence']],
  ['hinge', () => new Hinge({ reduction: 'mean_with_sample_weight' }), 1, []],
  ['squaredHinge', () => new SquaredHinge({ reduction: 'mean_with_sample_weight' }), 1, ['squared_hinge']],
  ['categoricalHinge', () => new CategoricalHinge({ reduction: 'mean_with_sample_weight' }), 1, ['categorical_hinge']],
  ['huber', () => new Huber({ reduction: 'mean_with_sample_weight' }), 1, []],
  ['binaryCrossentropy', () => new BinaryCrossentropy({ reduction: 'mean_with_sample_weight' }), 1, ['binary_crossentropy']],
  ['categoricalCrossentropy', () => new CategoricalCrossentropy({ reduction: 'mean_with_sample_weight' }), 1, ['categorical_crossentropy']],
  ['sparseCategoricalCrossentropy', () => new SparseCategoricalCrossentropy({ reduction: 'mean_with_sample_weight' }), 1, ['sparse_categorical_crossentropy']],
  ['binaryFocalCrossentropy', () => new BinaryFocalCrossentropy({ reduction: 'mean_with_sample_weight' }), 1, ['binary_focal_crossentropy']],
  ['categoricalFocalCrossentropy', () => new CategoricalFocalCrossentropy({ reduction: 'mean_with_sample_weight' }), 1, ['categorical_focal_crossentropy']],
];
for (const [name, loss, sign, aliases] of LOSS_METRICS) {
  metrics.register(name, () => new MeanMetricWrapper({ loss: loss(), name, sign }), aliases);
}

/**
 * The metric for one entry of `compile({ metrics })`. A {@link Metric} object is returned as is.
 * A name resolves through {@link metrics}, and the metric it returns carries that name as typed,
 * which is its key in logs and History (as in Keras): `'accuracy'` gives a metric named
 * `'accuracy'` that is binary, categorical or sparse categorical accuracy as
 * {@link chooseAccuracy} decides; `'mse'` gives the mean squared error named `'mse'`. Streaming
 * metrics (`'precision'`, `'recall'`, `'auc'`, `'f1Score'`, `'rmse'`, `'r2Score'`) are new
 * instances with their default options, keeping their `reset`/`update`/`result`.
 *
 * @param name - a metric name or alias, or a Metric.
 * @param lossClassName - the compiled loss's class name, e.g. `'SparseCategoricalCrossentropy'`.
 * @param yTrueShape - the labels' shape.
 * @param yPredShape - the model's output shape.
 * @throws ConfigError listing the valid names when `name` is unknown.
 * @example
 * ```ts
 * const acc = resolveMetric('accuracy', 'SparseCategoricalCrossentropy', [32], [32, 10]);
 * acc.name; // 'accuracy' (computed as sparse categorical accuracy)
 * ```
 */
export function resolveMetric(name: MetricIdentifier, lossClassName: string, yTrueShape: Shape, yPredShape: Shape): Metric {
  if (typeof name !== 'string') return name;
  const context: MetricContext = { lossClassName, yTrueShape, yPredShape };
  const metric = metrics.create(name, context);
  const named: Metric = { name, compute: (yPred, yTrue, sampleWeight) => metric.compute(yPred, yTrue, sampleWeight) };
  if (!isStreamingMetric(metric)) return named;
  return {
    ...named, reset: () => metric.reset(), update: (yPred, yTrue, sampleWeight) => metric.update(yPred, yTrue, sampleWeight), result: () => metric.result(),
  };
}
