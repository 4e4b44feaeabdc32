/** Inverse-time learning-rate decay. */
import { PeriodicDecay, type PeriodicDecayOptions } from './periodic-decay';

/** Options of {@link InverseTimeDecay}: `decaySteps` is the step scale `T`. */
export type InverseTimeDecayOptions = PeriodicDecayOptions;

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
export class InverseTimeDecay extends PeriodicDecay {
  static override readonly className = 'InverseTimeDecay';

  protected rateAfter(p: number): number {
    return this.initialLearningRate / (1 + this.decayRate * p);
  }
}
