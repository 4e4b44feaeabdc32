/** {@link Threshold}: keeps values above a threshold and replaces the others by a constant. */
import type { LayerConfig, LayerOptions } from '../layer';
import { numberOption } from './activation-options';
import { InputDerivativeActivation } from './input-derivative-activation';

/** Options of {@link Threshold}. */
export interface ThresholdOptions extends LayerOptions {
  /** The threshold `t`: values `x > t` are kept. Keras's function requires it. @defaultValue 0 */
  threshold?: number;
  /** The value `v` given to every `x ≤ t`. Keras's function requires it. @defaultValue 0 */
  defaultValue?: number;
}

/** The JSON form of a {@link Threshold}. */
export interface ThresholdConfig extends LayerConfig {
  threshold: number;
  defaultValue: number;
}

/**
 * `y = x` for `x > t`, `y = v` otherwise, element by element (Keras's
 * `threshold(x, threshold, default_value)`). With `v > t` the output does not say which piece
 * `x` was on, so backward uses slopes cached from `x`.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `threshold` or `defaultValue` is not a finite number.
 * @example
 * ```ts
 * new Threshold({ threshold: 1, defaultValue: -5 }).forward(tensor([[0.5, 2]])); // [[-5, 2]]
 * ```
 */
export class Threshold extends InputDerivativeActivation {
  static override readonly className: string = 'Threshold';
  static override readonly optionKeys: readonly string[] = ['threshold', 'defaultValue'];

  /** The threshold `t`. */
  readonly threshold: number;
  /** The value `v` below the threshold. */
  readonly defaultValue: number;

  constructor(options: ThresholdOptions = {}) {
    super(options);
    this.threshold = numberOption('Threshold', 'threshold', options.threshold ?? 0);
    this.defaultValue = numberOption('Threshold', 'defaultValue', options.defaultValue ?? 0);
  }

  /** `new Threshold(config)`: rebuilds a layer from {@link Threshold.getConfig}. */
  static fromConfig(config: ThresholdConfig): Threshold {
    return new Threshold(config);
  }

  override getConfig(): ThresholdConfig {
    return { ...super.getConfig(), threshold: this.threshold, defaultValue: this.defaultValue };
  }

  /** `f(x) = x` for `x > t`, else `v`. */
  protected activate(x: number): number {
    return x > this.threshold ? x : this.defaultValue;
  }

  /** `f′(x) = 1` for `x > t`, else `0`. */
  protected derivative(x: number): number {
    return x > this.threshold ? 1 : 0;
  }
}
