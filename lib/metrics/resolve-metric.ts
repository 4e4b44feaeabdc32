/** The metric registry and {@link resolveMetric}, which turns `compile({ metrics })` entries into metrics. */
import { isArray, isReadableObject, kindOf } from '../checks';
import { ConfigError } from '../errors';
import { Registry } from '../registry';
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
metrics.register('rootMeanSquaredError', () => new RootMeanSquaredError(), ['rmse', 'root_mean_squared_error']);
metrics.register('r2Score', () => new R2Score(), ['r2_score']);

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
export function resolveMetric(name: string | Metric, lossClassName: string, yTrueShape: Shape, yPredShape: Shape): Metric {
  if (typeof name !== 'string') return name;
  const context: MetricContext = { lossClassName, yTrueShape, yPredShape };
  const metric = metrics.create(name, context);
  const named: Metric = { name, compute: (yPred, yTrue) => metric.compute(yPred, yTrue) };
  if (!isStreamingMetric(metric)) return named;
  return { ...named, reset: () => metric.reset(), update: (yPred, yTrue) => metric.update(yPred, yTrue), result: () => metric.result() };
}
