/**
 * The weights a loaded model will create, worked out from its layers' configs and input shapes
 * before any layer is built, so that an untrusted `model.json` cannot make the loader allocate
 * more than the weights file it comes with: every planned weight must be in the manifest with
 * its shape, and the manifest must describe exactly the bytes present (`checkWeightBytes`).
 */
import { formatValue } from '../safe-format';
import { DataError } from '../errors';
import { formatShape, type Shape } from '../tensor';
import type { Layer } from '../../layers';
import type { WeightsManifestGroup } from './format';
import { shapeProblem } from './limits';
import { matchWeights, type WeightSpec } from './weights';

/** {@link plannedWeights}' result. */
export interface WeightPlan {
  /** The weights of the plannable layers, named `<layer>/<weight>`. */
  weights: WeightSpec[];
  /** Layers that cannot declare their weights before they see an input shape: their weights are checked once built. */
  unplanned: Layer[];
}

/**
 * The weights `layers` will create when built for their `inputShapes` (as `topologyToLayers`
 * gives them), without building them, each checked to be a shape a tensor can have.
 * @throws DataError naming `source`, the layer, the weight and what is wrong with its shape.
 */
export function plannedWeights(layers: readonly Layer[], inputShapes: readonly (Shape | null)[], source: string): WeightPlan {
  const plan: WeightPlan = { weights: [], unplanned: [] };
  layers.forEach((layer, i) => {
    const declared = layer.weightShapes(inputShapes[i]);
    if (declared === null) {
      plan.unplanned.push(layer);
      return;
    }
    for (const { weightName, shape } of declared) {
      const name = `${layer.name}/${weightName}`;
      const problem = shapeProblem(shape);
      if (problem !== null) throw new DataError(`${source}: ${layer.describe()}: weight ${formatValue(name)} ${formatShape(shape)} is too large for a tensor: ${problem}`);
      plan.weights.push({ name, shape });
    }
  });
  return plan;
}

/**
 * Checks, before any layer is built, that the model weights `layers` will create are what the
 * manifest declares: each planned weight present with its shape, and (when every layer is
 * plannable) nothing else. With `checkWeightBytes`' "declared = present", building
 * then allocates no more than the weights file holds. A model without an input shape creates
 * no weights on load (the caller's first `build`, `fit` or `predict` does, sized by the
 * caller's data), so its manifest must hold no model weights; each weight is still checked to
 * fit a tensor as far as the config fixes it (a Dense's `units`).
 *
 * @throws DataError naming `source` and the weight: too large, missing, of another shape, or
 * unexpected; or model weights in a manifest whose model has no input shape.
 */
export function checkPlannedWeights(
  layers: readonly Layer[], inputShapes: readonly (Shape | null)[], manifest: readonly WeightsManifestGroup[], source: string,
): void {
  const plan = plannedWeights(layers, inputShapes, source);
  const entries = manifest.flatMap((g) => g.weights);
  if (layers.length === 0 || inputShapes[0] === null) {
    if (entries.some((e) => e.group !== 'optimizer')) {
      throw new DataError(`${source}: the first layer has no batch_input_shape, so its weights cannot be created; expected the input shape in modelTopology`);
    }
    return;
  }
  matchWeights(plan.weights, entries, source, 'model', plan.unplanned.length === 0);
}
