/** The input spec of layers that act on the last axis of input of any rank ≥ 2 (Dense, Softmax). */
import { ShapeError } from '../lib/errors';
import { formatShape, reshape, type Shape, type Tensor } from '../lib/tensor';
import type { Layer } from './layer';

/**
 * `[?, …?, features]` for a build shape `[batch, …, features]` of rank ≥ 2: any batch size, any
 * middle axes, the same last axis (Keras's `InputSpec(min_ndim=2, axes={-1: features})`, with
 * the rank fixed at build).
 * @throws ShapeError, at build time, for rank < 2 or an unknown last axis, naming the layer and both shapes.
 */
export function lastAxisInputSpec(layer: Layer, inputShape: Shape): Shape {
  const features = inputShape[inputShape.length - 1];
  if (inputShape.length < 2 || features === null) {
    throw new ShapeError(`${layer.describe()}: input must be [batch, …, features] with a known last axis: expected [?, …, ?], got ${formatShape(inputShape)}`);
  }
  return [null, ...inputShape.slice(1, -1).map(() => null), features];
}

/**
 * A contiguous tensor `[d0, …, dk, C]` as the zero-copy matrix `[d0·…·dk, C]` its data already
 * is (rank 2 comes back unchanged), so row-wise kernels serve every rank.
 */
export function asRows(t: Tensor): Tensor {
  if (t.shape.length === 2) return t;
  const columns = t.shape[t.shape.length - 1];
  return reshape(t, [t.size / columns, columns]);
}
