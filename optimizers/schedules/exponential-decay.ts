/** Exponential learning-rate decay. */
import { checkBoolean, checkNonNegative, checkPositive } from '../check-options';
import { LearningRateSchedule } from './learning-rate-schedule';
import { optionsObject } from '../../lib/checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link ExponentialDecay}. */
export interface ExponentialDecayOptions {
  /** The rate `η₀` at step 0. */
  initialLearningRate: number;
  /** The number of steps `T` over which the rate is multiplied by `decayRate` once. */
  decaySteps: number;
  /** The factor `r` applied every `decaySteps` steps. */
  decayRate: number;
  /** Decay in whole periods: `p = ⌊t / T⌋` instead of `t / T`. @defaultValue false */
  staircase?: boolean;
}

/**
 * Exponential decay (Keras 3's `ExponentialDecay`): `η_t = η₀ · r^p` with `p = t / T`, or
 * `p = ⌊t / T⌋` when `staircase` is true.
 *
 * @throws ConfigError when `decaySteps <= 0` or a rate is negative or not finite.
 * @example
 * ```ts
 * new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, staircase: true });
 * ```
 */
export class ExponentialDecay extends LearningRateSchedule {
  static override readonly className = 'ExponentialDecay';

  /** `η₀`. */
  readonly initialLearningRate: number;
  /** `T`. */
  readonly decaySteps: number;
  /** `r`. */
  readonly decayRate: number;
  /** Whether `p` is floored. */
  readonly staircase: boolean;

  constructor(options: ExponentialDecayOptions) {
    options = optionsObject(options, 'ExponentialDecay');
    super();
    this.initialLearningRate = checkNonNegative(this.className, 'initialLearningRate', options.initialLearningRate);
    this.decaySteps = checkPositive(this.className, 'decaySteps', options.decaySteps);
    this.decayRate = checkNonNegative(this.className, 'decayRate', options.decayRate);
    this.staircase = checkBoolean(this.className, 'staircase', options.staircase ?? false);
  }

  valueAt(step: number): number {
    const p = this.staircase ? math.floor(step / this.decaySteps) : step / this.decaySteps;
    return this.initialLearningRate * math.pow(this.decayRate, p);
  }

  getConfig(): Required<ExponentialDecayOptions> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      decayRate: this.decayRate,
      staircase: this.staircase,
    };
  }
}
