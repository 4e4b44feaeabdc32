/** The {@link Metric} contract and the shape check the built-in metrics share. */
import { DataError, ShapeError } from '../errors';
import { formatShape, type Tensor } from '../tensor';

/**
 * A metric reported during training: a named function of a batch whose value is the **mean over
 * the batch**, so the trainer can average batch values weighted by batch size into an epoch
 * value (as Keras's `MeanMetricWrapper` does).
 *
 * Metrics that are not means of per-sample values (precision, recall, AUC) cannot be averaged
 * that way; they will come as classes that keep streaming state and extend this contract with
 * `reset()`, `update(yPred, yTrue)` and `result()`, which a trainer prefers when present.
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
   */
  compute(yPred: Tensor, yTrue: Tensor): number;
}

/**
 * Throws unless yPred and yTrue have the same shape and at least one element.
 * @throws ShapeError naming the metric and both shapes.
 * @throws DataError for an empty batch.
 */
export function checkSameShape(metricName: string, yPred: Tensor, yTrue: Tensor): void {
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
