/** Adadelta. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { adadeltaStep, kernelZeros } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkFraction, checkNonNegative } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link Adadelta}. */
export interface AdadeltaOptions extends OptimizerOptions {
  /** The decay rate `ρ` of both averages, in `[0, 1)`. @defaultValue 0.95 */
  rho?: number;
  /** The `ε` inside both root-mean-squares. @defaultValue 1e-7 */
  epsilon?: number;
}

/** The JSON form of {@link Adadelta}'s options. */
export interface AdadeltaConfig extends OptimizerConfig {
  rho: number;
  epsilon: number;
}

/** Adadelta's per-parameter state. */
export interface AdadeltaState {
  /** The average of squared gradients `E[g²]`. */
  meanSquareGrad: Tensor;
  /** The average of squared updates `E[Δ²]`. */
  meanSquareDelta: Tensor;
}

/**
 * Adadelta (Zeiler, 2012) with Keras 3's update rule (`g` the gradient, both averages start at 0,
 * `RMS[x] = √(x + ε)`):
 * - `E[g²] ← ρ·E[g²] + (1 − ρ)·g²`
 * - `Δ = −RMS[E[Δ²]] / RMS[E[g²]] · g` (with the `E[g²]` just updated)
 * - `E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²`
 * - `W ← W + η·Δ`
 *
 * TensorFlow.js divides by the `E[g²]` of the previous step instead, so its trajectory differs.
 * Keras defaults: `learningRate` 0.001 (1 matches the paper), `rho` 0.95, `epsilon` 1e-7.
 *
 * @throws ConfigError when `rho` is outside `[0, 1)` or `epsilon` is negative or not finite.
 * @example
 * ```ts
 * model.compile({ optimizer: new Adadelta({ learningRate: 1 }), loss: 'mse' });
 * ```
 */
export class Adadelta extends Optimizer<AdadeltaState> {
  static override readonly className = 'Adadelta';
  static override readonly optionKeys: readonly string[] = ['rho', 'epsilon'];

  /** `ρ`. */
  readonly rho: number;
  /** `ε`. */
  readonly epsilon: number;

  constructor(options: AdadeltaOptions = {}) {
    super(options, 0.001);
    this.rho = checkFraction(this.className, 'rho', options.rho ?? 0.95);
    this.epsilon = checkNonNegative(this.className, 'epsilon', options.epsilon ?? 1e-7);
  }

  override getConfig(): AdadeltaConfig {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }

  protected createState(param: Param): AdadeltaState {
    const dtype = dtypeOf(param.value);
    return { meanSquareGrad: kernelZeros(param.value.shape, dtype), meanSquareDelta: kernelZeros(param.value.shape, dtype) };
  }

  protected updateParam(param: Param, lr: number, state: AdadeltaState): void {
    adadeltaStep(param.value, param.grad, state.meanSquareGrad, state.meanSquareDelta, lr, this.rho, this.epsilon);
  }

}
