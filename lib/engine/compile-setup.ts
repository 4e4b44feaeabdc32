/**
 * `compile`'s options resolved per model output: one loss each, a weight each, and the metrics
 * each output reports (Keras's `compile(loss=…, loss_weights=…, metrics=…)`).
 */
import { formatValue, isArray, isReadableObject, kindOf, rejectUnknownKeys } from '../checks';
import { ConfigError } from '../errors';
import { getLoss, type LossIdentifier } from '../../losses';
import { getOptimizer, type OptimizerIdentifier } from '../../optimizers';
import type { Loss } from '../../losses/loss';
import type { Optimizer } from '../../optimizers/optimizer';
import { metrics as metricRegistry, type MetricIdentifier } from '../metrics';

export type { LossIdentifier, MetricIdentifier, OptimizerIdentifier };

/** Options of `Model.compile`. */
export interface CompileOptions {
  /** An optimizer instance or name (`'sgd'`, `'adam'`, …, or a custom registered name). */
  optimizer: OptimizerIdentifier;
  /**
   * The loss: one for every output, or one per output as an array (output order) or a record
   * keyed by output name (`'mse'`, `'categoricalCrossentropy'`, a Loss instance, …).
   */
  loss: LossIdentifier | readonly LossIdentifier[] | Readonly<Record<string, LossIdentifier>>;
  /**
   * Weights of the outputs' losses in the total that training minimizes,
   * `L = Σ_k w_k·L_k` (array in output order or record by name). @defaultValue 1 for every output
   */
  lossWeights?: readonly number[] | Readonly<Record<string, number>>;
  /**
   * Metric names (`'accuracy'`, `'mse'`, …) or objects: one list for every output, or a list
   * per output as a record keyed by output name. @defaultValue []
   */
  metrics?: readonly MetricIdentifier[] | Readonly<Record<string, readonly MetricIdentifier[]>>;
  /**
   * Metrics that see the sample weights of `fit` and `evaluate` (`sampleWeight`, or the weights
   * `classWeight` gives), Keras's `weighted_metrics`: each reports `Σ w_i·v_i / Σ w_i` where the
   * plain `metrics` report the unweighted mean. Logged under the metric's name, or
   * `weighted_<name>` when `metrics` already has that name (Keras's rule). Same forms as
   * `metrics`. @defaultValue []
   */
  weightedMetrics?: readonly MetricIdentifier[] | Readonly<Record<string, readonly MetricIdentifier[]>>;
}

/** `compile`'s options resolved for a model's outputs. */
export interface CompiledSetup {
  readonly optimizer: Optimizer;
  /** The loss of each output, in output order. */
  readonly losses: readonly Loss[];
  /** The weight of each output's loss. */
  readonly lossWeights: readonly number[];
  /** The metrics of each output, as given (names resolve when the labels are seen). */
  readonly metrics: readonly (readonly MetricIdentifier[])[];
  /** The weighted metrics of each output, as given. */
  readonly weightedMetrics: readonly (readonly MetricIdentifier[])[];
  /** The options as given, kept for saving the training config. */
  readonly options: CompileOptions;
}

/**
 * Resolves `compile`'s options for outputs named `outputNames`.
 * @throws ConfigError for an unknown optimizer, loss or metric name (listing the valid ones), a
 * per-output list of the wrong length, or a record key that names no output.
 */
export function resolveCompile(options: CompileOptions, outputNames: readonly string[]): CompiledSetup {
  if (!isReadableObject(options)) throw new ConfigError('compile: expected { optimizer, loss, metrics?, weightedMetrics? }');
  rejectUnknownKeys(options, ['optimizer', 'loss', 'lossWeights', 'metrics', 'weightedMetrics'] satisfies (keyof CompileOptions)[], 'compile');
  const optimizer = getOptimizer(options.optimizer);
  const seen = new Set<Loss>();
  // A loss caches its batch for backward, so each output needs an instance of its own.
  const losses = perOutput(options.loss, outputNames, 'loss', (v) => getLoss(v as LossIdentifier), isLossLike)
    .map((loss) => (seen.has(loss) ? copyOf(loss) : (seen.add(loss), loss)));
  const lossWeights = options.lossWeights === undefined
    ? outputNames.map(() => 1)
    : perOutput(options.lossWeights, outputNames, 'lossWeights', (v) => lossWeight(v), () => false);
  const metrics = metricLists(options.metrics, outputNames, 'metrics');
  const weightedMetrics = metricLists(options.weightedMetrics, outputNames, 'weightedMetrics');
  return { optimizer, losses, lossWeights, metrics, weightedMetrics, options };
}

/** `metrics` or `weightedMetrics` as one list per output. */
function metricLists(value: CompileOptions['metrics'], outputNames: readonly string[], what: string): MetricIdentifier[][] {
  const raw = value ?? [];
  return isArray(raw) || !isReadableObject(raw)
    ? outputNames.map(() => metricList(raw, what))
    : perOutput(raw, outputNames, what, (v) => metricList(v ?? [], what), () => false, []);
}

/** A second instance of `loss` with the same options (for a loss given once for several outputs). */
function copyOf(loss: Loss): Loss {
  const Cls = loss.constructor as new (config: object) => Loss;
  return new Cls(loss.getConfig());
}

function isLossLike(value: unknown): boolean {
  return typeof value === 'string' || (isReadableObject(value) && !isArray(value) && typeof (value as { forward?: unknown }).forward === 'function');
}

function lossWeight(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ConfigError(`compile: a loss weight must be a finite number ≥ 0, got ${formatValue(value)}`);
  return value;
}

/**
 * One value per output from a single value (`isSingle`), an array in output order, or a record
 * keyed by output name (missing keys take `fallback` when given).
 */
function perOutput<T>(
  value: unknown, names: readonly string[], what: string, resolve: (v: unknown) => T, isSingle: (v: unknown) => boolean, fallback?: unknown,
): T[] {
  if (isSingle(value)) return names.map(() => resolve(value));
  if (isArray(value)) {
    if (value.length !== names.length) throw new ConfigError(`compile: ${what} must have one entry per output (${names.length}: ${names.map((n) => `'${n}'`).join(', ')}), got ${value.length}`);
    return value.map(resolve);
  }
  if (isReadableObject(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!names.includes(key)) throw new ConfigError(`compile: ${what} names no output '${key}': expected one of ${names.map((n) => `'${n}'`).join(', ')}`);
    }
    return names.map((name) => {
      if (!(name in record) && fallback === undefined) throw new ConfigError(`compile: ${what} has no entry for output '${name}'`);
      return resolve(name in record ? record[name] : fallback);
    });
  }
  throw new ConfigError(`compile: ${what} must be one value, an array per output or a record by output name, got ${kindOf(value)}`);
}

/** @throws ConfigError unless `metrics` is an array of registered names or Metric objects. */
function metricList(metrics: unknown, what: string): MetricIdentifier[] {
  if (!isArray(metrics)) throw new ConfigError(`compile: ${what} must be an array, got ${typeof metrics}`);
  for (const metric of metrics) {
    if (typeof metric === 'string') {
      if (!metricRegistry.has(metric)) {
        throw new ConfigError(`compile: unknown metric '${metric}'. Valid metric names: ${metricRegistry.names().map((n) => `'${n}'`).join(', ')}`);
      }
      continue;
    }
    if (!isReadableObject(metric) || typeof metric.name !== 'string' || typeof metric.compute !== 'function') {
      throw new ConfigError(`compile: a metric must be a name or an object { name, compute(yPred, yTrue) }, got ${kindOf(metric)}`);
    }
  }
  return metrics.slice() as MetricIdentifier[];
}
