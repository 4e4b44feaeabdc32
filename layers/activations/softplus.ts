/** {@link Softplus}: the smooth ReLU `log(1 + e^x)`. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y = log(1 + e^x)` element by element, in `(0, ∞)`, computed as `max(x, 0) + log1p(e^(−|x|))`
 * so that no exponential overflows and small values keep full precision. Its derivative is
 * the sigmoid, which backward reads from the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new Softplus().forward(tensor([[0]])); // [[0.6931]] (log 2)
 * ```
 */
export class Softplus extends ElementwiseActivation {
  static override readonly className: string = 'Softplus';

  /** `new Softplus(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Softplus {
    return new Softplus(config);
  }

  /** `f(x) = max(x, 0) + log1p(e^(−|x|))`. */
  protected activate(x: number): number {
    return math.max(x, 0) + math.log1p(math.exp(-math.abs(x)));
  }

  /**
   * `f′(x) = σ(x) = e^x / (1 + e^x)`. Since `e^y = 1 + e^x`, `σ(x) = (e^y − 1)/e^y = 1 − e^(−y)`,
   * computed as `−expm1(−y)` to stay exact when `y` is tiny.
   */
  protected derivative(y: number): number {
    return -math.expm1(-y);
  }
}
