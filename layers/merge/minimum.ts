/** {@link Minimum}: the element-wise minimum of its inputs. */
import type { Tensor } from '../../lib/tensor';
import type { LayerConfig } from '../layer';
import { copyValues, ElementwiseMerge, routeToWinners } from './elementwise-merge';

/**
 * The element-wise minimum of two or more inputs of one shape, as Keras's `Minimum`:
 * `Y_i = min_k X_k,i`. A NaN in any input gives NaN. Forward records which input won each
 * element: the first one holding the minimum, so a tie goes to the earlier
 * input, as in TensorFlow.js (its layer folds `minimum(minimum(x1, x2), x3)`, and `minimum`'s
 * gradient goes to `a` where `a <= b`).
 *
 * Input: two or more `[batch, …]` tensors of one shape. Output: the same shape.
 * @throws ShapeError for inputs whose shapes differ, naming the layer, the input's position and both shapes.
 * @example
 * ```ts
 * new Minimum().forwardInputs([tensor([[1, 5]]), tensor([[3, 2]])]); // [[1, 2]]
 * ```
 */
export class Minimum extends ElementwiseMerge {
  static override readonly className: string = 'Minimum';

  /** For each element of the last forward, the index of the input that won it. */
  private winners = new Int32Array(0);

  /** `new Minimum(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Minimum {
    return new Minimum(config);
  }

  /** `Y = min_k X_k` into the reused output buffer, with the input that won each element. */
  protected callMany(inputs: readonly Tensor[]): Tensor {
    const y = copyValues(this.buffer('Y', inputs[0].shape), inputs[0]);
    const n = y.size;
    if (this.winners.length !== n) this.winners = new Int32Array(n);
    const w = this.winners;
    w.fill(0);
    const yd = y.data, yo = y.offset;
    for (let k = 1; k < inputs.length; k++) {
      const xd = inputs[k].data;
      for (let i = 0, xp = inputs[k].offset, yp = yo; i < n; i++, xp++, yp++) {
        const v = xd[xp], best = yd[yp];
        // Strictly less keeps a tie with the earlier input; the first NaN wins and stays.
        if (v < best || (v !== v && best === best)) {
          yd[yp] = v;
          w[i] = k;
        }
      }
    }
    return y;
  }

  /** `∂Y_i/∂X_k,i = 1` for the input `k` that won element `i`, else 0: `dX_k = dOut ⊙ [winner = k]`. */
  protected backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[] {
    const dInputs = needInputGradients.map((need, k) => (need ? this.buffer(`dX${k}`, dOut.shape) : null));
    routeToWinners(dInputs, dOut, this.winners);
    return dInputs;
  }
}
