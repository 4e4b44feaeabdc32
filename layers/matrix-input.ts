/** The input spec of layers that take only rank-2 `[batch, features]` input (Dense, Softmax). */
import { ShapeError } from '../lib/errors';
import { formatShape, type Shape } from '../lib/tensor';
import type { Layer } from './layer';

/**
 * `[?, features]` for a build shape `[batch, features]`: any batch size, the same feature width.
 *
 * @throws ShapeError, at build time, for any other rank, naming the layer and both shapes (the
 * batch is still `?` then), with the base class's wording and its Flatten hint for rank > 2, so
 * a layer never gets built from an input it cannot take.
 */
export function matrixInputSpec(layer: Layer, inputShape: Shape): Shape {
  const features = inputShape[inputShape.length - 1];
  if (inputShape.length !== 2 || features === null) {
    const hint = inputShape.length > 2 ? ' (add Flatten before this layer?)' : '';
    throw new ShapeError(`${layer.describe()}: input must have rank 2: expected [?, ?], got ${formatShape(inputShape)}${hint}`);
  }
  return [null, features];
}
