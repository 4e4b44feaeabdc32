/** {@link HardShrink}: hard thresholding, which zeroes every value in the band `[−λ, λ]`. */
import { numberOption } from './activation-options';
import { ElementwiseActivation } from './elementwise-activation';
import type { ShrinkConfig, ShrinkOptions } from './soft-shrink';

/**
 * `y = x` for `|x| > λ`, `y = 0` otherwise, element by element (Keras's `hard_shrink`).
 * `y ≠ 0` exactly outside the band (for `λ ≥ 0`), so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `threshold` is negative or not a number.
 * @example
 * ```ts
 * new HardShrink().forward(tensor([[-2, 0.3, 1]])); // [[-2, 0, 1]]
 * ```
 */
export class HardShrink extends ElementwiseActivation {
  static override readonly className: string = 'HardShrink';
  static override readonly optionKeys: readonly string[] = ['threshold'];

  /** The half-width `λ` of the zero band. */
  readonly threshold: number;

  constructor(options: ShrinkOptions = {}) {
    super(options);
    this.threshold = numberOption('HardShrink', 'threshold', options.threshold ?? 0.5, 0);
  }

  /** `new HardShrink(config)`: rebuilds a layer from {@link HardShrink.getConfig}. */
  static fromConfig(config: ShrinkConfig): HardShrink {
    return new HardShrink(config);
  }

  override getConfig(): ShrinkConfig {
    return { ...super.getConfig(), threshold: this.threshold };
  }

  /** `f(x) = x` for `|x| > λ`, else `0`. */
  protected activate(x: number): number {
    return x > this.threshold || x < -this.threshold ? x : 0;
  }

  /** `f′(x) = 1` for `|x| > λ`, else `0`; `|x| > λ` exactly when `y ≠ 0`. */
  protected derivative(y: number): number {
    return y !== 0 ? 1 : 0;
  }
}
