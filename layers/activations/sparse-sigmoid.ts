/** {@link SparseSigmoid}: the sigmoid's piecewise-linear sparse stand-in, `clip((x + 1)/2, 0, 1)`. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/**
 * `y = 0` for `x ≤ −1`, `y = ½·(x + 1)` for `−1 < x < 1`, `y = 1` for `x ≥ 1`, element by element
 * (Keras's `sparse_sigmoid`; Blondel et al., 2019). `0 < y < 1` exactly on the linear piece, so backward
 * needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new SparseSigmoid().forward(tensor([[-2, 0, 2]])); // [[0, 0.5, 1]]
 * ```
 */
export class SparseSigmoid extends ElementwiseActivation {
  static override readonly className: string = 'SparseSigmoid';

  /** `new SparseSigmoid(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): SparseSigmoid {
    return new SparseSigmoid(config);
  }

  /** `f(x) = clip(½·(x + 1), 0, 1)`. */
  protected activate(x: number): number {
    return x <= -1 ? 0 : x >= 1 ? 1 : 0.5 * (x + 1);
  }

  /** `f′(x) = ½` for `−1 < x < 1`, else `0`; `−1 < x < 1` exactly when `0 < y < 1`. */
  protected derivative(y: number): number {
    return y > 0 && y < 1 ? 0.5 : 0;
  }
}
