/**
 * The abstract {@link Loss}: a scalar of a batch's predictions and labels, and its gradient.
 */
import { classOptionKeys, formatJson, optionsObject, requireTensor } from '../lib/checks';
import { ConfigError, DataError, ShapeError, StateError } from '../lib/errors';
import type { Mask } from '../layers/mask';
import { clone, dtypeOf, formatShape, reshape, sizeOf, toContiguous, zeros, type Tensor } from '../lib/tensor';

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

/** Keras's `backend.epsilon()`, which keeps the masked mean finite when every step is masked. */
const KERAS_EPSILON = 1e-7;

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
  /** The option keys this class's constructor reads, its own only (see {@link classOptionKeys}); every subclass with options declares its own. */
  static readonly optionKeys: readonly string[] = ['reduction'];

  /** How {@link Loss.forward} reduces the per-sample losses. */
  readonly reduction: LossReduction;

  /**
   * True for a loss computed over the whole batch at once (Dice and Tversky without an axis),
   * whose subclass writes the one batch value into every `ℓ_i`: without sample weights the
   * result is that value whatever the reduction, as Keras returns a scalar loss unreduced.
   */
  protected isWholeBatch = false;

  /**
   * True for a loss that masks its own zero per-sample losses, as Keras's Circle does with
   * `set_keras_mask(loss, loss > 0)`: a sample with `ℓ_i = 0` gets weight 0, and the mean
   * reductions divide by the number `V` of samples with `ℓ_i > 0` (`'mean_with_sample_weight'`
   * by their weights' sum) instead of `N`.
   */
  protected isMaskedWhereZero = false;

  /**
   * False for a loss of one number per sample of a whole `[N, T, C]` prediction (CTC): forward
   * then hands `perSample` and `gradient` the unfolded tensors and the labels as given, with one
   * row (and one weight) per sample, and rejects a mask.
   */
  protected foldsRows = true;

  private cached: { yPred: Tensor; yTrue: Tensor; scale: Float64Array; shape: readonly number[] } | null = null;
  private divisor = 1;
  private perSampleBuffer = new Float64Array(0);
  private scaleBuffer = new Float64Array(0);
  private gradBuffer: Tensor | null = null;

  /** @throws ConfigError when `reduction` is not one of Keras's reductions. */
  constructor(options: LossOptions = {}) {
    const given = optionsObject(options, this.className, classOptionKeys(new.target)).reduction;
    const reduction = given === undefined ? 'sum_over_batch_size' : given;
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
   * @param mask - optional `[N, T]` mask of a sequence output `[N, T, C]` (Keras's `apply_mask`):
   * a masked step's weight is 0, and with `'sum_over_batch_size'` or `'mean'` an unmasked one's
   * is `NT / (V + ε)` (`V` unmasked steps, `ε = 1e-7`), so that the mean over every row is
   * `L = Σ_{b,t} m_bt·w_b·ℓ_bt / (V + ε)`, the mean over the unmasked steps; the other
   * reductions multiply the weights by the mask alone.
   * @throws ShapeError when the shapes disagree, naming the loss and both shapes.
   * @throws DataError naming the loss and the sample when a weight is negative, NaN or infinite,
   * or naming the argument when it is not a tensor.
   */
  forward(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor, mask?: Mask | null): number {
    requireTensor(yPred, `${this.className}: yPred`);
    requireTensor(yTrue, `${this.className}: yTrue`);
    if (sampleWeight) requireTensor(sampleWeight, `${this.className}: sampleWeight`);
    const trueShape = this.checkShapes(yPred.shape, yTrue.shape);
    const n = yPred.shape[0];
    // [N, …, C] folds into rows [N·M, C]: the loss of each row, then the mean over every row,
    // is Keras's mean over every axis but the last, then over the batch (sum_over_batch_size).
    if (mask && !this.foldsRows) {
      throw new ShapeError(`${this.className}: takes no mask: its loss is one number per sequence, got a mask ${formatShape(mask.shape)}`);
    }
    const pred = this.foldsRows ? foldRows(toContiguous(yPred)) : toContiguous(yPred);
    const rows = pred.shape[0];
    const perRow = rows / n;
    const dtype = dtypeOf(pred);
    const contiguousTrue = toContiguous(dtypeOf(yTrue) === dtype ? yTrue : clone(yTrue, dtype));
    const labels = !this.foldsRows ? contiguousTrue : reshape(contiguousTrue, trueShape.length === yPred.shape.length ? [rows, ...trueShape.slice(-1)] : [rows]);
    if (this.perSampleBuffer.length !== rows) {
      this.perSampleBuffer = new Float64Array(rows);
      this.scaleBuffer = new Float64Array(rows);
    }
    const scale = this.scaleBuffer;
    if (sampleWeight) this.weightsInto(scale, sampleWeight, n, perRow);
    else scale.fill(1);
    if (mask) this.applyMask(scale, mask, yPred.shape);
    this.perSample(pred, labels, this.perSampleBuffer);
    if (this.isMaskedWhereZero) this.maskZeroLosses(scale, this.perSampleBuffer);
    const divisor = this.reductionDivisor(scale, sampleWeight !== undefined || Boolean(mask) || this.isMaskedWhereZero);
    for (let i = 0; i < rows; i++) scale[i] = divisor === 0 ? 0 : scale[i] / divisor;
    this.divisor = divisor;
    let total = 0;
    for (let i = 0; i < rows; i++) total += scale[i] * this.perSampleBuffer[i];
    this.cached = { yPred: pred, yTrue: labels, scale, shape: yPred.shape };
    return total;
  }

  /**
   * Checks that labels of `trueShape` fit predictions of `predShape` (rank ≥ 2, batch first),
   * without data, and returns the labels' shape as the loss reads them: `[N]` labels for a
   * one-unit output `[N, 1]` read as `[N, 1]`, as Keras reads them.
   * @throws ShapeError naming the loss and both shapes.
   */
  checkShapes(predShape: readonly number[], trueShape: readonly number[]): readonly number[] {
    if (predShape.length < 2) {
      throw new ShapeError(`${this.className}: yPred must have rank 2 or more: expected [?, …, ?], got ${formatShape(predShape)}`);
    }
    const isColumnOfOne = predShape.length === 2 && predShape[1] === 1 && trueShape.length === 1 && trueShape[0] === predShape[0];
    const labels = isColumnOfOne && !this.takesClassIndices() ? [trueShape[0], 1] : trueShape;
    const leading = predShape.slice(0, -1);
    const labelLeading = labels.length === predShape.length ? labels.slice(0, -1) : labels;
    const rows = sizeOf(leading);
    const predRows = [rows, predShape[predShape.length - 1]];
    const trueRows = labels.length === predShape.length ? [sizeOf(labelLeading), labels[labels.length - 1]] : [sizeOf(labels)];
    this.checkLabels(predRows, trueRows, predShape, labels);
    if (labelLeading.length !== leading.length || labelLeading.some((d, i) => d !== leading[i])) {
      throw new ShapeError(`${this.className}: yTrue must have the shape of yPred: expected ${formatShape(predShape)}, got ${formatShape(trueShape)}`);
    }
    return labels;
  }

  /**
   * `∂L/∂yPred` for the latest forward, shape `[N, C]`, including the `w_i/N` factor. The tensor
   * is a buffer the loss reuses on the next call.
   * @throws StateError when no forward came first.
   */
  backward(): Tensor {
    if (!this.cached) throw new StateError(`${this.className}: backward called before forward(yPred, yTrue)`);
    const { yPred, yTrue, scale, shape } = this.cached;
    const g = this.gradBuffer;
    const out = g && dtypeOf(g) === dtypeOf(yPred) && g.shape.length === shape.length && g.shape.every((d, i) => d === shape[i])
      ? g
      : (this.gradBuffer = zeros(shape, dtypeOf(yPred)));
    this.gradient(yPred, yTrue, scale, this.foldsRows ? foldRows(out) : out);
    return out;
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
   * Multiplies the row weights `scale` (rows `b·T + t`) by the mask `m_bt`, and the unmasked ones
   * by `NT / (V + ε)` when the reduction is a mean over rows (Keras's `apply_mask`).
   * @throws ShapeError unless the mask's shape is `yPred`'s without its last axis.
   */
  private applyMask(scale: Float64Array, mask: Mask, predShape: readonly number[]): void {
    const [n, steps] = mask.shape;
    const leading = predShape.slice(0, -1);
    if (mask.shape.length !== 2 || leading.length !== 2 || leading[0] !== n || leading[1] !== steps) {
      throw new ShapeError(`${this.className}: the output's mask must have the shape of yPred without its last axis: expected ${formatShape(leading)}, got ${formatShape(mask.shape)}`);
    }
    let valid = 0;
    for (let b = 0; b < n; b++) {
      for (let t = 0; t < steps; t++) {
        const m = mask.data[mask.offset + b * mask.stride[0] + t * mask.stride[1]];
        if (m === 0) scale[b * steps + t] = 0;
        else valid++;
      }
    }
    if (this.reduction !== 'sum_over_batch_size' && this.reduction !== 'mean') return;
    const factor = (n * steps) / (valid + KERAS_EPSILON);
    for (let i = 0; i < scale.length; i++) scale[i] *= factor;
  }

  /**
   * Keras's `apply_mask` for the mask `ℓ_i > 0`: the weight of a zero loss becomes 0 and, when the
   * reduction is a mean over rows, every other weight is multiplied by `N / V` (0 when `V = 0`).
   */
  private maskZeroLosses(scale: Float64Array, perSample: Float64Array): void {
    let valid = 0;
    for (let i = 0; i < scale.length; i++) {
      if (perSample[i] > 0) valid++;
      else scale[i] = 0;
    }
    if (this.reduction !== 'sum_over_batch_size' && this.reduction !== 'mean') return;
    const factor = valid === 0 ? 0 : scale.length / valid;
    for (let i = 0; i < scale.length; i++) scale[i] *= factor;
  }

  /**
   * Copies the sample weights into `out` (length `N`).
   * @throws ShapeError unless the weights are `[N]` or `[N, 1]`; DataError for a weight that is
   * not a finite number ≥ 0.
   */
  private weightsInto(out: Float64Array, sampleWeight: Tensor, n: number, perRow: number): void {
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
      out.fill(v, i * perRow, (i + 1) * perRow);
    }
  }

  /**
   * Throws a ShapeError unless labels of `trueShape` fit predictions of `predShape`, both as
   * rows (`[N·M, C]` and `[N·M, C]` or `[N·M]`); `shownPred` and `shownTrue` are the shapes as
   * the caller gave them, for the message. The default requires equal shapes.
   */
  protected checkLabels(predShape: readonly number[], trueShape: readonly number[], shownPred: readonly number[] = predShape, shownTrue: readonly number[] = trueShape): void {
    if (predShape.length !== trueShape.length || predShape.some((d, i) => d !== trueShape[i]) || shownPred.length !== shownTrue.length) {
      throw new ShapeError(`${this.className}: yTrue must have the shape of yPred: expected ${formatShape(shownPred)}, got ${formatShape(shownTrue)}`);
    }
  }

  /** True for losses whose labels are class indices (`[N]` for `[N, C]` predictions). */
  protected takesClassIndices(): boolean {
    return false;
  }

  /** Writes each sample's loss `ℓ_i` into `out[i]` (contiguous inputs). */
  protected abstract perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void;

  /** Writes `scale[i] · ∂ℓ_i/∂yPred[i, :]` into `out` and returns it. */
  protected abstract gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor;
}

/** A contiguous `[N, …, C]` tensor as the zero-copy rows `[N·…, C]` (rank 2 unchanged). */
function foldRows(t: Tensor): Tensor {
  if (t.shape.length === 2) return t;
  const columns = t.shape[t.shape.length - 1];
  return reshape(t, [t.size / columns, columns]);
}
