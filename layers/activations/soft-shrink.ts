/** {@link SoftShrink}: soft thresholding, which moves every value `λ` towards 0. */
import type { LayerConfig, LayerOptions } from '../layer';
import { numberOption } from './activation-options';
import { ElementwiseActivation } from './elementwise-activation';

/** Options of {@link SoftShrink} and {@link HardShrink}. */
export interface ShrinkOptions extends LayerOptions {
  /** The half-width `λ ≥ 0` of the band around 0 that is set to 0. @defaultValue 0.5 */
  threshold?: number;
}

/** The JSON form of a {@link SoftShrink} or {@link HardShrink}. */
export interface ShrinkConfig extends LayerConfig {
  threshold: number;
}

/**
 * `y = x − λ` for `x > λ`, `y = x + λ` for `x < −λ`, `y = 0` otherwise, element by element
 * (Keras's `soft_shrink`). `y ≠ 0` exactly outside the band, so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `threshold` is negative or not a number.
 * @example
 * ```ts
 * new SoftShrink().forward(tensor([[-2, 0.3, 1]])); // [[-1.5, 0, 0.5]]
 * ```
 */
export class SoftShrink extends ElementwiseActivation {
  static override readonly className: string = 'SoftShrink';
  static override readonly optionKeys: readonly string[] = ['threshold'];

  /** The half-width `λ` of the zero band. */
  readonly threshold: number;

  constructor(options: ShrinkOptions = {}) {
    super(options);
    this.threshold = numberOption('SoftShrink', 'threshold', options.threshold ?? 0.5, 0);
  }

  /** `new SoftShrink(config)`: rebuilds a layer from {@link SoftShrink.getConfig}. */
  static fromConfig(config: ShrinkConfig): SoftShrink {
    return new SoftShrink(config);
  }

  override getConfig(): ShrinkConfig {
    return { ...super.getConfig(), threshold: this.threshold };
  }

  /** `f(x) = x − λ`, `x + λ` or `0`. */
  protected activate(x: number): number {
    const t = this.threshold;
    return x > t ? x - t : x < -t ? x + t : 0;
  }

  /** `f′(x) = 1` for `|x| > λ`, else `0`; `|x| > λ` exactly when `y ≠ 0`. */
  protected derivative(y: number): number {
    return y !== 0 ? 1 : 0;
  }
}
