/** Nadam: Adam with Nesterov momentum. */
import { dtypeOf } from '../lib/tensor';
import { kernelZeros, nadamStep } from '../lib/kernels';
import type { Param } from '../layers/layer';
import type { AdamState } from './adam';
import { checkFraction, checkNonNegative } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link Nadam}. */
export interface NadamOptions extends OptimizerOptions {
  /** The decay rate `β1` of the first-moment average, in `[0, 1)`. @defaultValue 0.9 */
  beta1?: number;
  /** The decay rate `β2` of the second-moment average, in `[0, 1)`. @defaultValue 0.999 */
  beta2?: number;
  /** The `ε` added to `√v̂`. @defaultValue 1e-7 */
  epsilon?: number;
}

/** The JSON form of {@link Nadam}'s options. */
export interface NadamConfig extends OptimizerConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** Nadam's momentum-schedule decay, `0.96` in Dozat's paper and Keras. */
const MOMENTUM_DECAY = 0.96;

/**
 * Nadam (Dozat, 2015) with Keras 3's update rule. At step `t = updateIterations + 1`, with `g` the
 * gradient and `m`, `v` starting at 0, the momentum schedule is
 * `μ_k = β1·(1 − ½·0.96^k)` and `Π_t = μ_1·μ_2·…·μ_t`:
 * - `m ← β1·m + (1 − β1)·g`
 * - `v ← β2·v + (1 − β2)·g²`
 * - `m̂ = μ_{t+1}·m / (1 − Π_t·μ_{t+1}) + (1 − μ_t)·g / (1 − Π_t)`
 * - `v̂ = v / (1 − β2^t)`
 * - `W ← W − η·m̂ / (√v̂ + ε)`
 *
 * TensorFlow.js has no Nadam.
 * Keras defaults: `learningRate` 0.001, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-7.
 *
 * @throws ConfigError when a β is outside `[0, 1)` or `epsilon` is negative or not finite.
 * @example
 * ```ts
 * model.compile({ optimizer: new Nadam(), loss: 'mse' });
 * ```
 */
export class Nadam extends Optimizer<AdamState> {
  static override readonly className = 'Nadam';
  static override readonly optionKeys: readonly string[] = ['beta1', 'beta2', 'epsilon'];

  /** `β1`. */
  readonly beta1: number;
  /** `β2`. */
  readonly beta2: number;
  /** `ε`. */
  readonly epsilon: number;

  /** `Π_t` for `t = productStep` (`Π_0 = 1`), shared by every parameter of a step. */
  private product = 1;
  private productStep = 0;

  constructor(options: NadamOptions = {}) {
    super(options, 0.001);
    this.beta1 = checkFraction(this.className, 'beta1', options.beta1 ?? 0.9);
    this.beta2 = checkFraction(this.className, 'beta2', options.beta2 ?? 0.999);
    this.epsilon = checkNonNegative(this.className, 'epsilon', options.epsilon ?? 1e-7);
  }

  override getConfig(): NadamConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  protected createState(param: Param): AdamState {
    const dtype = dtypeOf(param.value);
    return { m: kernelZeros(param.value.shape, dtype), v: kernelZeros(param.value.shape, dtype), vMax: null };
  }

  protected updateParam(param: Param, lr: number, state: AdamState): void {
    const t = this.updateIterations + 1;
    const muT = this.momentumAt(t);
    const productT = this.productAt(t);
    const productNext = productT * this.momentumAt(t + 1);
    nadamStep(param.value, param.grad, state.m, state.v, lr, this.beta1, this.beta2, this.epsilon, {
      mWeight: this.momentumAt(t + 1) / (1 - productNext),
      gWeight: (1 - muT) / (1 - productT),
      vCorrection: 1 - math.pow(this.beta2, t),
    });
  }


  /** `μ_k = β1·(1 − ½·0.96^k)`. */
  private momentumAt(k: number): number {
    return this.beta1 * (1 - 0.5 * math.pow(MOMENTUM_DECAY, k));
  }

  /** `Π_t`, advanced by one factor per step (recomputed from `Π_0` if `iterations` was set back by hand). */
  private productAt(t: number): number {
    if (this.productStep > t) {
      this.product = 1;
      this.productStep = 0;
    }
    for (let k = this.productStep + 1; k <= t; k++) this.product *= this.momentumAt(k);
    this.productStep = t;
    return this.product;
  }
}
