/** {@link ELU}: the exponential linear unit. */
import { formatJson } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import type { LayerConfig, LayerOptions } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link ELU}. */
export interface ELUOptions extends LayerOptions {
  /** The scale `α ≥ 0` of the negative part, which saturates at `−α`. @defaultValue 1 */
  alpha?: number;
}

/** The JSON form of an {@link ELU}. */
export interface ELUConfig extends LayerConfig {
  alpha: number;
}

/**
 * `y = x` for `x > 0`, `y = α·(e^x − 1)` for `x ≤ 0`, element by element (Clevert et al., 2015).
 * With `α ≥ 0`, `y > 0` exactly where `x > 0`, so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `alpha` is negative or not a finite number.
 * @example
 * ```ts
 * new ELU().forward(tensor([[-1, 2]])); // [[-0.6321, 2]]
 * ```
 */
export class ELU extends ElementwiseActivation {
  static override readonly className: string = 'ELU';
  static override readonly optionKeys: readonly string[] = ['alpha'];

  /** The scale `α` of the negative part. */
  readonly alpha: number;

  constructor(options: ELUOptions = {}) {
    super(options);
    const { alpha = 1 } = options;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) {
      throw new ConfigError(`ELU: alpha must be a non-negative number, got ${typeof alpha === 'number' ? String(alpha) : formatJson(alpha)}`);
    }
    this.alpha = alpha;
  }

  /** `new ELU(config)`: rebuilds a layer from {@link ELU.getConfig}. */
  static fromConfig(config: ELUConfig): ELU {
    return new ELU(config);
  }

  override getConfig(): ELUConfig {
    return { ...super.getConfig(), alpha: this.alpha };
  }

  /** `f(x) = x` for `x > 0`, else `α·(e^x − 1)` (as `α·expm1(x)`, exact near 0). */
  protected activate(x: number): number {
    return x > 0 ? x : this.alpha * math.expm1(x);
  }

  /** `f′(x) = 1` for `x > 0`, else `α·e^x = α·(e^x − 1) + α = y + α`. */
  protected derivative(y: number): number {
    return y > 0 ? 1 : y + this.alpha;
  }
}
