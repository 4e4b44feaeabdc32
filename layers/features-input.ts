/** The input spec of layers that act on the last (feature) axis of any rank ≥ 2 input. */
import { ShapeError } from '../lib/errors';
import { formatShape, type Shape } from '../lib/tensor';
import type { Layer } from './layer';

/**
 * The build shape with a `null` batch axis, for a build shape `[batch, …, features]` of rank
 * ≥ 2 whose non-batch axes are all known: any batch size, the same sample shape.
 * @throws ShapeError, at build time, for rank < 2 or an unknown axis, naming the layer and both shapes.
 */
export function featuresInputSpec(layer: Layer, inputShape: Shape): Shape {
  if (inputShape.length < 2 || inputShape.slice(1).some((d) => d === null)) {
    throw new ShapeError(`${layer.describe()}: input must be [batch, …, features] with known non-batch axes: expected [?, …, features], got ${formatShape(inputShape)}`);
  }
  return [null, ...inputShape.slice(1)];
}
