/** {@link Linear}: the identity activation. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/**
 * `y = x`: the identity, Keras's `'linear'` activation. As a layer it copies its input (layers
 * return buffers they own); as Dense's `activation: 'linear'` (the default) it costs nothing,
 * because Dense then composes no activation at all.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new Linear().forward(tensor([[-1, 2]])); // [[-1, 2]]
 * ```
 */
export class Linear extends ElementwiseActivation {
  static override readonly className: string = 'Linear';

  /** `new Linear(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Linear {
    return new Linear(config);
  }

  /** `f(x) = x`. */
  protected activate(x: number): number {
    return x;
  }

  /** `f′(x) = 1`. */
  protected derivative(): number {
    return 1;
  }
}
