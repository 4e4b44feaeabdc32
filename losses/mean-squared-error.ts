/** The mean squared error loss. */
import type { Tensor } from '../lib/tensor';
import { Loss, type LossConfig } from './loss';

/**
 * The mean squared error, averaged over the `C` outputs of each sample as Keras does, then over
 * the batch: `ℓ_i = (1/C) Σ_j (yPred[i, j] − yTrue[i, j])²`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient: `∂L/∂yPred[i, j] = (w_i/N) · (2/C) · (yPred[i, j] − yTrue[i, j])`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const mse = new MeanSquaredError();
 * mse.forward(tensor([[1, 2]]), tensor([[0, 0]])); // (1 + 4) / 2 = 2.5
 * const dYPred = mse.backward();                    // [[1, 2]]
 * ```
 */
export class MeanSquaredError extends Loss {
  static override readonly className: string = 'MeanSquaredError';

  /** Rebuilds the loss from {@link Loss.getConfig} (it has no options). */
  static fromConfig(_config: LossConfig = {}): MeanSquaredError {
    return new MeanSquaredError();
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    let pp = yPred.offset, tp = yTrue.offset;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < c; j++) {
        const d = p[pp++] - t[tp++];
        sum += d * d;
      }
      out[i] = sum / c;
    }
  }

  // ∂ℓ_i/∂p_ij = (1/C) · 2 · (p_ij − t_ij); the base's scale_i = w_i/N completes ∂L/∂p_ij.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    let pp = yPred.offset, tp = yTrue.offset, gp = out.offset;
    for (let i = 0; i < n; i++) {
      const k = (2 * scale[i]) / c;
      for (let j = 0; j < c; j++) g[gp++] = k * (p[pp++] - t[tp++]);
    }
    return out;
  }
}
