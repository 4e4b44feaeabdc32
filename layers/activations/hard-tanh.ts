/** {@link HardTanh}: tanh's piecewise-linear stand-in, `clip(x, −1, 1)`. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/**
 * `y = clip(x, −1, 1)` element by element (Keras's `hard_tanh`). `|y| < 1` exactly on the identity
 * piece, so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new HardTanh().forward(tensor([[-2, 0.5, 3]])); // [[-1, 0.5, 1]]
 * ```
 */
export class HardTanh extends ElementwiseActivation {
  static override readonly className: string = 'HardTanh';

  /** `new HardTanh(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): HardTanh {
    return new HardTanh(config);
  }

  /** `f(x) = −1` for `x < −1`, `x` for `−1 ≤ x ≤ 1`, `1` for `x > 1`. */
  protected activate(x: number): number {
    return x < -1 ? -1 : x > 1 ? 1 : x;
  }

  /** `f′(x) = 1` for `|x| < 1`, else `0`; `|x| < 1` exactly when `|y| < 1`. */
  protected derivative(y: number): number {
    return y > -1 && y < 1 ? 1 : 0;
  }
}
