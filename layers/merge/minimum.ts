/** {@link Minimum}: the element-wise minimum of its inputs. */
import type { LayerConfig } from '../layer';
import { ExtremumMerge } from './extremum-merge';

/**
 * The element-wise minimum of two or more inputs of one shape, as Keras's `Minimum`:
 * `Y_i = min_k X_k,i`. A NaN in any input gives NaN. Forward records which input won each
 * element: the first one holding the minimum, so a tie goes to the earlier
 * input, as in TensorFlow.js (its layer folds `minimum(minimum(x1, x2), x3)`, and `minimum`'s
 * gradient goes to `a` where `a <= b`).
 *
 * Input: two or more `[batch, …]` tensors of one shape. Output: the same shape.
 * @throws ShapeError for inputs whose shapes differ, naming the layer, the input's position and both shapes.
 * @example
 * ```ts
 * new Minimum().forwardInputs([tensor([[1, 5]]), tensor([[3, 2]])]); // [[1, 2]]
 * ```
 */
export class Minimum extends ExtremumMerge {
  static override readonly className: string = 'Minimum';

  /** The minimum: `v` beats `best` when `−v > −best`. */
  protected readonly sign = -1 as const;

  /** `new Minimum(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Minimum {
    return new Minimum(config);
  }
}
