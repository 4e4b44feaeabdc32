/**
 * {@link ElementwiseMerge}: the shared plumbing of merge layers that combine inputs of one
 * shape element by element (Add, Subtract, Multiply, Average, Maximum, Minimum), so each of
 * those files holds only its forward loop and its derivative.
 */
import { ShapeError } from '../../lib/errors';
import { formatShape, type Shape, type Tensor } from '../../lib/tensor';
import { andMasks, type Mask } from '../mask';
import { MergeLayer } from './merge-layer';

/**
 * A merge layer whose output element `y_i` depends only on the inputs' elements `x_k,i`:
 * every input has the same shape (no broadcasting), and so has the output.
 *
 * Input: two or more `[batch, …]` tensors of one shape. Output: the same shape.
 */
export abstract class ElementwiseMerge extends MergeLayer {
  /** The logical and of the inputs' masks (Keras's `Merge.compute_mask`), `null` when none is masked. */
  override computeMask(inputs: readonly Tensor[], masks: readonly (Mask | null)[]): Mask | null {
    void inputs;
    return andMasks(masks, this.describe());
  }

  /**
   * Every input must have the shape of input 0 (the batch axis aside; an unknown axis matches
   * anything), which is also the output's shape.
   * @throws ShapeError naming the layer, the input's position and both shapes.
   */
  protected computeMergedShape(inputShapes: readonly Shape[]): Shape {
    const out = inputShapes[0].slice();
    for (let k = 1; k < inputShapes.length; k++) {
      const shape = inputShapes[k];
      const ok = shape.length === out.length && shape.every((d, axis) => axis === 0 || d === null || out[axis] === null || d === out[axis]);
      if (!ok) {
        throw new ShapeError(`${this.describe()}: input ${k} must have the shape of input 0: expected ${formatShape([null, ...out.slice(1)])}, got ${formatShape(shape)}`);
      }
      for (let axis = 1; axis < out.length; axis++) if (out[axis] === null) out[axis] = shape[axis];
    }
    return out;
  }
}

/** `out[i] = factor · src[i]` over every element (contiguous, equal sizes). Returns `out`. */
export function scaleValues(out: Tensor, src: Tensor, factor: number): Tensor {
  const sd = src.data, od = out.data;
  for (let i = 0, sp = src.offset, op = out.offset, n = src.size; i < n; i++) od[op++] = factor * sd[sp++];
  return out;
}
