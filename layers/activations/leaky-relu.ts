/** {@link LeakyReLU}: ReLU with a small slope for negative inputs. */
import { formatJson } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import type { LayerConfig, LayerOptions } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** Options of {@link LeakyReLU}. */
export interface LeakyReLUOptions extends LayerOptions {
  /**
   * The slope `α ≥ 0` for negative inputs. The default follows TensorFlow.js and Keras 2 (0.3);
   * Keras 3 renamed it `negative_slope` with default 0.2. @defaultValue 0.3
   */
  alpha?: number;
}

/** The JSON form of a {@link LeakyReLU}. */
export interface LeakyReLUConfig extends LayerConfig {
  alpha: number;
}

/**
 * `y = x` for `x ≥ 0`, `y = α·x` for `x < 0`, element by element. With `α ≥ 0`, `y > 0`
 * exactly where `x > 0`, so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `alpha` is negative or not a finite number.
 * @example
 * ```ts
 * new LeakyReLU({ alpha: 0.1 }).forward(tensor([[-1, 2]])); // [[-0.1, 2]]
 * ```
 */
export class LeakyReLU extends ElementwiseActivation {
  static override readonly className: string = 'LeakyReLU';
  static override readonly optionKeys: readonly string[] = ['alpha'];

  /** The negative slope `α`. */
  readonly alpha: number;

  constructor(options: LeakyReLUOptions = {}) {
    super(options);
    const { alpha = 0.3 } = options;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) {
      throw new ConfigError(`LeakyReLU: alpha must be a non-negative number, got ${formatJson(alpha)}`);
    }
    this.alpha = alpha;
  }

  /** `new LeakyReLU(config)`: rebuilds a layer from {@link LeakyReLU.getConfig}. */
  static fromConfig(config: LeakyReLUConfig): LeakyReLU {
    return new LeakyReLU(config);
  }

  override getConfig(): LeakyReLUConfig {
    return { ...super.getConfig(), alpha: this.alpha };
  }

  /** `f(x) = x` for `x ≥ 0`, else `α·x`. */
  protected activate(x: number): number {
    return x < 0 ? this.alpha * x : x;
  }

  /** `f′(x) = 1` for `x > 0`, else `α` (α at the kink, as TensorFlow); `x > 0` exactly when `y > 0`. */
  protected derivative(y: number): number {
    return y > 0 ? 1 : this.alpha;
  }
}
