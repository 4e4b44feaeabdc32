/** {@link ReLU}: the rectified linear unit. */
import { relu, reluBackward } from '../../lib/kernels';
import type { Tensor } from '../../lib/tensor';
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/**
 * `y = max(0, x)` element by element (NaN stays NaN). Its output is also its mask: `y > 0`
 * exactly where `x > 0`, so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new ReLU().forward(tensor([[-1, 2]])); // [[0, 2]]
 * ```
 */
export class ReLU extends ElementwiseActivation {
  static override readonly className: string = 'ReLU';

  /** `new ReLU(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): ReLU {
    return new ReLU(config);
  }

  /** `f(x) = max(0, x)`. */
  protected activate(x: number): number {
    return x < 0 ? 0 : x;
  }

  /** `f′(x) = 1` for `x > 0`, else `0` (0 at the kink, as TensorFlow); `x > 0` exactly when `y > 0`. */
  protected derivative(y: number): number {
    return y > 0 ? 1 : 0;
  }

  /** `out = max(0, x)` through the {@link relu} kernel (WebAssembly SIMD on the kernel heap). */
  protected override activateAll(out: Tensor, x: Tensor): Tensor {
    return relu(out, x);
  }

  /** `dx = dy ⊙ [y > 0]` through the {@link reluBackward} kernel. */
  protected override backpropAll(dx: Tensor, dy: Tensor, y: Tensor): Tensor {
    return reluBackward(dx, dy, y);
  }
}
