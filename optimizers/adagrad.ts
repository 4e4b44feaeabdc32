/** Adagrad. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { adagradStep, kernelZeros } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkNonNegative } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link Adagrad}. */
export interface AdagradOptions extends OptimizerOptions {
  /** The starting value `a₀` of every accumulator, `>= 0`. @defaultValue 0.1 */
  initialAccumulatorValue?: number;
  /** The `ε` added under the square root. @defaultValue 1e-7 */
  epsilon?: number;
}

/** The JSON form of {@link Adagrad}'s options. */
export interface AdagradConfig extends OptimizerConfig {
  initialAccumulatorValue: number;
  epsilon: number;
}

/**
 * Adagrad (Duchi et al., 2011) with Keras 3's update rule (`g` the gradient, `a` starting at `a₀`):
 * - `a ← a + g²`
 * - `W ← W − η·g / √(a + ε)`
 *
 * Keras defaults: `learningRate` 0.001, `initialAccumulatorValue` 0.1, `epsilon` 1e-7.
 *
 * @throws ConfigError when `initialAccumulatorValue` or `epsilon` is negative or not finite.
 * @example
 * ```ts
 * model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }), loss: 'mse' });
 * ```
 */
export class Adagrad extends Optimizer<Tensor> {
  static override readonly className = 'Adagrad';
  static override readonly optionKeys: readonly string[] = ['initialAccumulatorValue', 'epsilon'];

  /** `a₀`. */
  readonly initialAccumulatorValue: number;
  /** `ε`. */
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    super(options, 0.001);
    this.initialAccumulatorValue = checkNonNegative(this.className, 'initialAccumulatorValue', options.initialAccumulatorValue ?? 0.1);
    this.epsilon = checkNonNegative(this.className, 'epsilon', options.epsilon ?? 1e-7);
  }

  override getConfig(): AdagradConfig {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }

  protected createState(param: Param): Tensor {
    const accumulator = kernelZeros(param.value.shape, dtypeOf(param.value));
    accumulator.data.fill(this.initialAccumulatorValue);
    return accumulator;
  }

  protected updateParam(param: Param, lr: number, accumulator: Tensor): void {
    adagradStep(param.value, param.grad, accumulator, lr, this.epsilon);
  }

}
