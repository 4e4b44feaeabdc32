/** Stochastic gradient descent, with optional momentum and Nesterov momentum. */
import { ConfigError } from '../lib/errors';
import { zeros, dtypeOf, type Tensor } from '../lib/tensor';
import type { Param } from '../layers/layer';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link SGD}. */
export interface SGDOptions extends OptimizerOptions {
  /** The momentum factor `μ` in `[0, 1)`; 0 is plain SGD. @defaultValue 0 */
  momentum?: number;
  /** Use Nesterov momentum. @defaultValue false */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent, with Keras's update rules:
 * - plain: `W ← W − η·dW`
 * - momentum: `v ← μ·v − η·dW`, `W ← W + v`
 * - Nesterov: `v ← μ·v − η·dW`, `W ← W + μ·v − η·dW`
 *
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
    const momentum = options.momentum ?? 0;
    if (typeof momentum !== 'number' || !(momentum >= 0 && momentum < 1)) {
      throw new ConfigError(`SGD: momentum must be in [0, 1), got ${String(momentum)}`);
    }
    this.momentum = momentum;
    this.nesterov = options.nesterov ?? false;
  }

  override getConfig(): OptimizerConfig {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }

  protected createState(param: Param): Tensor | null {
    return this.momentum > 0 ? zeros(param.value.shape, dtypeOf(param.value)) : null;
  }

  protected updateParam(param: Param, lr: number, velocity: Tensor | null): void {
    const w = param.value.data, g = param.grad.data;
    const n = param.value.size;
    if (velocity === null) {
      for (let i = 0; i < n; i++) w[i] -= lr * g[i];
      return;
    }
    const v = velocity.data;
    const mu = this.momentum;
    if (this.nesterov) {
      for (let i = 0; i < n; i++) {
        v[i] = mu * v[i] - lr * g[i];
        w[i] += mu * v[i] - lr * g[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        v[i] = mu * v[i] - lr * g[i];
        w[i] += v[i];
      }
    }
  }
}
