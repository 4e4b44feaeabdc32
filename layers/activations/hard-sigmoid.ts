/** {@link HardSigmoid}: the piecewise-linear sigmoid. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y = relu6(x + 3) / 6 = clip(x/6 + 1/2, 0, 1)` element by element: 0 below −3, 1 above 3,
 * linear in between. This is Keras 3's definition; Keras 2 and TensorFlow.js use the steeper
 * `clip(0.2·x + 0.5, 0, 1)`.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new HardSigmoid().forward(tensor([[-4, 0, 1.5, 4]])); // [[0, 0.5, 0.75, 1]]
 * ```
 */
export class HardSigmoid extends ElementwiseActivation {
  static override readonly className: string = 'HardSigmoid';

  /** `new HardSigmoid(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): HardSigmoid {
    return new HardSigmoid(config);
  }

  /** `f(x) = min(max(x + 3, 0), 6) / 6`. */
  protected activate(x: number): number {
    return math.min(math.max(x + 3, 0), 6) / 6;
  }

  /** `f′(x) = 1/6` for `−3 < x < 3` (exactly where `0 < y < 1`), else 0 (0 at the kinks). */
  protected derivative(y: number): number {
    return y > 0 && y < 1 ? 1 / 6 : 0;
  }
}
