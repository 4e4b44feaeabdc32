/** {@link Flatten}: folds every axis but the batch into one. */
import { ShapeError } from '../lib/errors';
import { formatShape, reshape, type Shape, type Tensor } from '../lib/tensor';
import { Layer, type LayerConfig } from './layer';

/**
 * Reshapes `[batch, d1, d2, …]` to `[batch, d1·d2·…]` in row-major order, so images go
 * straight into a Dense: `[N, 28, 28]` becomes `[N, 784]`. Forward and backward are zero-copy
 * views of the (contiguous) input and upstream gradient; nothing is computed. A rank-1 input
 * `[batch]` becomes `[batch, 1]`, as in Keras.
 *
 * Input: `[batch, …]` with every non-batch axis known. Output: `[batch, product of the others]`.
 * @throws ShapeError from build for a non-batch axis that is not known.
 * @example
 * ```ts
 * const model = new Sequential([
 *   new Flatten({ inputShape: [28, 28] }),
 *   new Dense({ units: 10, activation: 'softmax' }),
 * ]);
 * ```
 */
export class Flatten extends Layer {
  static override readonly className: string = 'Flatten';

  /** The input shape of the last training forward, which backward restores. */
  private inputShapeSeen: readonly number[] | null = null;

  /** `new Flatten(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Flatten {
    return new Flatten(config);
  }

  /** Input: `[batch, d1, d2, …]`. Output: `[batch, d1·d2·…]`. */
  computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], sampleSize(this, inputShape)];
  }

  protected override inputSpec(inputShape: Shape): Shape {
    sampleSize(this, inputShape);
    return super.inputSpec(inputShape);
  }

  /** A `[batch, features]` view of the input; remembers its shape when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    this.inputShapeSeen = training ? x.shape.slice() : null;
    return reshape(x, [x.shape[0], x.size / x.shape[0]]);
  }

  /** Flattening moves no value, so `dAPrev` is `dOut` viewed with the input's shape. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    return needDAPrev ? reshape(dOut, this.inputShapeSeen as readonly number[]) : null;
  }
}

/** The number of values per sample, `d1·d2·…`. @throws ShapeError when an axis is unknown. */
function sampleSize(layer: Layer, inputShape: Shape): number {
  let n = 1;
  for (let axis = 1; axis < inputShape.length; axis++) {
    const d = inputShape[axis];
    if (d === null) {
      throw new ShapeError(`${layer.describe()}: every axis but the batch must be known: expected [?, d1, d2, …], got ${formatShape(inputShape)}`);
    }
    if (typeof d !== 'number') throw new ShapeError(`${layer.describe()}: input axes must be numbers, got ${formatShape(inputShape)}`);
    n *= d;
  }
  return n;
}
