/**
 * {@link PeriodicDecay}: what ExponentialDecay and InverseTimeDecay share, a rate that is a
 * function of the number of decay periods elapsed, so each of those files holds only its formula.
 */
import { classOptionKeys, optionsObject } from '../../lib/checks';
import { checkBoolean, checkNonNegative, checkPositive } from '../check-options';
import { LearningRateSchedule } from './learning-rate-schedule';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of `ExponentialDecay` and `InverseTimeDecay`. */
export interface PeriodicDecayOptions {
  /** The rate `η₀` at step 0. */
  initialLearningRate: number;
  /** The number of steps `T` in one decay period: `p = t / T` periods after step `t`. */
  decaySteps: number;
  /** The decay rate `r`. */
  decayRate: number;
  /** Decay in whole periods: `p = ⌊t / T⌋` instead of `t / T`. @defaultValue false */
  staircase?: boolean;
}

/**
 * The base of the schedules whose rate at step `t` depends only on the number of decay periods
 * `p = t / T`, or `p = ⌊t / T⌋` when `staircase` is true: `η_t = rateAfter(p)`. It validates
 * and stores the options; a subclass implements `rateAfter`.
 *
 * @throws ConfigError when `decaySteps <= 0` or a rate is negative or not finite.
 */
export abstract class PeriodicDecay extends LearningRateSchedule {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase'];

  /** `η₀`. */
  readonly initialLearningRate: number;
  /** `T`. */
  readonly decaySteps: number;
  /** `r`. */
  readonly decayRate: number;
  /** Whether `p` is floored. */
  readonly staircase: boolean;

  constructor(options: PeriodicDecayOptions) {
    super();
    options = optionsObject(options, this.className, classOptionKeys(new.target));
    this.initialLearningRate = checkNonNegative(this.className, 'initialLearningRate', options.initialLearningRate);
    this.decaySteps = checkPositive(this.className, 'decaySteps', options.decaySteps);
    this.decayRate = checkNonNegative(this.className, 'decayRate', options.decayRate);
    this.staircase = checkBoolean(this.className, 'staircase', options.staircase ?? false);
  }

  valueAt(step: number): number {
    this.checkStep(step);
    return this.rateAfter(this.staircase ? math.floor(step / this.decaySteps) : step / this.decaySteps);
  }

  getConfig(): Required<PeriodicDecayOptions> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      decayRate: this.decayRate,
      staircase: this.staircase,
    };
  }

  /** The learning rate after `p` decay periods. */
  protected abstract rateAfter(p: number): number;
}
