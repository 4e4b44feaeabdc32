/** RMSprop, with optional momentum and the centered variant. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { kernelZeros, rmspropStep } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkBoolean, checkFraction, checkNonNegative } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link RMSprop}. */
export interface RMSpropOptions extends OptimizerOptions {
  /** The decay rate `ρ` of the averages, in `[0, 1)`. @defaultValue 0.9 */
  rho?: number;
  /** The momentum factor `μ` in `[0, 1)`; 0 applies each increment directly. @defaultValue 0 */
  momentum?: number;
  /** The `ε` added under the square root. @defaultValue 1e-7 */
  epsilon?: number;
  /** Divide by an estimate of the gradient's variance instead of its second moment. @defaultValue false */
  centered?: boolean;
}

/** The JSON form of {@link RMSprop}'s options. */
export interface RMSpropConfig extends OptimizerConfig {
  rho: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
}

/** RMSprop's per-parameter state. */
export interface RMSpropState {
  /** The average of squared gradients `s`. */
  meanSquare: Tensor;
  /** The average of gradients `ḡ` (centered only). */
  meanGrad: Tensor | null;
  /** The momentum buffer `b` (momentum > 0 only). */
  velocity: Tensor | null;
}

/**
 * RMSprop (Hinton, 2012) with Keras 3's update rule (`g` the gradient, `s`, `ḡ`, `b` start at 0):
 * - `s ← ρ·s + (1 − ρ)·g²`
 * - plain: `Δ = η·g / √(s + ε)`
 * - centered: `ḡ ← ρ·ḡ + (1 − ρ)·g`, `Δ = η·g / √(s − ḡ² + ε)`
 * - without momentum: `W ← W − Δ`; with momentum: `b ← μ·b + Δ`, `W ← W − b`
 *
 * TensorFlow.js's centered form computes `√(s − ḡ² − ε)` (ε with the opposite sign); the plain
 * form agrees with Keras.
 * Keras defaults: `learningRate` 0.001, `rho` 0.9, `momentum` 0, `epsilon` 1e-7, `centered` false.
 *
 * @throws ConfigError when `rho` or `momentum` is outside `[0, 1)`, `epsilon` is negative, or
 * `centered` is not a boolean.
 * @example
 * ```ts
 * model.compile({ optimizer: new RMSprop({ learningRate: 0.001, centered: true }), loss: 'mse' });
 * ```
 */
export class RMSprop extends Optimizer<RMSpropState> {
  static override readonly className = 'RMSprop';
  static override readonly optionKeys: readonly string[] = ['rho', 'momentum', 'epsilon', 'centered'];

  /** `ρ`. */
  readonly rho: number;
  /** `μ`. */
  readonly momentum: number;
  /** `ε`. */
  readonly epsilon: number;
  /** Whether the centered variant is used. */
  readonly centered: boolean;

  constructor(options: RMSpropOptions = {}) {
    super(options, 0.001);
    this.rho = checkFraction(this.className, 'rho', options.rho ?? 0.9);
    this.momentum = checkFraction(this.className, 'momentum', options.momentum ?? 0);
    this.epsilon = checkNonNegative(this.className, 'epsilon', options.epsilon ?? 1e-7);
    this.centered = checkBoolean(this.className, 'centered', options.centered ?? false);
  }

  override getConfig(): RMSpropConfig {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }

  protected createState(param: Param): RMSpropState {
    const dtype = dtypeOf(param.value);
    const shape = param.value.shape;
    return {
      meanSquare: kernelZeros(shape, dtype),
      meanGrad: this.centered ? kernelZeros(shape, dtype) : null,
      velocity: this.momentum > 0 ? kernelZeros(shape, dtype) : null,
    };
  }

  protected updateParam(param: Param, lr: number, state: RMSpropState): void {
    rmspropStep(param.value, param.grad, state, lr, this.rho, this.momentum, this.epsilon);
  }

}
