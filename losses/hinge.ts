/** The hinge loss of maximum-margin classifiers. */
import type { Tensor } from '../lib/tensor';
import { hingeLabelMap } from './hinge-labels';
import { Loss, type LossConfig } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The hinge loss, averaged over the `C` outputs of each sample, then over the batch:
 * `ℓ_i = (1/C) Σ_j max(1 − y_ij · p_ij, 0)`, `L = (1/N) Σ_i w_i · ℓ_i`, for labels `y = ±1`.
 * Binary labels are accepted as Keras does: when every label of the batch is 0 or 1, `y = 2t − 1`.
 *
 * Gradient: `∂L/∂yPred[i, j] = −(w_i/N) · y_ij / C` where the margin `1 − y_ij · p_ij > 0`, and 0
 * elsewhere (including at the kink).
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const hinge = new Hinge();
 * hinge.forward(tensor([[0.5, -2]]), tensor([[1, 1]])); // labels ±1: (0.5 + 3) / 2 = 1.75
 * ```
 */
export class Hinge extends Loss {
  static override readonly className: string = 'Hinge';

  /** Rebuilds the loss from {@link Loss.getConfig} (it has no options). */
  static fromConfig(_config: LossConfig = {}): Hinge {
    return new Hinge();
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    const { scale, shift } = hingeLabelMap(yTrue);
    let pp = yPred.offset, tp = yTrue.offset;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < c; j++) sum += math.max(1 - (t[tp++] * scale + shift) * p[pp++], 0);
      out[i] = sum / c;
    }
  }

  // ∂/∂p max(1 − y·p, 0) = −y where 1 − y·p > 0, else 0; so ∂ℓ_i/∂p_ij = −y_ij/C on the
  // active margins. The base's scale_i = w_i/N completes ∂L/∂p_ij.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    const labels = hingeLabelMap(yTrue);
    let pp = yPred.offset, tp = yTrue.offset, gp = out.offset;
    for (let i = 0; i < n; i++) {
      const k = scale[i] / c;
      for (let j = 0; j < c; j++) {
        const y = t[tp++] * labels.scale + labels.shift;
        g[gp++] = 1 - y * p[pp++] > 0 ? -k * y : 0;
      }
    }
    return out;
  }
}
