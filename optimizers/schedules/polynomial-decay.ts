/** Polynomial learning-rate decay. */
import { checkBoolean, checkNonNegative, checkPositive } from '../check-options';
import { LearningRateSchedule } from './learning-rate-schedule';
import { classOptionKeys, optionsObject } from '../../lib/checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link PolynomialDecay}. */
export interface PolynomialDecayOptions {
  /** The rate `η₀` at step 0. */
  initialLearningRate: number;
  /** The number of steps `T` to reach `endLearningRate`. */
  decaySteps: number;
  /** The rate `η_end` reached at step `T`. @defaultValue 0.0001 */
  endLearningRate?: number;
  /** The power `k` of the polynomial. @defaultValue 1 */
  power?: number;
  /** Restart the decay past `T`, over the next multiple of `T`. @defaultValue false */
  cycle?: boolean;
}

/**
 * Polynomial decay (Keras 3's `PolynomialDecay`):
 * `η_t = (η₀ − η_end) · (1 − t' / T')^k + η_end`, where without `cycle` `t' = min(t, T)` and
 * `T' = T`, and with `cycle` `t' = t` and `T' = T · ⌈t / T⌉` (`T' = T` at `t = 0`).
 *
 * @throws ConfigError when `decaySteps <= 0` or another option is out of range.
 * @example
 * ```ts
 * new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 10000, endLearningRate: 0.01, power: 0.5 });
 * ```
 */
export class PolynomialDecay extends LearningRateSchedule {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['initialLearningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle'];

  static override readonly className = 'PolynomialDecay';

  /** `η₀`. */
  readonly initialLearningRate: number;
  /** `T`. */
  readonly decaySteps: number;
  /** `η_end`. */
  readonly endLearningRate: number;
  /** `k`. */
  readonly power: number;
  /** Whether the decay restarts past `T`. */
  readonly cycle: boolean;

  constructor(options: PolynomialDecayOptions) {
    options = optionsObject(options, 'PolynomialDecay', classOptionKeys(new.target));
    super();
    this.initialLearningRate = checkNonNegative(this.className, 'initialLearningRate', options.initialLearningRate);
    this.decaySteps = checkPositive(this.className, 'decaySteps', options.decaySteps);
    this.endLearningRate = checkNonNegative(this.className, 'endLearningRate', options.endLearningRate ?? 0.0001);
    this.power = checkNonNegative(this.className, 'power', options.power ?? 1);
    this.cycle = checkBoolean(this.className, 'cycle', options.cycle ?? false);
  }

  valueAt(step: number): number {
    this.checkStep(step);
    let t = step;
    let decaySteps = this.decaySteps;
    if (this.cycle) {
      decaySteps *= step === 0 ? 1 : math.ceil(step / this.decaySteps);
    } else {
      t = math.min(step, decaySteps);
    }
    const p = t / decaySteps;
    return (this.initialLearningRate - this.endLearningRate) * math.pow(1 - p, this.power) + this.endLearningRate;
  }

  getConfig(): Required<PolynomialDecayOptions> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      endLearningRate: this.endLearningRate,
      power: this.power,
      cycle: this.cycle,
    };
  }
}
