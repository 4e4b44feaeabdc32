/** Exponential learning-rate decay. */
import { PeriodicDecay, type PeriodicDecayOptions } from './periodic-decay';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link ExponentialDecay}: the rate is multiplied by `decayRate` once every `decaySteps` steps. */
export type ExponentialDecayOptions = PeriodicDecayOptions;

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
export class ExponentialDecay extends PeriodicDecay {
  static override readonly className = 'ExponentialDecay';

  protected rateAfter(p: number): number {
    return this.initialLearningRate * math.pow(this.decayRate, p);
  }
}
