/**
 * The abstract {@link Loss}: a scalar of a batch's predictions and labels, and its gradient.
 */
import { requireTensor } from '../lib/checks';
import { DataError, ShapeError, StateError } from '../lib/errors';
import { clone, dtypeOf, formatShape, toContiguous, zeros, type Tensor } from '../lib/tensor';

/** The JSON form of a loss's options. */
export interface LossConfig {
  [option: string]: unknown;
}

/**
 * The base of every loss. {@link Loss.forward} returns the weighted mean over the batch
 * (Keras's `sum_over_batch_size`): `L = (1/N) Σ_i w_i · ℓ(yPred_i, yTrue_i)`, with `w_i = 1`
 * unless sample weights are given. {@link Loss.backward} returns `∂L/∂yPred`, which includes the
 * `w_i/N` factor, so layers never divide by the batch size.
 *
 * Subclasses implement `checkLabels` (what label shape they take), `perSample` (each `ℓ_i`)
 * and `gradient` (each row of `∂ℓ_i/∂yPred_i`, scaled).
 */
export abstract class Loss {
  /** The registered class name; every subclass sets its own. */
  static readonly className: string = 'Loss';

  private cached: { yPred: Tensor; yTrue: Tensor; scale: Float64Array } | null = null;
  private perSampleBuffer = new Float64Array(0);
  private scaleBuffer = new Float64Array(0);
  private gradBuffer: Tensor | null = null;

  /** The registered class name of this instance, e.g. `'MeanSquaredError'`. */
  get className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /**
   * The mean loss over the batch, caching what {@link Loss.backward} needs.
   *
   * @param yPred - predictions, `[N, C]`.
   * @param yTrue - labels, `[N, C]` (or what the subclass accepts, e.g. `[N]` class indices).
   * @param sampleWeight - optional `[N]` or `[N, 1]` weights, finite and ≥ 0; the mean still
   * divides by `N`.
   * @throws ShapeError when the shapes disagree, naming the loss and both shapes.
   * @throws DataError naming the loss and the sample when a weight is negative, NaN or infinite,
   * or naming the argument when it is not a tensor.
   */
  forward(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    requireTensor(yPred, `${this.className}: yPred`);
    requireTensor(yTrue, `${this.className}: yTrue`);
    if (sampleWeight) requireTensor(sampleWeight, `${this.className}: sampleWeight`);
    if (yPred.shape.length !== 2) {
      throw new ShapeError(`${this.className}: yPred must have rank 2: expected [?, ?], got ${formatShape(yPred.shape)}`);
    }
    this.checkLabels(yPred.shape, yTrue.shape);
    const n = yPred.shape[0];
    const pred = toContiguous(yPred);
    const dtype = dtypeOf(pred);
    const labels = dtypeOf(yTrue) === dtype ? toContiguous(yTrue) : clone(yTrue, dtype);
    if (this.perSampleBuffer.length !== n) {
      this.perSampleBuffer = new Float64Array(n);
      this.scaleBuffer = new Float64Array(n);
    }
    const scale = this.scaleBuffer;
    if (sampleWeight) this.weightsInto(scale, sampleWeight);
    else scale.fill(1);
    for (let i = 0; i < n; i++) scale[i] /= n;
    this.perSample(pred, labels, this.perSampleBuffer);
    let total = 0;
    for (let i = 0; i < n; i++) total += scale[i] * this.perSampleBuffer[i];
    this.cached = { yPred: pred, yTrue: labels, scale };
    return total;
  }

  /**
   * `∂L/∂yPred` for the latest forward, shape `[N, C]`, including the `w_i/N` factor. The tensor
   * is a buffer the loss reuses on the next call.
   * @throws StateError when no forward came first.
   */
  backward(): Tensor {
    if (!this.cached) throw new StateError(`${this.className}: backward called before forward(yPred, yTrue)`);
    const { yPred, yTrue, scale } = this.cached;
    const g = this.gradBuffer;
    const out = g && dtypeOf(g) === dtypeOf(yPred) && g.shape[0] === yPred.shape[0] && g.shape[1] === yPred.shape[1]
      ? g
      : (this.gradBuffer = zeros(yPred.shape, dtypeOf(yPred)));
    return this.gradient(yPred, yTrue, scale, out);
  }

  /** The options as plain JSON; `new Cls(getConfig())` rebuilds the loss. */
  getConfig(): LossConfig {
    return {};
  }

  /**
   * Copies the sample weights into `out` (length `N`).
   * @throws ShapeError unless the weights are `[N]` or `[N, 1]`; DataError for a weight that is
   * not a finite number ≥ 0.
   */
  private weightsInto(out: Float64Array, sampleWeight: Tensor): void {
    const n = out.length;
    const shape = sampleWeight.shape;
    if (shape[0] !== n || shape.length > 2 || (shape.length === 2 && shape[1] !== 1)) {
      throw new ShapeError(`${this.className}: sampleWeight must have one weight per sample: expected [${n}] or [${n}, 1], got ${formatShape(shape)}`);
    }
    const w = toContiguous(sampleWeight);
    for (let i = 0; i < n; i++) {
      const v = w.data[w.offset + i];
      if (!(v >= 0 && v < Infinity)) {
        throw new DataError(`${this.className}: sampleWeight[${i}] must be a finite number ≥ 0, got ${v}`);
      }
      out[i] = v;
    }
  }

  /** Throws a ShapeError unless `yTrue` fits `yPred`. The default requires equal shapes. */
  protected checkLabels(predShape: readonly number[], trueShape: readonly number[]): void {
    if (predShape.length !== trueShape.length || predShape.some((d, i) => d !== trueShape[i])) {
      throw new ShapeError(`${this.className}: yTrue must have the shape of yPred: expected ${formatShape(predShape)}, got ${formatShape(trueShape)}`);
    }
  }

  /** Writes each sample's loss `ℓ_i` into `out[i]` (contiguous inputs). */
  protected abstract perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void;

  /** Writes `scale[i] · ∂ℓ_i/∂yPred[i, :]` into `out` and returns it. */
  protected abstract gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor;
}
