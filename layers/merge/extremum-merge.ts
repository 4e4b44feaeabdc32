/** {@link ExtremumMerge}: the shared forward and backward of Maximum and Minimum. */
import { copyInto, type Tensor } from '../../lib/tensor';
import { ElementwiseMerge } from './elementwise-merge';

/**
 * The element-wise maximum (`sign = 1`) or minimum (`sign = −1`) of two or more inputs of one
 * shape: `Y_i = X_w,i` where input `w` is the first holding the extreme value (a tie goes to the
 * earlier input, as in TensorFlow.js). A NaN in any input gives NaN. Forward records the winner
 * of each element; backward routes `dOut` to it.
 */
export abstract class ExtremumMerge extends ElementwiseMerge {
  /** 1 for the maximum, −1 for the minimum: `v` beats `best` when `sign·v > sign·best`. */
  protected abstract readonly sign: 1 | -1;

  /** For each element of the last forward, the index of the input that won it. */
  private winners = new Int32Array(0);

  /** `Y = max_k X_k` (or min) into the reused output buffer, with the input that won each element. */
  protected callMany(inputs: readonly Tensor[]): Tensor {
    const y = copyInto(this.buffer('Y', inputs[0].shape), inputs[0]);
    const n = y.size;
    if (this.winners.length !== n) this.winners = new Int32Array(n);
    const w = this.winners;
    w.fill(0);
    const yd = y.data, yo = y.offset, s = this.sign;
    for (let k = 1; k < inputs.length; k++) {
      const xd = inputs[k].data;
      for (let i = 0, xp = inputs[k].offset, yp = yo; i < n; i++, xp++, yp++) {
        const v = xd[xp], best = yd[yp];
        // Strictly beating keeps a tie with the earlier input; the first NaN wins and stays.
        if (s * v > s * best || (v !== v && best === best)) {
          yd[yp] = v;
          w[i] = k;
        }
      }
    }
    return y;
  }

  /** `∂Y_i/∂X_k,i = 1` for the input `k` that won element `i`, else 0: `dX_k = dOut ⊙ [winner = k]`. */
  protected backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[] {
    const gd = dOut.data, go = dOut.offset, n = dOut.size, winners = this.winners;
    return needInputGradients.map((need, k) => {
      if (!need) return null;
      const dx = this.buffer(`dX${k}`, dOut.shape);
      const dd = dx.data;
      for (let i = 0, dp = dx.offset, gp = go; i < n; i++, gp++) dd[dp++] = winners[i] === k ? gd[gp] : 0;
      return dx;
    });
  }
}
