/** {@link SparsePlus}: a smooth ReLU whose curved part is a parabola on `(−1, 1)`. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y = 0` for `x ≤ −1`, `y = ¼·(x + 1)²` for `−1 < x < 1`, `y = x` for `x ≥ 1`, element by element
 * (Keras's `sparse_plus`; Blondel et al., 2019). It is monotonic, and on the parabola `f′ = ½·(x + 1) = √y`,
 * so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new SparsePlus().forward(tensor([[-2, 0, 2]])); // [[0, 0.25, 2]]
 * ```
 */
export class SparsePlus extends ElementwiseActivation {
  static override readonly className: string = 'SparsePlus';

  /** `new SparsePlus(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): SparsePlus {
    return new SparsePlus(config);
  }

  /** `f(x) = 0`, `¼·(x + 1)²` or `x` on `x ≤ −1`, `−1 < x < 1`, `x ≥ 1`. */
  protected activate(x: number): number {
    if (x <= -1) return 0;
    return x < 1 ? 0.25 * (x + 1) * (x + 1) : x;
  }

  /** `f′(x) = 0`, `½·(x + 1)` or `1` on the three pieces; in terms of `y`: `√y` for `y < 1` (0 for `y = 0`), else `1`. */
  protected derivative(y: number): number {
    return y >= 1 ? 1 : math.sqrt(y);
  }
}
