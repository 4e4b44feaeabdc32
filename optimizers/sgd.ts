/** Stochastic gradient descent, with optional momentum and Nesterov momentum. */
import { zeros, dtypeOf, type Tensor } from '../lib/tensor';
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
    return this.momentum > 0 ? zeros(param.value.shape, dtypeOf(param.value)) : null;
  }

  protected updateParam(param: Param, lr: number, velocity: Tensor | null): void {
    const w = param.value.data, wo = param.value.offset;
    const g = param.grad.data, go = param.grad.offset;
    const n = param.value.size;
    if (velocity === null) {
      for (let i = 0; i < n; i++) w[wo + i] -= lr * g[go + i];
      return;
    }
    const v = velocity.data;
    const mu = this.momentum;
    if (this.nesterov) {
      for (let i = 0; i < n; i++) {
        const gi = g[go + i];
        v[i] = mu * v[i] - lr * gi;
        w[wo + i] += mu * v[i] - lr * gi;
      }
    } else {
      for (let i = 0; i < n; i++) {
        v[i] = mu * v[i] - lr * g[go + i];
        w[wo + i] += v[i];
      }
    }
  }
}
