/** {@link Subtract}: the element-wise difference of two inputs. */
import { copyInto, type Tensor } from '../../lib/tensor';
import type { LayerConfig } from '../layer';
import { ElementwiseMerge, scaleValues } from './elementwise-merge';

/**
 * Subtracts its second input from its first element by element, as Keras's `Subtract`:
 * `Y = A − B`. It takes exactly two inputs of one shape.
 *
 * Input: two `[batch, …]` tensors of one shape. Output: the same shape.
 * @throws ConfigError for other than two inputs; ShapeError for inputs whose shapes differ,
 * naming the layer, the input's position and both shapes.
 * @example
 * ```ts
 * new Subtract().forwardInputs([tensor([[5, 5]]), tensor([[1, 2]])]); // [[4, 3]]
 * ```
 */
export class Subtract extends ElementwiseMerge {
  static override readonly className: string = 'Subtract';

  /** `new Subtract(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Subtract {
    return new Subtract(config);
  }

  /** Exactly two inputs, `A` and `B`. */
  protected override inputCount(): readonly [number, number] {
    return [2, 2];
  }

  /** `Y = A − B` into the reused output buffer. Backward needs nothing cached. */
  protected callMany(inputs: readonly Tensor[]): Tensor {
    const [a, b] = inputs;
    const y = this.buffer('Y', a.shape);
    const ad = a.data, bd = b.data, yd = y.data;
    for (let i = 0, ap = a.offset, bp = b.offset, yp = y.offset, n = y.size; i < n; i++) yd[yp++] = ad[ap++] - bd[bp++];
    return y;
  }

  /** `∂Y/∂A = I` and `∂Y/∂B = −I`, so `dA = dOut` and `dB = −dOut`. */
  protected backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[] {
    const [needA, needB] = needInputGradients;
    return [
      needA ? copyInto(this.buffer('dX0', dOut.shape), dOut) : null,
      needB ? scaleValues(this.buffer('dX1', dOut.shape), dOut, -1) : null,
    ];
  }
}
