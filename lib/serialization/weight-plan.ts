/**
 * The weights a loaded model will create, worked out from its layers' configs and input shapes
 * before any layer is built, so that an untrusted `model.json` cannot make the loader allocate
 * more than the weights file it comes with: every planned weight must be in the manifest with
 * its shape, and the manifest must describe exactly the bytes present (`checkWeightBytes`).
 */
import { DataError } from '../errors';
import { formatShape, type Shape } from '../tensor';
import {
  BatchNormalization, Dense, Dropout, ELU, Flatten, GELU, HardSigmoid, LayerNormalization, LeakyReLU, Linear, PReLU, ReLU,
  Reshape, SELU, Sigmoid, Softmax, Softplus, Softsign, Swish, Tanh,
  type Layer, type LayerClass, type NormalizationConfig,
} from '../../layers';
import type { WeightsManifestGroup } from './format';
import { shapeProblem } from './limits';
import { matchWeights, type WeightSpec } from './weights';

/** A layer's weights (`weightName` and shape, `null` for an axis the unknown input leaves open), in `layerWeights` order. */
type WeightRule = (layer: Layer, inputShape: Shape | null) => { weightName: string; shape: Shape }[];

const lastAxis = (shape: Shape | null): number | null => (shape === null ? null : shape[shape.length - 1]);

/** `gamma` (with `scale`) then `beta` (with `center`), each `[features]`. */
function affineWeights(layer: Layer, inputShape: Shape | null): { weightName: string; shape: Shape }[] {
  const { scale, center } = layer.getConfig() as unknown as NormalizationConfig;
  const features = [lastAxis(inputShape)];
  return [...(scale ? [{ weightName: 'gamma', shape: features }] : []), ...(center ? [{ weightName: 'beta', shape: features }] : [])];
}

/**
 * What each built-in layer class creates at build (its `createParams`), by exact class (a
 * subclass may add weights). `spec/lib/serialization/untrusted-sizes.spec.ts` checks every
 * registered class against the weights a real layer builds.
 */
const RULES = new Map<LayerClass, WeightRule>([
  [Dense, (layer, input) => {
    const { units, useBias } = layer as Dense;
    return [{ weightName: 'kernel', shape: [lastAxis(input), units] }, ...(useBias ? [{ weightName: 'bias', shape: [units] }] : [])];
  }],
  [BatchNormalization, (layer, input) => [
    ...affineWeights(layer, input),
    { weightName: 'moving_mean', shape: [lastAxis(input)] },
    { weightName: 'moving_variance', shape: [lastAxis(input)] },
  ]],
  [LayerNormalization, affineWeights],
  [PReLU, (_, input) => [{ weightName: 'alpha', shape: input === null ? [null] : input.slice(1) }]],
  ...[ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, Linear, ELU, SELU, GELU, Swish, Softplus, Softsign, HardSigmoid, Dropout, Flatten, Reshape]
    .map((Cls): [LayerClass, WeightRule] => [Cls, () => []]),
]);

/** {@link plannedWeights}' result. */
export interface WeightPlan {
  /** The weights of the layers whose class is known, named `<layer>/<weight>`. */
  weights: WeightSpec[];
  /** Layers of classes the plan does not know (registered by the application): their weights are checked once built. */
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
    const rule = RULES.get(layer.constructor as LayerClass);
    if (!rule) {
      plan.unplanned.push(layer);
      return;
    }
    for (const { weightName, shape } of rule(layer, inputShapes[i])) {
      const name = `${layer.name}/${weightName}`;
      const problem = shapeProblem(shape);
      if (problem !== null) throw new DataError(`${source}: ${layer.describe()}: weight '${name}' ${formatShape(shape)} is too large for a tensor: ${problem}`);
      plan.weights.push({ name, shape });
    }
  });
  return plan;
}

/**
 * Checks, before any layer is built, that the model weights `layers` will create are what the
 * manifest declares: each planned weight present with its shape, and (when every layer's
 * class is known) nothing else. With `checkWeightBytes`' "declared = present", building
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
