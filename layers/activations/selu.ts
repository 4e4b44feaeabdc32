/** {@link SELU}: the scaled exponential linear unit. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** SELU's `α` (Klambauer et al., 2017; the constant Keras uses). */
const ALPHA = 1.6732632423543772848170429916717;
/** SELU's scale `λ`. */
const SCALE = 1.0507009873554804934193349852946;

/**
 * `y = λ·x` for `x > 0`, `y = λ·α·(e^x − 1)` for `x ≤ 0`, with the fixed constants
 * `α ≈ 1.67326` and `λ ≈ 1.05070` that make activations self-normalizing (mean 0, variance 1)
 * under LeCun-normal initialization. `y > 0` exactly where `x > 0`, so backward needs only the
 * cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new Dense({ units: 64, activation: 'selu', kernelInitializer: 'lecunNormal' });
 * ```
 */
export class SELU extends ElementwiseActivation {
  static override readonly className: string = 'SELU';

  /** `new SELU(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): SELU {
    return new SELU(config);
  }

  /** `f(x) = λ·x` for `x > 0`, else `λ·α·expm1(x)`. */
  protected activate(x: number): number {
    return x > 0 ? SCALE * x : SCALE * ALPHA * math.expm1(x);
  }

  /** `f′(x) = λ` for `x > 0`, else `λ·α·e^x = y + λ·α`. */
  protected derivative(y: number): number {
    return y > 0 ? SCALE : y + SCALE * ALPHA;
  }
}
