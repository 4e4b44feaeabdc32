/** {@link HardSilu}: SiLU's piecewise stand-in, `x·relu6(x + 3)/6` (hard swish). */
import type { LayerConfig } from '../layer';
import { InputDerivativeActivation } from './input-derivative-activation';

/**
 * `y = 0` for `x < −3`, `y = x·(x + 3)/6` for `−3 ≤ x ≤ 3`, `y = x` for `x > 3`, element by element
 * (Keras's `hard_silu`, also `hard_swish`; Howard et al., 2019). It is not monotonic (its minimum is at
 * `x = −1.5`), so backward uses slopes cached from `x`.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new HardSilu().forward(tensor([[-4, 1, 4]])); // [[0, 0.6667, 4]]
 * ```
 */
export class HardSilu extends InputDerivativeActivation {
  static override readonly className: string = 'HardSilu';

  /** `new HardSilu(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): HardSilu {
    return new HardSilu(config);
  }

  /** `f(x) = x·min(max(x + 3, 0), 6)/6`. */
  protected activate(x: number): number {
    return x < -3 ? 0 : x > 3 ? x : (x * (x + 3)) / 6;
  }

  /** `f′(x) = 0` for `x < −3`, `(2x + 3)/6` for `−3 < x < 3`, `1` for `x > 3` (the inner value at the kinks). */
  protected derivative(x: number): number {
    return x < -3 ? 0 : x > 3 ? 1 : (2 * x + 3) / 6;
  }
}
