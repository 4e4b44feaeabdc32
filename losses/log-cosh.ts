/** The log-cosh loss: like MSE/2 for small errors, like MAE for large ones. */
import type { Tensor } from '../lib/tensor';
import { Loss, type LossConfig } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The logarithm of the hyperbolic cosine of the error `d = yPred − yTrue`, averaged over the `C`
 * outputs of each sample, then over the batch: `ℓ_i = (1/C) Σ_j log cosh(d_ij)`,
 * `L = (1/N) Σ_i w_i · ℓ_i`. It is computed as `|d| + log(1 + e^{−2|d|}) − log 2`, which never
 * overflows (`cosh` would beyond |d| ≈ 710).
 *
 * Gradient: `∂L/∂yPred[i, j] = (w_i/N) · tanh(d_ij) / C`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const logCosh = new LogCosh();
 * logCosh.forward(tensor([[1, 0]]), tensor([[0, 0]])); // (log cosh 1 + 0) / 2 ≈ 0.2169
 * ```
 */
export class LogCosh extends Loss {
  static override readonly className: string = 'LogCosh';

  /** Rebuilds the loss from {@link Loss.getConfig} (it has no options). */
  static fromConfig(_config: LossConfig = {}): LogCosh {
    return new LogCosh();
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    let pp = yPred.offset, tp = yTrue.offset;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < c; j++) {
        // cosh(d) = e^{|d|}(1 + e^{−2|d|})/2, so log cosh(d) = |d| + log(1 + e^{−2|d|}) − log 2.
        const a = math.abs(p[pp++] - t[tp++]);
        sum += a + math.log1p(math.exp(-2 * a)) - math.LN2;
      }
      out[i] = sum / c;
    }
  }

  // d/dd log cosh(d) = sinh(d)/cosh(d) = tanh(d), so ∂ℓ_i/∂p_ij = tanh(d_ij)/C;
  // the base's scale_i = w_i/N completes ∂L/∂p_ij.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    let pp = yPred.offset, tp = yTrue.offset, gp = out.offset;
    for (let i = 0; i < n; i++) {
      const k = scale[i] / c;
      for (let j = 0; j < c; j++) g[gp++] = k * math.tanh(p[pp++] - t[tp++]);
    }
    return out;
  }
}
