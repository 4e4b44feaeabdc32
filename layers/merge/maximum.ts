/** {@link Maximum}: the element-wise maximum of its inputs. */
import type { LayerConfig } from '../layer';
import { ExtremumMerge } from './extremum-merge';

/**
 * The element-wise maximum of two or more inputs of one shape, as Keras's `Maximum`:
 * `Y_i = max_k X_k,i`. A NaN in any input gives NaN. Forward records which input won each
 * element: the first one holding the maximum, so a tie goes to the earlier
 * input, as in TensorFlow.js (its layer folds `maximum(maximum(x1, x2), x3)`, and `maximum`'s
 * gradient goes to `a` where `a >= b`).
 *
 * Input: two or more `[batch, …]` tensors of one shape. Output: the same shape.
 * @throws ShapeError for inputs whose shapes differ, naming the layer, the input's position and both shapes.
 * @example
 * ```ts
 * new Maximum().forwardInputs([tensor([[1, 5]]), tensor([[3, 2]])]); // [[3, 5]]
 * ```
 */
export class Maximum extends ExtremumMerge {
  static override readonly className: string = 'Maximum';

  /** The maximum: `v` beats `best` when `v > best`. */
  protected readonly sign = 1 as const;

  /** `new Maximum(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Maximum {
    return new Maximum(config);
  }
}
