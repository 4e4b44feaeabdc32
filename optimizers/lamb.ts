/** LAMB, Adam with a layer-wise trust ratio for large batches. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { kernelZeros, lambStep } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkFraction, checkNonNegative } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link Lamb}. */
export interface LambOptions extends OptimizerOptions {
  /** The decay rate `β1` of the first moment, in `[0, 1)`. @defaultValue 0.9 */
  beta1?: number;
  /** The decay rate `β2` of the second moment, in `[0, 1)`. @defaultValue 0.999 */
  beta2?: number;
  /** The `ε` added to `√v̂`. @defaultValue 1e-7 */
  epsilon?: number;
}

/** The JSON form of {@link Lamb}'s options. */
export interface LambConfig extends OptimizerConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** Lamb's per-parameter state. */
export interface LambState {
  /** The first-moment average `m`. */
  m: Tensor;
  /** The second-moment average `v`. */
  v: Tensor;
  /** Scratch for the Adam direction `u` (not saved: it is recomputed every step). */
  readonly scratch: { readonly u: Tensor };
}

/**
 * LAMB (You et al., 2019) with Keras 3's update rule. At step `t = updateIterations + 1`, with `g` the
 * gradient and `m`, `v` starting at 0:
 * - `m ← m + (1 − β1)·(g − m)`, `v ← v + (1 − β2)·(g² − v)`
 * - `u = (m/(1 − β1^t)) / (√(v/(1 − β2^t)) + ε)`, the Adam direction
 * - `r = ‖W‖ / ‖u‖` (both L2 norms over the whole parameter), or 1 when either norm is 0
 * - `W ← W − η·r·u`
 *
 * Keras defaults: `learningRate` 0.001, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-7. The update
 * ({@link lambStep}) runs as WebAssembly SIMD loops in float32 (the moments, `u` and `‖u‖²` in one
 * pass, `‖W‖²`, then the step; the norms accumulate in float64), or TypeScript loops for float64.
 *
 * @throws ConfigError when a β is outside `[0, 1)` or `epsilon` is negative or not finite.
 * @example
 * ```ts
 * model.compile({ optimizer: new Lamb({ learningRate: 0.01 }), loss: 'mse' });
 * ```
 */
export class Lamb extends Optimizer<LambState> {
  static override readonly className = 'Lamb';
  static override readonly optionKeys: readonly string[] = ['beta1', 'beta2', 'epsilon'];

  /** `β1`. */
  readonly beta1: number;
  /** `β2`. */
  readonly beta2: number;
  /** `ε`. */
  readonly epsilon: number;

  constructor(options: LambOptions = {}) {
    super(options, 0.001);
    this.beta1 = checkFraction(this.className, 'beta1', options.beta1 ?? 0.9);
    this.beta2 = checkFraction(this.className, 'beta2', options.beta2 ?? 0.999);
    this.epsilon = checkNonNegative(this.className, 'epsilon', options.epsilon ?? 1e-7);
  }

  override getConfig(): LambConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  protected createState(param: Param): LambState {
    const dtype = dtypeOf(param.value);
    const shape = param.value.shape;
    return { m: kernelZeros(shape, dtype), v: kernelZeros(shape, dtype), scratch: { u: kernelZeros(shape, dtype) } };
  }

  protected updateParam(param: Param, lr: number, state: LambState): void {
    const { m, v, scratch } = state;
    lambStep(param.value, param.grad, { m, v, u: scratch.u }, lr, this.beta1, this.beta2, this.epsilon, this.updateIterations + 1);
  }
}
