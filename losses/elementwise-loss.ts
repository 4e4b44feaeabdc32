/**
 * {@link ElementwiseLoss}: the shared loops of the losses that add up one term per output
 * (MeanSquaredError, MeanAbsoluteError, Huber, LogCosh, Poisson, KLDivergence, Hinge,
 * SquaredHinge, BinaryCrossentropy), so each of those files holds only `f` and `∂f/∂p`.
 */
import type { Tensor } from '../lib/tensor';
import { Loss } from './loss';

/**
 * A loss whose sample loss is the mean of one term per output (Keras's `mean(..., axis=-1)`):
 * `ℓ_i = (1/C) Σ_j f(p_ij, t_ij)` with `p = yPred`, `t = yTrue`, then `L = (1/N) Σ_i w_i · ℓ_i`.
 * A subclass that sums over the outputs instead (KLDivergence) sets `isMeanOverOutputs` to false,
 * which drops the `1/C`.
 *
 * Gradient: `∂L/∂yPred[i, j] = (w_i/N) · f′(p_ij, t_ij) / C`, with `f′ = ∂f/∂p`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * Subclasses implement `term` (`f`) and `termGradient` (`f′`), and override `prepareLabels`
 * when their reading of a label depends on the whole batch (the hinge losses' {0, 1} labels).
 */
export abstract class ElementwiseLoss extends Loss {
  /** True for the mean over the `C` outputs of a sample, false for their sum. */
  protected readonly isMeanOverOutputs: boolean = true;

  /** `ℓ_i = (1/C) Σ_j f(p_ij, t_ij)` into `out[i]`, walking both rows with one index each. */
  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    this.prepareLabels(yTrue);
    const [n, c] = yPred.shape;
    const divisor = this.isMeanOverOutputs ? c : 1;
    const p = yPred.data, t = yTrue.data;
    let pp = yPred.offset, tp = yTrue.offset;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < c; j++) sum += this.term(p[pp++], t[tp++]);
      out[i] = sum / divisor;
    }
  }

  // ∂ℓ_i/∂p_ij = f′(p_ij, t_ij)/C (no 1/C for a sum): every other term of ℓ_i is constant in p_ij.
  // The base's scale_i = w_i/N completes ∂L/∂p_ij.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    this.prepareLabels(yTrue);
    const [n, c] = yPred.shape;
    const divisor = this.isMeanOverOutputs ? c : 1;
    const p = yPred.data, t = yTrue.data, g = out.data;
    let pp = yPred.offset, tp = yTrue.offset, gp = out.offset;
    for (let i = 0; i < n; i++) {
      const k = scale[i] / divisor;
      for (let j = 0; j < c; j++) g[gp++] = k * this.termGradient(p[pp++], t[tp++]);
    }
    return out;
  }

  /**
   * Called with the batch's labels (contiguous) before the terms of a forward or backward are
   * computed. The default does nothing.
   */
  protected prepareLabels(_yTrue: Tensor): void {}

  /** `f(p, t)`, the term of one output with prediction `p` and label `t`. */
  protected abstract term(p: number, t: number): number;

  /** `∂f/∂p` at `(p, t)`. */
  protected abstract termGradient(p: number, t: number): number;
}
