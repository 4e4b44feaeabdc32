/** {@link checkedLabels}: labels checked against a model's outputs and losses before anything runs. */
import { reshape, type Tensor } from '../tensor';
import type { EngineModel } from './engine-model';

/**
 * Checks each label tensor against its output's shape and loss before anything runs, from the
 * shapes alone (an unbuilt Sequential is not built by it), and returns the labels as the
 * losses and metrics read them: `[N]` labels of a one-unit output as `[N, 1]` (zero-copy), as
 * Keras reads them.
 * @throws ShapeError from the loss, naming it and both shapes.
 */
export function checkedLabels(model: EngineModel, xs: readonly Tensor[], ys: readonly Tensor[]): Tensor[] {
  const { losses } = model.requireCompiled('training');
  const outputs = model.outputShapesFor(xs.map((x) => x.shape));
  return losses.map((loss, k) => {
    const shape = loss.checkShapes(outputs[k].map((d, i) => (i === 0 ? ys[k].shape[0] : (d as number))), ys[k].shape);
    return shape.length === ys[k].shape.length ? ys[k] : reshape(ys[k], shape);
  });
}

