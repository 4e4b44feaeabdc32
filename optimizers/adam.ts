/** Adam, with the optional AMSGrad variant. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { adamStep, kernelZeros } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkBoolean, checkFraction, checkNonNegative } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link Adam}. */
export interface AdamOptions extends OptimizerOptions {
  /** The decay rate `β1` of the first-moment average, in `[0, 1)`. @defaultValue 0.9 */
  beta1?: number;
  /** The decay rate `β2` of the second-moment average, in `[0, 1)`. @defaultValue 0.999 */
  beta2?: number;
  /** The `ε̂` added to `√v` (Kingma & Ba's "epsilon hat", as Keras 3 places it). @defaultValue 1e-7 */
  epsilon?: number;
  /** Use the AMSGrad variant (Reddi et al., 2018): divide by the running maximum of `v`. @defaultValue false */
  amsgrad?: boolean;
}

/** The JSON form of {@link Adam}'s options. */
export interface AdamConfig extends OptimizerConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
  amsgrad: boolean;
}

/** Adam's per-parameter state: the moment averages, and the running maximum for AMSGrad. */
export interface AdamState {
  /** The first-moment average `m`. */
  m: Tensor;
  /** The second-moment average `v`. */
  v: Tensor;
  /** `v̂ = max over steps of v` (AMSGrad only). */
  vMax: Tensor | null;
}

/**
 * Adam (Kingma & Ba, 2014) with Keras 3's update rule. At step `t = updateIterations + 1`, with `g`
 * the gradient and `m`, `v` starting at 0:
 * - `m ← β1·m + (1 − β1)·g`
 * - `v ← β2·v + (1 − β2)·g²`
 * - AMSGrad only: `v̂ ← max(v̂, v)`, and `v̂` replaces `v` below
 * - `α_t = η · √(1 − β2^t) / (1 − β1^t)`
 * - `W ← W − α_t · m / (√v + ε̂)`
 *
 * This equals `W ← W − η·m̂/(√v̂ + ε̂·√(1 − β2^t))` with the bias-corrected `m̂ = m/(1 − β1^t)` and
 * `v̂ = v/(1 − β2^t)`: ε sits on the uncorrected `√v`, which is where TensorFlow.js differs
 * (it adds ε to `√v̂`).
 *
 * Keras defaults: `learningRate` 0.001, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-7, `amsgrad` false.
 *
 * @throws ConfigError when a β is outside `[0, 1)`, `epsilon` is negative, or `amsgrad` is not a boolean.
 * @example
 * ```ts
 * model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse' });
 * ```
 */
export class Adam extends Optimizer<AdamState> {
  static override readonly className: string = 'Adam';
  static override readonly optionKeys: readonly string[] = ['beta1', 'beta2', 'epsilon', 'amsgrad'];

  /** `β1`. */
  readonly beta1: number;
  /** `β2`. */
  readonly beta2: number;
  /** `ε̂`. */
  readonly epsilon: number;
  /** Whether AMSGrad is used. */
  readonly amsgrad: boolean;

  constructor(options: AdamOptions = {}) {
    super(options, 0.001);
    this.beta1 = checkFraction(this.className, 'beta1', options.beta1 ?? 0.9);
    this.beta2 = checkFraction(this.className, 'beta2', options.beta2 ?? 0.999);
    this.epsilon = checkNonNegative(this.className, 'epsilon', options.epsilon ?? 1e-7);
    this.amsgrad = checkBoolean(this.className, 'amsgrad', options.amsgrad ?? false);
  }

  override getConfig(): AdamConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }

  protected createState(param: Param): AdamState {
    const dtype = dtypeOf(param.value);
    const shape = param.value.shape;
    return { m: kernelZeros(shape, dtype), v: kernelZeros(shape, dtype), vMax: this.amsgrad ? kernelZeros(shape, dtype) : null };
  }

  protected updateParam(param: Param, lr: number, state: AdamState): void {
    adamStep(param.value, param.grad, state, lr, this.beta1, this.beta2, this.epsilon, this.updateIterations + 1);
  }

}
