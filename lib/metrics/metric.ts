/** The {@link Metric} contract and the shape check the built-in metrics share. */
import { requireTensor } from '../checks';
import { DataError, ShapeError } from '../errors';
import { formatShape, type Tensor } from '../tensor';

/**
 * A metric reported during training: a named function of a batch whose value is the **mean over
 * the batch**, so the trainer can average batch values weighted by batch size into an epoch
 * value (as Keras's `MeanMetricWrapper` does).
 *
 * Metrics that are not means of per-sample values (precision, recall, AUC, RMSE, R²) cannot be
 * averaged that way: they also implement the streaming form ({@link StreamingMetric}), `reset()`,
 * `update(yPred, yTrue)` and `result()`, and the trainer then reports `result()` over all of an
 * epoch's batches as the epoch value, and `compute` (the batch alone) in batch logs.
 *
 * A metric listed in `compile({ weightedMetrics })` also receives the sample weights of `fit`
 * and `evaluate` (`sampleWeight`, or those `classWeight` gives) as a third argument, Keras's
 * `weighted_metrics`; the trainer then averages its batch values weighted by each batch's
 * weight sum `Σ w_i` instead of its size.
 *
 * @example
 * ```ts
 * // The mean signed error, (1/(N·C)) Σ (yPred − yTrue), for contiguous inputs of equal shape.
 * const meanError: Metric = {
 *   name: 'meanError',
 *   compute(yPred, yTrue) {
 *     let sum = 0;
 *     for (let i = 0; i < yPred.size; i++) sum += yPred.data[i] - yTrue.data[i];
 *     return sum / yPred.size;
 *   },
 * };
 * model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae', meanError] });
 * ```
 */
export interface Metric {
  /** The key under which the value appears in logs and `History` (`'accuracy'`, `'val_accuracy'`). */
  readonly name: string;
  /**
   * The metric's mean over the batch.
   * @param yPred - the model's output, `[N, C]`.
   * @param yTrue - the labels, in the shape the metric documents.
   * @param sampleWeight - one weight per sample, `[N]`, for a metric in `compile({ weightedMetrics })`
   * (absent for plain `metrics`): the batch's weighted mean `Σ w_i·v_i / Σ w_i`.
   */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number;
  /** Streaming form: forgets every batch seen (called before each epoch and each evaluation). */
  reset?(): void;
  /** Streaming form: adds a batch to the state, each sample weighted by `sampleWeight` when given. */
  update?(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void;
  /** Streaming form: the value over every batch since the last `reset`. */
  result?(): number;
}

/** A {@link Metric} with state over many batches: `reset()`, then `update` per batch, then `result()`. */
export interface StreamingMetric extends Metric {
  reset(): void;
  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void;
  result(): number;
}

/** True when `m` implements the streaming form (all of `reset`, `update` and `result`). */
export function isStreamingMetric(m: Metric): m is StreamingMetric {
  return typeof m.reset === 'function' && typeof m.update === 'function' && typeof m.result === 'function';
}

/**
 * Throws unless yPred and yTrue are tensors of the same shape with at least one element.
 * @throws ShapeError naming the metric and both shapes.
 * @throws DataError for an empty batch, or an argument that is not a tensor.
 */
export function checkSameShape(metricName: string, yPred: Tensor, yTrue: Tensor): void {
  requireTensor(yPred, `${metricName}: yPred`);
  requireTensor(yTrue, `${metricName}: yTrue`);
  const a = yPred.shape, b = yTrue.shape;
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new ShapeError(`${metricName}: yTrue must have the shape of yPred: expected ${formatShape(a)}, got ${formatShape(b)}`);
  }
  checkNotEmpty(metricName, yPred);
}

/** @throws DataError naming the metric when `yPred` has no elements. */
export function checkNotEmpty(metricName: string, yPred: Tensor): void {
  if (yPred.size === 0) throw new DataError(`${metricName}: empty batch, yPred is ${formatShape(yPred.shape)}`);
}
