/** The squared hinge loss: the hinge's margin violations, squared. */
import type { Tensor } from '../lib/tensor';
import { hingeLabelMap } from './hinge-labels';
import { Loss, type LossConfig } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The squared hinge loss, averaged over the `C` outputs of each sample, then over the batch:
 * `ℓ_i = (1/C) Σ_j max(1 − y_ij · p_ij, 0)²`, `L = (1/N) Σ_i w_i · ℓ_i`, for labels `y = ±1`.
 * Binary labels are accepted as Keras does: when every label of the batch is 0 or 1, `y = 2t − 1`.
 *
 * Gradient: `∂L/∂yPred[i, j] = −(w_i/N) · 2 · y_ij · max(1 − y_ij · p_ij, 0) / C`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const loss = new SquaredHinge();
 * loss.forward(tensor([[0.5, -2]]), tensor([[1, 1]])); // (0.25 + 9) / 2 = 4.625
 * ```
 */
export class SquaredHinge extends Loss {
  static override readonly className: string = 'SquaredHinge';

  /** Rebuilds the loss from {@link Loss.getConfig} (it has no options). */
  static fromConfig(_config: LossConfig = {}): SquaredHinge {
    return new SquaredHinge();
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    const { scale, shift } = hingeLabelMap(yTrue);
    let pp = yPred.offset, tp = yTrue.offset;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < c; j++) {
        const m = math.max(1 - (t[tp++] * scale + shift) * p[pp++], 0);
        sum += m * m;
      }
      out[i] = sum / c;
    }
  }

  // With m = max(1 − y·p, 0): ∂m²/∂p = 2m · ∂m/∂p = 2m · (−y) (where m = 0 the product is 0
  // anyway), so ∂ℓ_i/∂p_ij = −2·y_ij·m_ij/C. The base's scale_i = w_i/N completes ∂L/∂p_ij.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    const labels = hingeLabelMap(yTrue);
    let pp = yPred.offset, tp = yTrue.offset, gp = out.offset;
    for (let i = 0; i < n; i++) {
      const k = (2 * scale[i]) / c;
      for (let j = 0; j < c; j++) {
        const y = t[tp++] * labels.scale + labels.shift;
        g[gp++] = -k * y * math.max(1 - y * p[pp++], 0);
      }
    }
    return out;
  }
}
