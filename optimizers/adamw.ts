/** AdamW: Adam with decoupled weight decay. */
import type { Param } from '../layers/layer';
import { Adam, type AdamConfig, type AdamOptions, type AdamState } from './adam';
import { checkNonNegative } from './check-options';
import { scaleInPlace } from '../lib/kernels';

/** Options of {@link AdamW}. */
export interface AdamWOptions extends AdamOptions {
  /** The decoupled weight-decay factor `λ`. @defaultValue 0.004 */
  weightDecay?: number;
}

/** The JSON form of {@link AdamW}'s options. */
export interface AdamWConfig extends AdamConfig {
  weightDecay: number;
}

/**
 * AdamW (Loshchilov & Hutter, 2019) as Keras 3 applies it: before each Adam step, the weights
 * decay directly, scaled by the same learning rate and independent of the gradient:
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

  /** `λ`. */
  readonly weightDecay: number;

  constructor(options: AdamWOptions = {}) {
    super(options);
    this.weightDecay = checkNonNegative(this.className, 'weightDecay', options.weightDecay ?? 0.004);
  }

  override getConfig(): AdamWConfig {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }

  protected override updateParam(param: Param, lr: number, state: AdamState): void {
    scaleInPlace(param.value, 1 - lr * this.weightDecay);
    super.updateParam(param, lr, state);
  }
}
