/** {@link GELU}: the Gaussian error linear unit. */
import { formatJson } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import type { LayerConfig, LayerOptions } from '../layer';
import { erfc } from './erf';
import { InputDerivativeActivation } from './input-derivative-activation';
import { logistic } from './logistic';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link GELU}. */
export interface GELUOptions extends LayerOptions {
  /** Use the tanh approximation instead of the exact `erf` form. @defaultValue false */
  approximate?: boolean;
}

/** The JSON form of a {@link GELU}. */
export interface GELUConfig extends LayerConfig {
  approximate: boolean;
}

/** `1/√2`. */
const SQRT_HALF = math.SQRT1_2;
/** `1/√(2π)`, the standard normal density at 0. */
const INV_SQRT_2PI = 0.3989422804014327;
/** `√(2/π)`, the slope of the tanh approximation's argument. */
const SQRT_2_OVER_PI = 0.7978845608028654;
/** The cubic coefficient of the tanh approximation (Hendrycks & Gimpel, 2016). */
const CUBIC = 0.044715;

/**
 * `y = x·Φ(x)`, with `Φ` the standard normal CDF, element by element (Hendrycks & Gimpel,
 * 2016): exact as `Φ(x) = erfc(−x/√2)/2` by default (with an `erfc` accurate to double
 * precision), or with `approximate: true` the tanh form
 * `y = x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`, as Keras's `gelu(x, approximate)`.
 * GELU is not monotonic (its minimum is near `x ≈ −0.75`), so backward uses slopes cached
 * from `x`.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `approximate` is not a boolean.
 * @example
 * ```ts
 * new GELU().forward(tensor([[1]])); // [[0.8413447460685429]]
 * ```
 */
export class GELU extends InputDerivativeActivation {
  static override readonly className: string = 'GELU';
  static override readonly optionKeys: readonly string[] = ['approximate'];

  /** Whether the tanh approximation is used. */
  readonly approximate: boolean;

  constructor(options: GELUOptions = {}) {
    super(options);
    const { approximate = false } = options;
    if (typeof approximate !== 'boolean') {
      throw new ConfigError(`GELU: approximate must be a boolean, got ${formatJson(approximate)}`);
    }
    this.approximate = approximate;
  }

  /** `new GELU(config)`: rebuilds a layer from {@link GELU.getConfig}. */
  static fromConfig(config: GELUConfig): GELU {
    return new GELU(config);
  }

  override getConfig(): GELUConfig {
    return { ...super.getConfig(), approximate: this.approximate };
  }

  /**
   * Exact: `f(x) = x·erfc(−x/√2)/2`. Approximate: `f(x) = x/2·(1 + tanh(u))` with
   * `u = √(2/π)·(x + 0.044715·x³)`, computed as `x·σ(2u)` (since `(1 + tanh u)/2 = σ(2u)`),
   * which does not cancel where `tanh(u) ≈ −1`.
   */
  protected activate(x: number): number {
    if (this.approximate) return x * logistic(2 * SQRT_2_OVER_PI * (x + CUBIC * x * x * x));
    return 0.5 * x * erfc(-x * SQRT_HALF);
  }

  /**
   * Exact: `f′(x) = Φ(x) + x·φ(x)`, with the density `φ(x) = e^(−x²/2)/√(2π)`.
   * Approximate: with `s = σ(2u)`, `f = x·s` and `ds/dx = 2·s·(1 − s)·u′`, so
   * `f′(x) = s + 2x·σ(2u)·σ(−2u)·√(2/π)·(1 + 3·0.044715·x²)`.
   */
  protected derivative(x: number): number {
    if (this.approximate) {
      const twoU = 2 * SQRT_2_OVER_PI * (x + CUBIC * x * x * x);
      return logistic(twoU) + 2 * x * logistic(twoU) * logistic(-twoU) * SQRT_2_OVER_PI * (1 + 3 * CUBIC * x * x);
    }
    return 0.5 * erfc(-x * SQRT_HALF) + x * INV_SQRT_2PI * math.exp(-0.5 * x * x);
  }
}
