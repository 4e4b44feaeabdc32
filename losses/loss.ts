/**
 * The abstract {@link Loss}: a scalar of a batch's predictions and labels, and its gradient.
 */
import { formatJson, optionsObject, requireTensor } from '../lib/checks';
import { ConfigError, DataError, ShapeError, StateError } from '../lib/errors';
import { clone, dtypeOf, formatShape, toContiguous, zeros, type Tensor } from '../lib/tensor';

/** The JSON form of a loss's options. */
export interface LossConfig {
  [option: string]: unknown;
}

/**
 * How {@link Loss.forward} reduces the weighted per-sample losses `w_i·ℓ_i` to one number
 * (Keras's `reduction`): `'sum_over_batch_size'` and `'mean'` divide their sum by the batch
 * size `N`, `'sum'` does not divide, `'mean_with_sample_weight'` divides by `Σ_i w_i` (by `N`
 * without sample weights), and `'none'` leaves them unreduced: forward then returns their sum
 * (the scalar whose gradient each sample's loss contributes to) and
 * {@link Loss.perSampleLosses} the values Keras returns. A zero divisor gives 0.
 */
export type LossReduction = 'sum_over_batch_size' | 'mean' | 'sum' | 'mean_with_sample_weight' | 'none';

const REDUCTIONS: readonly LossReduction[] = ['sum_over_batch_size', 'mean', 'sum', 'mean_with_sample_weight', 'none'];

/** Options every loss accepts. */
export interface LossOptions {
  /** How the per-sample losses become one number; `null` is `'none'`, as Keras's `None`. @defaultValue 'sum_over_batch_size' */
  reduction?: LossReduction | null;
}

/**
 * The base of every loss. {@link Loss.forward} returns, by default, the weighted mean over the
 * batch (Keras's `sum_over_batch_size`): `L = (1/N) Σ_i w_i · ℓ(yPred_i, yTrue_i)`, with `w_i = 1`
 * unless sample weights are given; the `reduction` option chooses another divisor
 * ({@link LossReduction}). {@link Loss.backward} returns `∂L/∂yPred`, which includes the
 * `w_i/N` factor (`w_i` over the reduction's divisor), so layers never divide by the batch size.
 *
 * Subclasses implement `checkLabels` (what label shape they take), `perSample` (each `ℓ_i`)
 * and `gradient` (each row of `∂ℓ_i/∂yPred_i`, scaled).
 */
export abstract class Loss {
  /** The registered class name; every subclass sets its own. */
  static readonly className: string = 'Loss';

  /** How {@link Loss.forward} reduces the per-sample losses. */
  readonly reduction: LossReduction;

  /**
   * True for a loss computed over the whole batch at once (Dice and Tversky without an axis),
   * whose subclass writes the one batch value into every `ℓ_i`: without sample weights the
   * result is that value whatever the reduction, as Keras returns a scalar loss unreduced.
   */
  protected isWholeBatch = false;

  private cached: { yPred: Tensor; yTrue: Tensor; scale: Float64Array } | null = null;
  private divisor = 1;
  private perSampleBuffer = new Float64Array(0);
  private scaleBuffer = new Float64Array(0);
  private gradBuffer: Tensor | null = null;

  /** @throws ConfigError when `reduction` is not one of Keras's reductions. */
  constructor(options: LossOptions = {}) {
    const reduction = optionsObject(options, this.className).reduction ?? 'sum_over_batch_size';
    if (!REDUCTIONS.includes(reduction as LossReduction) && reduction !== null) {
      throw new ConfigError(`${this.className}: reduction must be one of ${REDUCTIONS.map((r) => `'${r}'`).join(', ')}, got ${formatJson(reduction)}`);
    }
    this.reduction = reduction ?? 'none';
  }

  /** The registered class name of this instance, e.g. `'MeanSquaredError'`. */
  get className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /**
   * The loss of the batch, reduced as `reduction` says (by default the weighted mean over the
   * batch), caching what {@link Loss.backward} needs.
   *
   * @param yPred - predictions, `[N, C]`.
   * @param yTrue - labels, `[N, C]` (or what the subclass accepts, e.g. `[N]` class indices).
   * @param sampleWeight - optional `[N]` or `[N, 1]` weights, finite and ≥ 0; the mean still
   * divides by `N` (by `Σ w` with `reduction: 'mean_with_sample_weight'`).
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
    const divisor = this.reductionDivisor(scale, sampleWeight !== undefined);
    for (let i = 0; i < n; i++) scale[i] = divisor === 0 ? 0 : scale[i] / divisor;
    this.divisor = divisor;
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

  /**
   * The weighted per-sample losses `w_i·ℓ_i` of the latest forward, `[N]`, unreduced: what
   * Keras's loss returns with `reduction: 'none'`.
   * @throws StateError when no forward came first.
   */
  perSampleLosses(): Float64Array {
    if (!this.cached) throw new StateError(`${this.className}: perSampleLosses called before forward(yPred, yTrue)`);
    const { scale } = this.cached;
    return this.perSampleBuffer.map((l, i) => l * scale[i] * this.divisor);
  }

  /**
   * The options as plain JSON; `new Cls(getConfig())` rebuilds the loss. `reduction` appears
   * only when it is not the default, so that a loss with default options still saves as its
   * bare Keras name, which TensorFlow.js reads.
   */
  getConfig(): LossConfig {
    return this.reduction === 'sum_over_batch_size' ? {} : { reduction: this.reduction };
  }

  /** What the weights `w` (in `scale`, length `N`) are divided by: `N`, 1 or `Σ w`, as `reduction` says. */
  private reductionDivisor(scale: Float64Array, isWeighted: boolean): number {
    const n = scale.length;
    if (this.isWholeBatch && !isWeighted) return n;
    if (this.reduction === 'sum' || this.reduction === 'none') return 1;
    if (this.reduction === 'mean_with_sample_weight' && isWeighted) return scale.reduce((a, b) => a + b, 0);
    return n;
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
