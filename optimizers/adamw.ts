/** AdamW: Adam with decoupled weight decay. */
import { optionsObject } from '../lib/checks';
import { Adam, type AdamConfig, type AdamOptions } from './adam';

/** Options of {@link AdamW}. */
export interface AdamWOptions extends AdamOptions {
  /** The decoupled weight-decay factor `λ` (the base option, with AdamW's default). @defaultValue 0.004 */
  weightDecay?: number;
}

/** The JSON form of {@link AdamW}'s options. */
export interface AdamWConfig extends AdamConfig {
  weightDecay: number;
}

/**
 * AdamW (Loshchilov & Hutter, 2019) as Keras 3 applies it: {@link Adam} with the base's
 * `weightDecay` on by default: before each Adam step, the weights decay directly, scaled by the
 * same learning rate and independent of the gradient:
 * - `W ← W − η_t·λ·W`
 * - then the {@link Adam} update with `g` (which the decay does not touch):
 *   `m ← β1·m + (1 − β1)·g`, `v ← β2·v + (1 − β2)·g²`,
 *   `W ← W − η_t·√(1 − β2^t)/(1 − β1^t) · m / (√v + ε̂)`
 *
 * Every parameter decays, biases included (Keras's default).
 * Keras defaults: `learningRate` 0.001, `weightDecay` 0.004, `beta1` 0.9, `beta2` 0.999,
 * `epsilon` 1e-7, `amsgrad` false.
 *
 * @throws ConfigError when `weightDecay` is negative or not finite, or an Adam option is bad.
 * @example
 * ```ts
 * model.compile({ optimizer: new AdamW({ learningRate: 0.001, weightDecay: 0.01 }), loss: 'mse' });
 * ```
 */
export class AdamW extends Adam {
  static override readonly className: string = 'AdamW';

  constructor(options: AdamWOptions = {}) {
    const o = optionsObject(options, 'AdamW');
    super({ ...o, weightDecay: o.weightDecay ?? 0.004 });
  }

  override getConfig(): AdamWConfig {
    return { ...super.getConfig(), weightDecay: this.weightDecay as number };
  }
}
