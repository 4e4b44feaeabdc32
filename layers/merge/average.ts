/** {@link Average}: the element-wise mean of its inputs. */
import { copyInto, type Tensor } from '../../lib/tensor';
import type { LayerConfig } from '../layer';
import { addInto } from '../../lib/kernels';
import { ElementwiseMerge, scaleValues } from './elementwise-merge';

/**
 * Averages two or more inputs of one shape element by element, as Keras's `Average`:
 * `Y = (X_1 + X_2 + … + X_n) / n`.
 *
 * Input: two or more `[batch, …]` tensors of one shape. Output: the same shape.
 * @throws ShapeError for inputs whose shapes differ, naming the layer, the input's position and both shapes.
 * @example
 * ```ts
 * new Average().forwardInputs([tensor([[1, 2]]), tensor([[3, 6]])]); // [[2, 4]]
 * ```
 */
export class Average extends ElementwiseMerge {
  static override readonly className: string = 'Average';

  /** The number of inputs of the last training forward. */
  private inputCountSeen = 0;

  /** `new Average(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Average {
    return new Average(config);
  }

  /** `Y = (1/n)·Σ_k X_k` into the reused output buffer; backward needs only `n`. */
  protected callMany(inputs: readonly Tensor[], training: boolean): Tensor {
    const y = copyInto(this.buffer('Y', inputs[0].shape), inputs[0]);
    for (let k = 1; k < inputs.length; k++) addInto(y, inputs[k]);
    this.inputCountSeen = training ? inputs.length : 0;
    return scaleValues(y, y, 1 / inputs.length);
  }

  /** `∂Y/∂X_k = (1/n)·I`, so `dX_k = dOut / n` for every input. */
  protected backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[] {
    const factor = 1 / this.inputCountSeen;
    return needInputGradients.map((need, k) => (need ? scaleValues(this.buffer(`dX${k}`, dOut.shape), dOut, factor) : null));
  }
}
