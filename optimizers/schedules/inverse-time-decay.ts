/** Inverse-time learning-rate decay. */
import { checkBoolean, checkNonNegative, checkPositive } from '../check-options';
import { LearningRateSchedule } from './learning-rate-schedule';
import { optionsObject } from '../../lib/checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link InverseTimeDecay}. */
export interface InverseTimeDecayOptions {
  /** The rate `η₀` at step 0. */
  initialLearningRate: number;
  /** The step scale `T`. */
  decaySteps: number;
  /** The decay rate `r`. */
  decayRate: number;
  /** Decay in whole periods: `p = ⌊t / T⌋` instead of `t / T`. @defaultValue false */
  staircase?: boolean;
}

/**
 * Inverse-time decay (Keras 3's `InverseTimeDecay`): `η_t = η₀ / (1 + r · p)` with `p = t / T`,
 * or `p = ⌊t / T⌋` when `staircase` is true.
 *
 * @throws ConfigError when `decaySteps <= 0` or a rate is negative or not finite.
 * @example
 * ```ts
 * new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
 * ```
 */
export class InverseTimeDecay extends LearningRateSchedule {
  static override readonly className = 'InverseTimeDecay';

  /** `η₀`. */
  readonly initialLearningRate: number;
  /** `T`. */
  readonly decaySteps: number;
  /** `r`. */
  readonly decayRate: number;
  /** Whether `p` is floored. */
  readonly staircase: boolean;

  constructor(options: InverseTimeDecayOptions) {
    options = optionsObject(options, 'InverseTimeDecay');
    super();
    this.initialLearningRate = checkNonNegative(this.className, 'initialLearningRate', options.initialLearningRate);
    this.decaySteps = checkPositive(this.className, 'decaySteps', options.decaySteps);
    this.decayRate = checkNonNegative(this.className, 'decayRate', options.decayRate);
    this.staircase = checkBoolean(this.className, 'staircase', options.staircase ?? false);
  }

  valueAt(step: number): number {
    const p = this.staircase ? math.floor(step / this.decaySteps) : step / this.decaySteps;
    return this.initialLearningRate / (1 + this.decayRate * p);
  }

  getConfig(): Required<InverseTimeDecayOptions> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      decayRate: this.decayRate,
      staircase: this.staircase,
    };
  }
}
