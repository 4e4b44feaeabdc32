/** Adamax, Adam's infinity-norm variant. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { adamaxStep, kernelZeros } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkFraction, checkNonNegative } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link Adamax}. */
export interface AdamaxOptions extends OptimizerOptions {
  /** The decay rate `β1` of the first-moment average, in `[0, 1)`. @defaultValue 0.9 */
  beta1?: number;
  /** The decay rate `β2` of the infinity norm, in `[0, 1)`. @defaultValue 0.999 */
  beta2?: number;
  /** The `ε` added to `u`. @defaultValue 1e-7 */
  epsilon?: number;
}

/** The JSON form of {@link Adamax}'s options. */
export interface AdamaxConfig extends OptimizerConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** Adamax's per-parameter state. */
export interface AdamaxState {
  /** The first-moment average `m`. */
  m: Tensor;
  /** The exponentially weighted infinity norm `u`. */
  u: Tensor;
}

/**
 * Adamax (Kingma & Ba, 2014, section 7.1) with Keras 3's update rule. At step
 * `t = updateIterations + 1`, with `g` the gradient and `m`, `u` starting at 0:
 * - `m ← β1·m + (1 − β1)·g`
 * - `u ← max(β2·u, |g|)`
 * - `W ← W − η·m / ((1 − β1^t)·(u + ε))`
 *
 * TensorFlow.js's `adamax` (with `decay` 0) computes the same.
 * Keras defaults: `learningRate` 0.001, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-7.
 *
 * @throws ConfigError when a β is outside `[0, 1)` or `epsilon` is negative or not finite.
 * @example
 * ```ts
 * model.compile({ optimizer: new Adamax({ learningRate: 0.002 }), loss: 'mse' });
 * ```
 */
export class Adamax extends Optimizer<AdamaxState> {
  static override readonly className = 'Adamax';
  static override readonly optionKeys: readonly string[] = ['beta1', 'beta2', 'epsilon'];

  /** `β1`. */
  readonly beta1: number;
  /** `β2`. */
  readonly beta2: number;
  /** `ε`. */
  readonly epsilon: number;

  constructor(options: AdamaxOptions = {}) {
    super(options, 0.001);
    this.beta1 = checkFraction(this.className, 'beta1', options.beta1 ?? 0.9);
    this.beta2 = checkFraction(this.className, 'beta2', options.beta2 ?? 0.999);
    this.epsilon = checkNonNegative(this.className, 'epsilon', options.epsilon ?? 1e-7);
  }

  override getConfig(): AdamaxConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  protected createState(param: Param): AdamaxState {
    const dtype = dtypeOf(param.value);
    return { m: kernelZeros(param.value.shape, dtype), u: kernelZeros(param.value.shape, dtype) };
  }

  protected updateParam(param: Param, lr: number, state: AdamaxState): void {
    adamaxStep(param.value, param.grad, state.m, state.u, lr, this.beta1, this.beta2, this.epsilon, this.updateIterations + 1);
  }

}
