/** {@link Softsign}: the rational squashing function `x / (1 + |x|)`. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y = x / (1 + |x|)` element by element, in `(−1, 1)`: like tanh, but approaching its
 * asymptotes polynomially rather than exponentially.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new Softsign().forward(tensor([[-1, 3]])); // [[-0.5, 0.75]]
 * ```
 */
export class Softsign extends ElementwiseActivation {
  static override readonly className: string = 'Softsign';

  /** `new Softsign(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Softsign {
    return new Softsign(config);
  }

  /** `f(x) = x / (1 + |x|)`. */
  protected activate(x: number): number {
    return x / (1 + math.abs(x));
  }

  /** `f′(x) = 1 / (1 + |x|)²`; since `|y| = |x|/(1 + |x|)`, `1/(1 + |x|) = 1 − |y|`, so `f′ = (1 − |y|)²`. */
  protected derivative(y: number): number {
    const t = 1 - math.abs(y);
    return t * t;
  }
}
