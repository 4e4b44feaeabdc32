/** {@link CELU}: the continuously differentiable exponential linear unit. */
import type { LayerConfig, LayerOptions } from '../layer';
import { numberOption } from './activation-options';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link CELU}. */
export interface CELUOptions extends LayerOptions {
  /** The scale `α > 0` of the negative part, which saturates at `−α`. @defaultValue 1 */
  alpha?: number;
}

/** The JSON form of a {@link CELU}. */
export interface CELUConfig extends LayerConfig {
  alpha: number;
}

/**
 * `y = x` for `x ≥ 0`, `y = α·(e^(x/α) − 1)` for `x < 0`, element by element (Keras's `celu`;
 * Barron, 2017). Unlike ELU its slope is 1 on both sides of 0 for every `α`. `y > 0` exactly
 * where `x > 0`, so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `alpha` is not a positive number.
 * @example
 * ```ts
 * new CELU({ alpha: 0.5 }).forward(tensor([[-1, 2]])); // [[-0.4323, 2]]
 * ```
 */
export class CELU extends ElementwiseActivation {
  static override readonly className: string = 'CELU';
  static override readonly optionKeys: readonly string[] = ['alpha'];

  /** The scale `α` of the negative part. */
  readonly alpha: number;

  constructor(options: CELUOptions = {}) {
    super(options);
    this.alpha = numberOption('CELU', 'alpha', options.alpha ?? 1, 0, true);
  }

  /** `new CELU(config)`: rebuilds a layer from {@link CELU.getConfig}. */
  static fromConfig(config: CELUConfig): CELU {
    return new CELU(config);
  }

  override getConfig(): CELUConfig {
    return { ...super.getConfig(), alpha: this.alpha };
  }

  /** `f(x) = x` for `x ≥ 0`, else `α·expm1(x/α)` (exact near 0). */
  protected activate(x: number): number {
    return x >= 0 ? x : this.alpha * math.expm1(x / this.alpha);
  }

  /** `f′(x) = 1` for `x ≥ 0`, else `e^(x/α) = y/α + 1`. */
  protected derivative(y: number): number {
    return y >= 0 ? 1 : y / this.alpha + 1;
  }
}
