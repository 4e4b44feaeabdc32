/** The binary focal cross-entropy loss (Lin et al., 2017), on probabilities or on logits. */
import { formatValue } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import { clipProbability, isWithinClip, resolveSmoothedCrossentropyOptions } from './crossentropy-shared';
import { ElementwiseLoss } from './elementwise-loss';
import { resolveAlpha, resolveGamma, type FocalConfig, type FocalOptions } from './focal-options';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link BinaryFocalCrossentropy}. */
export interface BinaryFocalCrossentropyOptions extends FocalOptions {
  /** When true, weighs the positive class by `α` and the negative by `1 − α`. @defaultValue false */
  applyClassBalancing?: boolean;
  /** The weight `α ∈ [0, 1]` of class 1 when `applyClassBalancing` is on. @defaultValue 0.25 */
  alpha?: number;
}

/** The JSON form of {@link BinaryFocalCrossentropyOptions}, defaults resolved. */
export interface BinaryFocalCrossentropyConfig extends FocalConfig {
  applyClassBalancing: boolean;
  alpha: number;
}

/**
 * Binary focal cross-entropy (Keras's `BinaryFocalCrossentropy`), averaged over the `C` binary
 * outputs of each sample, then over the batch. With the smoothed label
 * `y = t·(1 − s) + s/2`, the probability `q = p` (or `σ(z)` for logits), the plain binary
 * cross-entropy `b(q, y)` (clipped to `[ε, 1 − ε]` as {@link BinaryCrossentropy}; for logits
 * its stable form `max(z, 0) − z·y + log(1 + e^(−|z|))`), and `m = 1 − p_t = y·(1 − q) + (1 − y)·q`:
 * `f = w·m^γ·b`, with `w = y·α + (1 − y)·(1 − α)` when `applyClassBalancing`, else 1;
 * `ℓ_i = (1/C) Σ_j f_ij`, `L = (1/N) Σ_i w_i·ℓ_i`.
 *
 * Gradient (with `∂m/∂q = 1 − 2y`): probabilities
 * `∂f/∂p = w·(γ·m^(γ−1)·(1 − 2y)·b + m^γ·(q − y)/(q·(1 − q)))` (the second term 0 where the clip
 * is active); logits `∂f/∂z = w·(γ·m^(γ−1)·(1 − 2y)·σ(z)·σ(−z)·b + m^γ·(σ(z) − y))`.
 *
 * Shapes: yPred and yTrue are `[N, C]` with labels in `[0, 1]`; the gradient is `[N, C]`.
 *
 * @throws ConfigError for a non-boolean `fromLogits` or `applyClassBalancing`, `labelSmoothing`
 * or `alpha` outside `[0, 1]`, or a negative `gamma`.
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * new BinaryFocalCrossentropy({ gamma: 2 }).forward(tensor([[0.9, 0.8], [0.7, 0.2]]), tensor([[1, 0], [1, 0]])); // 0.268
 * ```
 */
export class BinaryFocalCrossentropy extends ElementwiseLoss {
  static override readonly className: string = 'BinaryFocalCrossentropy';
  static override readonly optionKeys: readonly string[] = ['fromLogits', 'labelSmoothing', 'gamma', 'applyClassBalancing', 'alpha'];

  /** True when yPred holds logits. */
  readonly fromLogits: boolean;
  /** The label smoothing `s` in `[0, 1]`. */
  readonly labelSmoothing: number;
  /** The focusing exponent `γ`. */
  readonly gamma: number;
  /** Whether the classes are weighed by `α` and `1 − α`. */
  readonly applyClassBalancing: boolean;
  /** The weight of class 1 under class balancing. */
  readonly alpha: number;

  constructor(options: BinaryFocalCrossentropyOptions = {}) {
    super(options);
    const config = resolveSmoothedCrossentropyOptions('BinaryFocalCrossentropy', options);
    this.fromLogits = config.fromLogits;
    this.labelSmoothing = config.labelSmoothing;
    this.gamma = resolveGamma('BinaryFocalCrossentropy', options.gamma);
    this.alpha = resolveAlpha('BinaryFocalCrossentropy', options.alpha, false) as number;
    const balancing = options.applyClassBalancing ?? false;
    if (typeof balancing !== 'boolean') {
      throw new ConfigError(`BinaryFocalCrossentropy: applyClassBalancing must be a boolean, got ${formatValue(balancing)}`);
    }
    this.applyClassBalancing = balancing;
  }

  /** `new BinaryFocalCrossentropy(config)`. */
  static fromConfig(config: BinaryFocalCrossentropyOptions): BinaryFocalCrossentropy {
    return new BinaryFocalCrossentropy(config);
  }

  override getConfig(): BinaryFocalCrossentropyConfig {
    return {
      ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing,
      gamma: this.gamma, applyClassBalancing: this.applyClassBalancing, alpha: this.alpha,
    };
  }

  // f = w·m^γ·b with m = y(1 − q) + (1 − y)q and b the binary cross-entropy of q against y.
  protected term(p: number, t: number): number {
    const y = this.smooth(t);
    const [q, notQ] = this.probabilities(p);
    const m = y * notQ + (1 - y) * q;
    return this.classWeight(y) * math.pow(m, this.gamma) * this.crossentropy(p, q, y);
  }

  // ∂f/∂q = w·(γ·m^(γ−1)·∂m/∂q·b + m^γ·∂b/∂q), ∂m/∂q = 1 − 2y. For logits dq/dz = σ(z)·σ(−z) and
  // ∂b/∂z = σ(z) − y (the stable form's derivative); for probabilities ∂b/∂p = (q − y)/(q(1 − q))
  // inside the clip and 0 where it is active. At m = 0 the first term is taken as 0.
  protected termGradient(p: number, t: number): number {
    const y = this.smooth(t);
    const [q, notQ] = this.probabilities(p);
    const m = y * notQ + (1 - y) * q;
    const focal = math.pow(m, this.gamma);
    const dFocal = this.gamma === 0 || m === 0 ? 0 : this.gamma * math.pow(m, this.gamma - 1) * (1 - 2 * y);
    const b = this.crossentropy(p, q, y);
    const dq = this.fromLogits ? q * notQ : 1;
    const dB = this.fromLogits ? q - y : isWithinClip(p) ? (p - y) / (p * (1 - p)) : 0;
    return this.classWeight(y) * (dFocal * dq * b + focal * dB);
  }

  /** `t·(1 − s) + s/2`. */
  private smooth(t: number): number {
    return t * (1 - this.labelSmoothing) + this.labelSmoothing / 2;
  }

  /** `[q, 1 − q]`: `[p, 1 − p]`, or `[σ(z), σ(−z)]` for logits (each without cancellation). */
  private probabilities(p: number): [number, number] {
    if (!this.fromLogits) return [p, 1 - p];
    const e = math.exp(-math.abs(p));
    return p >= 0 ? [1 / (1 + e), e / (1 + e)] : [e / (1 + e), 1 / (1 + e)];
  }

  /** The binary cross-entropy `b`: clipped for probabilities, the stable logit form for logits. */
  private crossentropy(p: number, q: number, y: number): number {
    if (this.fromLogits) return math.max(p, 0) - p * y + math.log1p(math.exp(-math.abs(p)));
    const c = clipProbability(q);
    return -(y * math.log(c) + (1 - y) * math.log(1 - c));
  }

  /** `y·α + (1 − y)·(1 − α)` under class balancing, else 1. */
  private classWeight(y: number): number {
    return this.applyClassBalancing ? y * this.alpha + (1 - y) * (1 - this.alpha) : 1;
  }
}
