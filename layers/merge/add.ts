/** {@link Add}: the element-wise sum of its inputs. */
import { copyInto, type Tensor } from '../../lib/tensor';
import type { LayerConfig } from '../layer';
import { addInto } from '../../lib/kernels';
import { ElementwiseMerge } from './elementwise-merge';

/**
 * Adds two or more inputs of one shape element by element, as Keras's `Add`:
 * `Y = X_1 + X_2 + … + X_n` (a residual connection is `new Add().apply([x, f(x)])`).
 *
 * Input: two or more `[batch, …]` tensors of one shape. Output: the same shape.
 * @throws ShapeError from forward or apply for inputs whose shapes differ, naming the layer,
 * the input's position and both shapes.
 * @example
 * ```ts
 * new Add().forwardInputs([tensor([[1, 2]]), tensor([[10, 20]])]); // [[11, 22]]
 * ```
 */
export class Add extends ElementwiseMerge {
  static override readonly className: string = 'Add';

  /** `new Add(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Add {
    return new Add(config);
  }

  /** `Y = Σ_k X_k` into the reused output buffer. Backward needs nothing cached. */
  protected callMany(inputs: readonly Tensor[]): Tensor {
    const y = copyInto(this.buffer('Y', inputs[0].shape), inputs[0]);
    for (let k = 1; k < inputs.length; k++) addInto(y, inputs[k]);
    return y;
  }

  /** `∂Y/∂X_k = I`, so `dX_k = dOut` for every input (each in a buffer of its own). */
  protected backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[] {
    return needInputGradients.map((need, k) => (need ? copyInto(this.buffer(`dX${k}`, dOut.shape), dOut) : null));
  }
}
