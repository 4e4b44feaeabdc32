/** {@link Identity}: passes its input through unchanged. */
import type { Shape, Tensor } from '../lib/tensor';
import { Layer, type LayerConfig } from './layer';

/**
 * `Y = X`, as Keras's `Identity`: a placeholder where a model's structure wants a layer (a
 * named tap, a branch that does nothing). Forward returns the (contiguous) input itself and
 * backward `dOut` itself; nothing is copied or computed.
 *
 * Input: `[batch, …]`. Output: the same tensor.
 * @example
 * ```ts
 * new Identity().forward(tensor([[1, 2]])); // [[1, 2]]
 * ```
 */
export class Identity extends Layer {
  static override readonly className: string = 'Identity';

  /** Element-wise along time: the input's mask passes on unchanged, as in Keras. */
  override get supportsMasking(): boolean {
    return true;
  }

  /** `new Identity(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Identity {
    return new Identity(config);
  }

  /** Input: any shape `[batch, …]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape.slice();
  }

  /** `Y = X`: the input itself. */
  protected call(x: Tensor): Tensor {
    return x;
  }

  /** `∂Y/∂X = I`, so `dAPrev = dOut`. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    return needDAPrev ? dOut : null;
  }
}
