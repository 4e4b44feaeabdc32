/** Adamax, Adam's infinity-norm variant. */
import { dtypeOf, zeros, type Tensor } from '../lib/tensor';
import type { Param } from '../layers/layer';
import { checkFraction, checkNonNegative } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

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
 * `t = iterations + 1`, with `g` the gradient and `m`, `u` starting at 0:
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
    return { m: zeros(param.value.shape, dtype), u: zeros(param.value.shape, dtype) };
  }

  protected updateParam(param: Param, lr: number, state: AdamaxState): void {
    const b1 = this.beta1, b2 = this.beta2, eps = this.epsilon;
    const correction = 1 - math.pow(b1, this.iterations + 1);
    const w = param.value.data, wo = param.value.offset;
    const g = param.grad.data, go = param.grad.offset;
    const m = state.m.data, u = state.u.data;
    for (let i = 0, n = param.value.size; i < n; i++) {
      const gi = g[go + i];
      m[i] += (gi - m[i]) * (1 - b1);
      u[i] = math.max(b2 * u[i], math.abs(gi));
      w[wo + i] -= (lr * m[i]) / (correction * (u[i] + eps));
    }
  }
}
