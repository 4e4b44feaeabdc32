/** {@link ReLU6}: ReLU capped at 6 (Keras's `'relu6'`). */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/**
 * `y = min(max(x, 0), 6)` element by element (Keras's `relu6`, `ReLU({ maxValue: 6 })`). The output
 * says which piece `x` is on (`0 < y < 6` only on the identity piece), so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new ReLU6().forward(tensor([[-1, 3, 8]])); // [[0, 3, 6]]
 * ```
 */
export class ReLU6 extends ElementwiseActivation {
  static override readonly className: string = 'ReLU6';

  /** `new ReLU6(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): ReLU6 {
    return new ReLU6(config);
  }

  /** `f(x) = min(max(x, 0), 6)`. */
  protected activate(x: number): number {
    return x < 0 ? 0 : x > 6 ? 6 : x;
  }

  /** `f′(x) = 1` for `0 < x < 6`, else `0` (0 at the kinks, as TensorFlow); `0 < x < 6` exactly when `0 < y < 6`. */
  protected derivative(y: number): number {
    return y > 0 && y < 6 ? 1 : 0;
  }
}
