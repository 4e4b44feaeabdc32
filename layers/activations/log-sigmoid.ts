/** {@link LogSigmoid}: the logarithm of the sigmoid, `−softplus(−x)`. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y = log σ(x) = −log(1 + e^(−x))` element by element (Keras's `log_sigmoid`), in `(−∞, 0)`, computed as
 * `min(x, 0) − log1p(e^(−|x|))` so that no exponential overflows. Backward reads `σ(−x) = 1 − e^y`
 * from the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new LogSigmoid().forward(tensor([[0]])); // [[-0.6931]] (−log 2)
 * ```
 */
export class LogSigmoid extends ElementwiseActivation {
  static override readonly className: string = 'LogSigmoid';

  /** `new LogSigmoid(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): LogSigmoid {
    return new LogSigmoid(config);
  }

  /** `f(x) = min(x, 0) − log1p(e^(−|x|))`. */
  protected activate(x: number): number {
    return math.min(x, 0) - math.log1p(math.exp(-math.abs(x)));
  }

  /** `f′(x) = 1 − σ(x) = σ(−x)`; since `e^y = σ(x)`, `f′ = 1 − e^y`, computed as `−expm1(y)` to stay exact when `y` is tiny. */
  protected derivative(y: number): number {
    return -math.expm1(y);
  }
}
