/** Stochastic gradient descent, with optional momentum and Nesterov momentum. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { kernelZeros, momentumStep, sgdStep } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkBoolean, checkFraction } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link SGD}. */
export interface SGDOptions extends OptimizerOptions {
  /** The momentum factor `μ` in `[0, 1)`; 0 is plain SGD. @defaultValue 0 */
  momentum?: number;
  /** Use Nesterov momentum. @defaultValue false */
  nesterov?: boolean;
}

/** The JSON form of {@link SGD}'s options. */
export interface SGDConfig extends OptimizerConfig {
  momentum: number;
  nesterov: boolean;
}

/**
 * Stochastic gradient descent, with Keras 3's update rules (`g` the gradient, `η` the rate):
 * - plain: `W ← W − η·g`
 * - momentum: `v ← μ·v − η·g`, `W ← W + v` (`v` starts at 0)
 * - Nesterov: `v ← μ·v − η·g`, `W ← W + μ·v − η·g`
 *
 * Keras defaults: `learningRate` 0.01, `momentum` 0, `nesterov` false.
 *
 * @throws ConfigError when `momentum` is outside `[0, 1)` or `nesterov` is not a boolean.
 * @example
 * ```ts
 * model.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), loss: 'mse' });
 * ```
 */
export class SGD extends Optimizer<Tensor | null> {
  static override readonly className = 'SGD';
  static override readonly optionKeys: readonly string[] = ['momentum', 'nesterov'];

  /** The momentum factor `μ`. */
  readonly momentum: number;
  /** Whether the Nesterov form is used. */
  readonly nesterov: boolean;

  constructor(options: SGDOptions = {}) {
    super(options, 0.01);
    this.momentum = checkFraction(this.className, 'momentum', options.momentum ?? 0);
    this.nesterov = checkBoolean(this.className, 'nesterov', options.nesterov ?? false);
  }

  override getConfig(): SGDConfig {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }

  protected createState(param: Param): Tensor | null {
    return this.momentum > 0 ? kernelZeros(param.value.shape, dtypeOf(param.value)) : null;
  }

  protected updateParam(param: Param, lr: number, velocity: Tensor | null): void {
    if (velocity === null) sgdStep(param.value, param.grad, lr);
    else momentumStep(param.value, param.grad, velocity, lr, this.momentum, this.nesterov);
  }
}
