/** The categorical (multi-class) hinge loss. */
import type { Tensor } from '../lib/tensor';
import { Loss, type LossOptions } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The categorical hinge loss of one-hot labels (Crammer-Singer's multi-class margin): the score
 * of the true class should beat the best other score by 1.
 * `pos_i = Σ_j t_ij · p_ij`, `neg_i = max_j (1 − t_ij) · p_ij`,
 * `ℓ_i = max(neg_i − pos_i + 1, 0)`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient where `ℓ_i > 0`: `∂L/∂yPred[i, k] = (w_i/N) · (−t_ik + (1 − t_ik) · [k ∈ M_i] / |M_i|)`,
 * with `M_i` the entries that reach the maximum `neg_i` (a tie shares the gradient equally, as
 * TensorFlow's `reduce_max` does); 0 where `ℓ_i = 0`.
 *
 * Shapes: yPred and yTrue are `[N, C]` (yTrue one-hot); the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const loss = new CategoricalHinge();
 * loss.forward(tensor([[2, 1.5, 0]]), tensor([[1, 0, 0]])); // max(1.5 − 2 + 1, 0) = 0.5
 * ```
 */
export class CategoricalHinge extends Loss {
  static override readonly className: string = 'CategoricalHinge';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): CategoricalHinge {
    return new CategoricalHinge(config);
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    for (let i = 0, row = yPred.offset, trow = yTrue.offset; i < n; i++, row += c, trow += c) {
      out[i] = math.max(negative(p, t, row, trow, c) - positive(p, t, row, trow, c) + 1, 0);
    }
  }

  // ℓ = neg − pos + 1 where positive. ∂pos/∂p_k = t_k. neg = max_j u_j with u_j = (1 − t_j)·p_j,
  // and ∂u_k/∂p_k = 1 − t_k; the max passes its gradient to the entries that reach it, split
  // equally among ties. So ∂ℓ/∂p_k = −t_k + (1 − t_k)·[u_k = neg]/|M|, and 0 where ℓ is clipped at 0.
  // The base's scale_i = w_i/N completes ∂L/∂yPred.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    for (let i = 0, row = yPred.offset, trow = yTrue.offset, gp = out.offset; i < n; i++, row += c, trow += c, gp += c) {
      const neg = negative(p, t, row, trow, c);
      if (!(neg - positive(p, t, row, trow, c) + 1 > 0)) {
        for (let j = 0; j < c; j++) g[gp + j] = 0;
        continue;
      }
      let ties = 0;
      for (let j = 0; j < c; j++) if ((1 - t[trow + j]) * p[row + j] === neg) ties++;
      const k = scale[i];
      for (let j = 0; j < c; j++) {
        const y = t[trow + j];
        g[gp + j] = k * (-y + ((1 - y) * p[row + j] === neg ? (1 - y) / ties : 0));
      }
    }
    return out;
  }
}

/** `Σ_j t_j · p_j` over one row. */
function positive(p: Tensor['data'], t: Tensor['data'], row: number, trow: number, c: number): number {
  let s = 0;
  for (let j = 0; j < c; j++) s += t[trow + j] * p[row + j];
  return s;
}

/** `max_j (1 − t_j) · p_j` over one row. */
function negative(p: Tensor['data'], t: Tensor['data'], row: number, trow: number, c: number): number {
  let m = -Infinity;
  for (let j = 0; j < c; j++) m = math.max(m, (1 - t[trow + j]) * p[row + j]);
  return m;
}
