/** Cosine learning-rate decay with an optional linear warm-up. */
import { checkNonNegative, checkPositive } from '../check-options';
import { LearningRateSchedule } from './learning-rate-schedule';
import { classOptionKeys, optionsObject } from '../../lib/checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link CosineDecay}. */
export interface CosineDecayOptions {
  /** The rate `η₀` at step 0 (the warm-up's start, or the decay's start without warm-up). */
  initialLearningRate: number;
  /** The number of steps `T` of the cosine decay. */
  decaySteps: number;
  /** The floor `α`, as a fraction of the decay's starting rate. @defaultValue 0 */
  alpha?: number;
  /** The rate `η_w` the warm-up climbs to; `null` means no warm-up. @defaultValue null */
  warmupTarget?: number | null;
  /** The number of warm-up steps `W`. @defaultValue 0 */
  warmupSteps?: number;
}

/**
 * Cosine decay (Keras 3's `CosineDecay`, SGDR without restarts), with a linear warm-up.
 *
 * The decay from a rate `η_s` over `T` steps is
 * `decay(s) = η_s · ((1 − α) · ½(1 + cos(π · min(s, T) / T)) + α)`.
 * Without `warmupTarget`: `η_t = decay(t)` with `η_s = η₀`. With it, `t` is first capped at
 * `W + T`, then `η_t = η₀ + (η_w − η₀) · t / W` for `t < W`, and `decay(t − W)` with
 * `η_s = η_w` afterwards.
 *
 * @throws ConfigError when `decaySteps <= 0` or another option is out of range.
 * @example
 * ```ts
 * // Warm up from 0 to 0.1 over 1000 steps, then decay to 0 over the next 10000.
 * new CosineDecay({ initialLearningRate: 0, decaySteps: 10000, warmupTarget: 0.1, warmupSteps: 1000 });
 * ```
 */
export class CosineDecay extends LearningRateSchedule {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps'];

  static override readonly className = 'CosineDecay';

  /** `η₀`. */
  readonly initialLearningRate: number;
  /** `T`. */
  readonly decaySteps: number;
  /** `α`. */
  readonly alpha: number;
  /** `η_w`, or `null` for no warm-up. */
  readonly warmupTarget: number | null;
  /** `W`. */
  readonly warmupSteps: number;

  constructor(options: CosineDecayOptions) {
    options = optionsObject(options, 'CosineDecay', classOptionKeys(new.target));
    super();
    this.initialLearningRate = checkNonNegative(this.className, 'initialLearningRate', options.initialLearningRate);
    this.decaySteps = checkPositive(this.className, 'decaySteps', options.decaySteps);
    this.alpha = checkNonNegative(this.className, 'alpha', options.alpha ?? 0);
    const target = options.warmupTarget ?? null;
    this.warmupTarget = target === null ? null : checkNonNegative(this.className, 'warmupTarget', target);
    this.warmupSteps = checkNonNegative(this.className, 'warmupSteps', options.warmupSteps ?? 0);
  }

  valueAt(step: number): number {
    this.checkStep(step);
    if (this.warmupTarget === null) return this.decay(math.min(step, this.decaySteps), this.initialLearningRate);
    const t = math.min(step, this.decaySteps + this.warmupSteps);
    if (t < this.warmupSteps) {
      return (this.warmupTarget - this.initialLearningRate) * (t / this.warmupSteps) + this.initialLearningRate;
    }
    return this.decay(t - this.warmupSteps, this.warmupTarget);
  }

  getConfig(): Required<CosineDecayOptions> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      alpha: this.alpha,
      warmupTarget: this.warmupTarget,
      warmupSteps: this.warmupSteps,
    };
  }

  private decay(s: number, from: number): number {
    const cosine = 0.5 * (1 + math.cos(math.PI * (s / this.decaySteps)));
    return from * ((1 - this.alpha) * cosine + this.alpha);
  }
}
