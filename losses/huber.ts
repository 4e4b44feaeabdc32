/** The Huber loss: quadratic for small errors, linear for large ones. */
import { ConfigError } from '../lib/errors';
import { ElementwiseLoss } from './elementwise-loss';
import type { LossOptions } from './loss';
import { formatString, optionsObject } from '../lib/checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link Huber}. */
export interface HuberOptions extends LossOptions {
  /** The error size `δ > 0` where the loss turns from quadratic to linear. @defaultValue 1 */
  delta?: number;
}

/** The JSON form of {@link HuberOptions}, defaults resolved. */
export interface HuberConfig {
  [option: string]: unknown;
  delta: number;
}

/**
 * The Huber loss, averaged over the `C` outputs of each sample, then over the batch. With the
 * error `d = yPred − yTrue`:
 * `h(d) = d²/2` where `|d| ≤ δ`, `h(d) = δ·|d| − δ²/2` elsewhere;
 * `ℓ_i = (1/C) Σ_j h(d_ij)`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient: `∂L/∂yPred[i, j] = (w_i/N) · clip(d_ij, −δ, δ) / C`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ConfigError when `delta` is not a positive finite number.
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const huber = new Huber({ delta: 1 });
 * huber.forward(tensor([[0.5, 3]]), tensor([[0, 0]])); // (0.125 + 2.5) / 2 = 1.3125
 * ```
 */
export class Huber extends ElementwiseLoss {
  static override readonly className: string = 'Huber';
  static override readonly optionKeys: readonly string[] = ['delta'];

  /** Where the loss turns from quadratic to linear. */
  readonly delta: number;

  /** `δ²/2`, subtracted in the linear part. */
  private readonly halfDeltaSquared: number;

  constructor(options: HuberOptions = {}) {
    options = optionsObject(options, 'Huber');
    super(options);
    const delta = options.delta ?? 1;
    if (typeof delta !== 'number' || !(delta > 0 && delta < Infinity)) {
      throw new ConfigError(`Huber: delta must be a positive finite number, got ${formatString(delta)}`);
    }
    this.delta = delta;
    this.halfDeltaSquared = 0.5 * delta * delta;
  }

  /** `new Huber(config)`. */
  static fromConfig(config: HuberOptions): Huber {
    return new Huber(config);
  }

  override getConfig(): HuberConfig {
    return { ...super.getConfig(), delta: this.delta };
  }

  protected term(p: number, t: number): number {
    const d = p - t;
    const a = math.abs(d);
    return a <= this.delta ? 0.5 * d * d : this.delta * a - this.halfDeltaSquared;
  }

  // h'(d) = d where |d| ≤ δ (from d²/2) and δ·sign(d) elsewhere (from δ|d| − δ²/2): clip(d, −δ, δ),
  // and ∂d/∂p = 1.
  protected termGradient(p: number, t: number): number {
    const d = p - t, delta = this.delta;
    return d > delta ? delta : d < -delta ? -delta : d;
  }
}
