/** {@link Multiply}: the element-wise product of its inputs. */
import { copyInto, type Tensor } from '../../lib/tensor';
import type { LayerConfig } from '../layer';
import { ElementwiseMerge } from './elementwise-merge';

/**
 * Multiplies two or more inputs of one shape element by element, as Keras's `Multiply`:
 * `Y = X_1 ⊙ X_2 ⊙ … ⊙ X_n` (a gate is `new Multiply().apply([x, sigmoid(g)])`). Forward
 * caches the inputs (by reference) when training.
 *
 * Input: two or more `[batch, …]` tensors of one shape. Output: the same shape.
 * @throws ShapeError for inputs whose shapes differ, naming the layer, the input's position and both shapes.
 * @example
 * ```ts
 * new Multiply().forwardInputs([tensor([[1, 2]]), tensor([[3, 4]])]); // [[3, 8]]
 * ```
 */
export class Multiply extends ElementwiseMerge {
  static override readonly className: string = 'Multiply';

  /** The inputs of the last training forward. */
  private inputsSeen: readonly Tensor[] = [];

  /** `new Multiply(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Multiply {
    return new Multiply(config);
  }

  /** `Y = Π_k X_k` into the reused output buffer; caches the inputs when training. */
  protected callMany(inputs: readonly Tensor[], training: boolean): Tensor {
    const y = copyInto(this.buffer('Y', inputs[0].shape), inputs[0]);
    for (let k = 1; k < inputs.length; k++) multiplyInto(y, inputs[k]);
    this.inputsSeen = training ? inputs.slice() : [];
    return y;
  }

  /**
   * `∂Y_i/∂X_k,i = Π_{j≠k} X_j,i`, so `dX_k = dOut ⊙ Π_{j≠k} X_j`: the product of the other
   * inputs, formed by multiplication only (dividing `Y` by `X_k` would fail where `X_k = 0`).
   */
  protected backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[] {
    const xs = this.inputsSeen;
    return needInputGradients.map((need, k) => {
      if (!need) return null;
      const dx = copyInto(this.buffer(`dX${k}`, dOut.shape), dOut);
      for (let j = 0; j < xs.length; j++) if (j !== k) multiplyInto(dx, xs[j]);
      return dx;
    });
  }
}

/** `out[i] *= src[i]` over every element (contiguous, equal sizes). */
function multiplyInto(out: Tensor, src: Tensor): void {
  const sd = src.data, od = out.data;
  for (let i = 0, sp = src.offset, op = out.offset, n = src.size; i < n; i++) od[op++] *= sd[sp++];
}
