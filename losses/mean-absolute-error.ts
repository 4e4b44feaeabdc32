/** The mean absolute error loss. */
import type { Tensor } from '../lib/tensor';
import { Loss, type LossConfig } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The mean absolute error, averaged over the `C` outputs of each sample as Keras does, then over
 * the batch: `ℓ_i = (1/C) Σ_j |yPred[i, j] − yTrue[i, j]|`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient: `∂L/∂yPred[i, j] = (w_i/N) · sign(yPred[i, j] − yTrue[i, j]) / C`, with `sign(0) = 0`
 * (the subgradient TensorFlow uses at the kink).
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const mae = new MeanAbsoluteError();
 * mae.forward(tensor([[1, -2]]), tensor([[0, 0]])); // (1 + 2) / 2 = 1.5
 * const dYPred = mae.backward();                     // [[0.5, −0.5]]
 * ```
 */
export class MeanAbsoluteError extends Loss {
  static override readonly className: string = 'MeanAbsoluteError';

  /** Rebuilds the loss from {@link Loss.getConfig} (it has no options). */
  static fromConfig(_config: LossConfig = {}): MeanAbsoluteError {
    return new MeanAbsoluteError();
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    let pp = yPred.offset, tp = yTrue.offset;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < c; j++) sum += math.abs(p[pp++] - t[tp++]);
      out[i] = sum / c;
    }
  }

  // ∂ℓ_i/∂p_ij = sign(p_ij − t_ij) / C (0 where p = t); the base's scale_i = w_i/N completes ∂L/∂p_ij.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    let pp = yPred.offset, tp = yTrue.offset, gp = out.offset;
    for (let i = 0; i < n; i++) {
      const k = scale[i] / c;
      for (let j = 0; j < c; j++) g[gp++] = k * math.sign(p[pp++] - t[tp++]);
    }
    return out;
  }
}
