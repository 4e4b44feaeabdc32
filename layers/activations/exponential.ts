/** {@link Exponential}: `e^x` (Keras's `'exponential'`). */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y = e^x` element by element (Keras's `exponential`). Its derivative is itself, so backward reads
 * it from the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new Exponential().forward(tensor([[0, 1]])); // [[1, 2.7183]]
 * ```
 */
export class Exponential extends ElementwiseActivation {
  static override readonly className: string = 'Exponential';

  /** `new Exponential(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Exponential {
    return new Exponential(config);
  }

  /** `f(x) = e^x`. */
  protected activate(x: number): number {
    return math.exp(x);
  }

  /** `f′(x) = e^x = y`. */
  protected derivative(y: number): number {
    return y;
  }
}
