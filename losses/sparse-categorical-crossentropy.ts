/** The categorical cross-entropy loss with integer class labels instead of one-hot rows. */
import ndarray from 'ndarray';
import { DataError, ShapeError } from '../lib/errors';
import { logSumExpRows, softmaxRows } from '../lib/kernels/softmax';
import { formatShape, type Tensor } from '../lib/tensor';
import { Loss } from './loss';
import {
  clipProbability, isWithinClip, probabilityRowSum, resolveCrossentropyOptions,
  type CrossentropyConfig, type CrossentropyOptions,
} from './crossentropy-shared';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * Categorical cross-entropy with class indices `y_i ∈ {0, …, C − 1}` as labels: the same value
 * and gradient as {@link CategoricalCrossentropy} on the one-hot rows of `y`, without building
 * them. `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * - Probabilities (default): `s_i = Σ_j p_ij`, `ℓ_i = −log clip(p_i,y_i / s_i, ε, 1 − ε)`,
 *   `ε = 1e-7`; gradient, with `u_i = 1` when `p_i,y_i / s_i` lies within the clip bounds and 0
 *   otherwise: `∂L/∂p_ik = (w_i/N) · u_i · (1/s_i − [k = y_i] / p_i,y_i)`.
 * - Logits (`fromLogits: true`): `ℓ_i = logSumExp(z_i) − z_i,y_i`; fused gradient
 *   `∂L/∂z_ik = (w_i/N) · (softmax(z_i)_k − [k = y_i])`.
 *
 * Like the categorical loss, probabilities are normalized before they are clipped (Keras 3's
 * numpy and JAX backends); TensorFlow.js and Keras's TensorFlow backend clip first, which only
 * differs for rows with entries outside `[ε, 1 − ε]`.
 *
 * Shapes: yPred is `[N, C]`; yTrue is `[N]` or `[N, 1]` holding integers (stored as floats);
 * the gradient is `[N, C]`.
 *
 * @throws ConfigError when `fromLogits` is not a boolean.
 * @throws ShapeError (from forward) when yTrue is not `[N]` or `[N, 1]`.
 * @throws DataError (from forward) naming the sample when a label is not an integer in `[0, C − 1]`,
 * and (probabilities only) when a row of yPred does not have a positive sum.
 * @example
 * ```ts
 * const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
 * loss.forward(tensor([[0, 0]]), tensor([1])); // log 2 ≈ 0.6931
 * ```
 */
export class SparseCategoricalCrossentropy extends Loss {
  static override readonly className: string = 'SparseCategoricalCrossentropy';
  static override readonly optionKeys: readonly string[] = ['fromLogits'];

  /** True when yPred holds logits. */
  readonly fromLogits: boolean;

  constructor(options: CrossentropyOptions = {}) {
    super(options);
    this.fromLogits = resolveCrossentropyOptions('SparseCategoricalCrossentropy', options).fromLogits;
  }

  /** `new SparseCategoricalCrossentropy(config)`. */
  static fromConfig(config: CrossentropyOptions): SparseCategoricalCrossentropy {
    return new SparseCategoricalCrossentropy(config);
  }

  override getConfig(): CrossentropyConfig {
    return { ...super.getConfig(), fromLogits: this.fromLogits };
  }

  /** yTrue holds one class index per row of yPred: `[N]` or `[N, 1]` for `[N, C]` (`[N, T]` or `[N, T, 1]` for `[N, T, C]`). */
  protected override checkLabels(predShape: readonly number[], trueShape: readonly number[], shownPred: readonly number[] = predShape, shownTrue: readonly number[] = trueShape): void {
    const n = predShape[0];
    const fits = trueShape[0] === n && (trueShape.length === 1 || (trueShape.length === 2 && trueShape[1] === 1));
    if (!fits) {
      const lead = formatShape(shownPred.slice(0, -1)).slice(1, -1);
      throw new ShapeError(`${this.className}: yTrue must hold one class index per sample of yPred ${formatShape(shownPred)}: expected [${lead}] or [${lead}, 1], got ${formatShape(shownTrue)}`);
    }
  }

  /** Labels are class indices. */
  protected override takesClassIndices(): boolean {
    return true;
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data;
    this.checkIndices(yTrue, n, c);
    if (this.fromLogits) {
      logSumExpRows(ndarray(out, [n]), yPred);
      for (let i = 0; i < n; i++) out[i] -= p[yPred.offset + i * c + label(yTrue, i)];
      return;
    }
    for (let i = 0, row = yPred.offset; i < n; i++, row += c) {
      const s = probabilityRowSum(this.className, p, row, c, i);
      out[i] = -math.log(clipProbability(p[row + label(yTrue, i)] / s));
    }
  }

  // Logits: ℓ = lse(z) − z_y, so ∂ℓ/∂z_k = softmax(z)_k − [k = y].
  // Probabilities: ℓ = −log clip(p_y/s) with s = Σ_j p_j. Inside the clip bounds,
  //   ∂ℓ/∂p_k = −(1/q_y) · ∂q_y/∂p_k with q_y = p_y/s and ∂q_y/∂p_k = [k = y]/s − p_y/s²,
  //   so ∂ℓ/∂p_k = −[k = y]/p_y + 1/s; outside, the clip passes no gradient and it is 0.
  //   (The one-hot case of CategoricalCrossentropy's −t_k u_k/p_k + (Σ_j t_j u_j)/s.)
  // The base's scale_i = w_i/N completes ∂L/∂yPred.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, g = out.data;
    if (this.fromLogits) {
      softmaxRows(out, yPred);
      for (let i = 0, gp = out.offset; i < n; i++, gp += c) {
        const k = scale[i];
        for (let j = 0; j < c; j++) g[gp + j] *= k;
        g[gp + label(yTrue, i)] -= k;
      }
      return out;
    }
    for (let i = 0, row = yPred.offset, gp = out.offset; i < n; i++, row += c, gp += c) {
      const s = probabilityRowSum(this.className, p, row, c, i);
      const y = label(yTrue, i);
      if (!isWithinClip(p[row + y] / s)) {
        for (let j = 0; j < c; j++) g[gp + j] = 0;
        continue;
      }
      const k = scale[i];
      for (let j = 0; j < c; j++) g[gp + j] = k / s;
      g[gp + y] -= k / p[row + y];
    }
    return out;
  }

  /** Throws a DataError naming the first sample whose label is not an integer in `[0, c − 1]`. */
  private checkIndices(yTrue: Tensor, n: number, c: number): void {
    for (let i = 0; i < n; i++) {
      const v = yTrue.data[yTrue.offset + i];
      if (!(Number.isInteger(v) && v >= 0 && v < c)) {
        throw new DataError(`${this.className}: yTrue[${i}] is ${v}, not a class index in [0, ${c - 1}] (yPred has ${c} classes)`);
      }
    }
  }
}

/** The class index of sample `i` of a contiguous `[N]` or `[N, 1]` label tensor. */
function label(yTrue: Tensor, i: number): number {
  return yTrue.data[yTrue.offset + i];
}
