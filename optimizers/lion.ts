/** Lion, the sign-of-momentum optimizer found by program search. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { kernelZeros, lionStep } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkFraction, describeValue } from './check-options';
import { ConfigError } from '../lib/errors';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link Lion}. */
export interface LionOptions extends OptimizerOptions {
  /** The weight `β1 ∈ (0, 1]` of the momentum in the update's sign. @defaultValue 0.9 */
  beta1?: number;
  /** The decay rate `β2 ∈ [0, 1)` of the momentum. @defaultValue 0.99 */
  beta2?: number;
}

/** The JSON form of {@link Lion}'s options. */
export interface LionConfig extends OptimizerConfig {
  beta1: number;
  beta2: number;
}

/**
 * Lion (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms") with Keras 3's
 * update rule. With `g` the gradient and the momentum `m` starting at 0:
 * - `W ← W − η·sign(β1·m + (1 − β1)·g)`
 * - `m ← β2·m + (1 − β2)·g`
 *
 * Every element moves by exactly `η` (or 0), so Lion wants a smaller learning rate than Adam.
 * Keras defaults: `learningRate` 0.001, `beta1` 0.9, `beta2` 0.99. The update runs as one
 * WebAssembly SIMD loop in float32 ({@link lionStep}), or a TypeScript loop for float64.
 *
 * @throws ConfigError when `beta1` is outside `(0, 1]` or `beta2` outside `[0, 1)`.
 * @example
 * ```ts
 * model.compile({ optimizer: new Lion({ learningRate: 1e-4 }), loss: 'mse' });
 * ```
 */
export class Lion extends Optimizer<Tensor> {
  static override readonly className = 'Lion';
  static override readonly optionKeys: readonly string[] = ['beta1', 'beta2'];

  /** `β1`. */
  readonly beta1: number;
  /** `β2`. */
  readonly beta2: number;

  constructor(options: LionOptions = {}) {
    super(options, 0.001);
    const beta1 = options.beta1 ?? 0.9;
    if (typeof beta1 !== 'number' || !(beta1 > 0 && beta1 <= 1)) {
      throw new ConfigError(`Lion: beta1 must be a number in (0, 1] (0 makes it SignSGD), got ${describeValue(beta1)}`);
    }
    this.beta1 = beta1;
    this.beta2 = checkFraction(this.className, 'beta2', options.beta2 ?? 0.99);
  }

  override getConfig(): LionConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2 };
  }

  /** The momentum `m`, zeros. */
  protected createState(param: Param): Tensor {
    return kernelZeros(param.value.shape, dtypeOf(param.value));
  }

  protected updateParam(param: Param, lr: number, m: Tensor): void {
    lionStep(param.value, param.grad, m, lr, this.beta1, this.beta2);
  }
}
