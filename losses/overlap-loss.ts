/**
 * {@link OverlapLoss}: the shared plumbing of the set-overlap losses (Dice, Tversky), which
 * depend on the predictions only through `I = Σ t·p`, `Σ t` and `Σ p`, taken over the whole
 * batch (Keras's default `axis=None`) or over each sample's features.
 */
import { formatJson, isArray } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import { formatValue } from '../lib/safe-format';
import type { Tensor, TypedArray } from '../lib/tensor';
import { Loss, type LossOptions } from './loss';

/** Options of the overlap losses. */
export interface OverlapOptions extends LossOptions {
  /**
   * Where the sums run: `null` over the whole batch, giving one value for it (Keras's default);
   * the features axis (`1` or `-1`, or `[1]`, `[-1]`) for one value per sample, then reduced as
   * any loss. @defaultValue null
   */
  axis?: number | number[] | null;
}

/** The JSON form of {@link OverlapOptions}, defaults resolved. */
export interface OverlapConfig {
  [option: string]: unknown;
  axis: number | number[] | null;
}

/** The sums an overlap loss reads: `I = Σ t·p`, `T = Σ t`, `P = Σ p`. */
export interface OverlapSums {
  readonly intersection: number;
  readonly labelSum: number;
  readonly predictionSum: number;
}

/**
 * A loss `v(I, T, P)` of the sums `I = Σ t·p`, `T = Σ t`, `P = Σ p`, over the whole batch
 * (`axis: null`: every sample gets the batch value, see `Loss.isWholeBatch`) or over each
 * sample's `C` features. Since `∂I/∂p_k = t_k` and `∂P/∂p_k = 1`, the gradient of each element
 * is a function of the sums and its own label: subclasses implement `value` and `slope`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 */
export abstract class OverlapLoss extends Loss {
  static override readonly optionKeys: readonly string[] = ['axis'];
  /** `null` for the whole batch, else the features axis as given. */
  readonly axis: number | number[] | null;

  constructor(options: OverlapOptions, lossName: string) {
    super(options);
    const axis = options.axis ?? null;
    const isFeatures = (a: unknown): boolean => a === 1 || a === -1;
    if (!(axis === null || isFeatures(axis) || (isArray(axis) && axis.length === 1 && isFeatures(axis[0])))) {
      throw new ConfigError(`${lossName}: axis must be null (the whole batch) or the features axis of [N, C] predictions (1, -1, [1] or [-1]), got ${isArray(axis) ? formatJson(axis) : formatValue(axis)}`);
    }
    this.axis = isArray(axis) ? axis.slice() : axis;
    this.isWholeBatch = axis === null;
  }

  override getConfig(): OverlapConfig {
    return { ...super.getConfig(), axis: isArray(this.axis) ? this.axis.slice() : this.axis };
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    if (this.isWholeBatch) {
      out.fill(this.value(sums(yPred.data, yTrue.data, yPred.offset, yTrue.offset, n * c)));
      return;
    }
    for (let i = 0; i < n; i++) out[i] = this.value(sums(yPred.data, yTrue.data, yPred.offset + i * c, yTrue.offset + i * c, c));
  }

  // Whole batch: L = (Σ_i scale_i)·v, so ∂L/∂p = (Σ_i scale_i)·∂v/∂p. Per sample: ∂L/∂p_ij = scale_i·∂v_i/∂p_ij.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const t = yTrue.data, g = out.data;
    const groups = this.isWholeBatch ? 1 : n, size = this.isWholeBatch ? n * c : c;
    for (let i = 0; i < groups; i++) {
      const s = sums(yPred.data, t, yPred.offset + i * size, yTrue.offset + i * size, size);
      const k = this.isWholeBatch ? scale.reduce((a, b) => a + b, 0) : scale[i];
      for (let j = 0, tp = yTrue.offset + i * size, gp = out.offset + i * size; j < size; j++) g[gp + j] = k * this.slope(s, t[tp + j]);
    }
    return out;
  }

  /** The loss of one group of elements from its sums. */
  protected abstract value(s: OverlapSums): number;

  /** `∂v/∂p_k` for an element of the group with label `t_k`. */
  protected abstract slope(s: OverlapSums, t: number): number;
}

/** The sums of `length` elements from the given offsets. */
function sums(p: TypedArray, t: TypedArray, pp: number, tp: number, length: number): OverlapSums {
  let intersection = 0, labelSum = 0, predictionSum = 0;
  for (let j = 0; j < length; j++) {
    intersection += t[tp + j] * p[pp + j];
    labelSum += t[tp + j];
    predictionSum += p[pp + j];
  }
  return { intersection, labelSum, predictionSum };
}
