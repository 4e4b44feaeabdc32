/**
 * Checks of values read from a saved model that no shape or byte count catches: the sizes a
 * model declares against a cap (even when its input width is unknown), layer names that would
 * be object keys with another meaning, variances below zero, and the saved epoch.
 */
import { DataError } from '../errors';
import { formatValue } from '../safe-format';
import type { Layer } from '../../layers';
import { formatShape, type Shape } from '../tensor';
import { isJsonObject } from './json-value';
import { plannedWeights } from './weight-plan';
import type { DecodedWeight } from './weights';

/**
 * The most elements a loaded model may declare by default: 2^28 (268,435,456; 1 GiB of float32)
 * for all its weights together, and for any one layer's output per sample. A `model.json` of a
 * few bytes could otherwise declare a Dense of `units: 3e8` whose first `predict` allocates
 * gigabytes. Raise it with `loadModel`'s `maxElements` option for a model known to be larger.
 */
export const DEFAULT_MAX_LOADED_ELEMENTS = 2 ** 28;

/** The elements of `shape`'s known axes (a `null` axis, such as the batch or an unknown input width, counts as 1). */
function knownElements(shape: Shape): number {
  return shape.reduce<number>((n, d) => (d === null ? n : n * d), 1);
}

/**
 * Checks that the weights `layers` will create (as far as their configs fix them: a Dense's
 * `units` even without an input width) and each layer's output per sample stay within `cap`
 * elements, the weights in total too.
 *
 * @throws DataError naming `source`, the layer, the weight or output, its size and the cap,
 * with the option that raises it.
 */
export function checkDeclaredSizes(layers: readonly Layer[], inputShapes: readonly (Shape | null)[], cap: number, source: string): void {
  const raise = `at most ${cap} allowed; pass loadModel(…, { maxElements }) to load a model this large`;
  let total = 0;
  for (const { name, shape } of plannedWeights(layers, inputShapes, source).weights) {
    const n = knownElements(shape);
    if (n > cap) throw new DataError(`${source}: weight ${formatValue(name)} ${formatShape(shape)} declares ${n} elements, ${raise}`);
    total += n;
  }
  if (total > cap) throw new DataError(`${source}: the layers declare ${total} weight elements in all, ${raise}`);
  inputShapes.forEach((shape, i) => {
    if (shape !== null && knownElements(shape) > cap) {
      throw new DataError(`${source}: the input of ${layers[i].describe()} ${formatShape(shape)} has ${knownElements(shape)} elements per sample, ${raise}`);
    }
  });
}

/**
 * Checks the names of loaded layers: `__proto__` would be the prototype, not a key, of the
 * objects that store per-layer state by name (the saved random states).
 * @throws DataError naming `source`, the layer's index and the field.
 */
export function checkLayerNames(layers: readonly Layer[], source: string): void {
  layers.forEach((layer, i) => {
    if (layer.name === '__proto__') {
      throw new DataError(`${source}: layer ${i}: config.name ${formatValue(layer.name)} is reserved (it names an object's prototype); rename the layer`);
    }
  });
}

/**
 * Checks that every decoded variance (`…/moving_variance`, BatchNormalization's) is ≥ 0: a
 * negative one makes `1/√(σ² + ε)` NaN for every later prediction.
 * @throws DataError naming the file, the weight and the first negative element.
 */
export function checkVariances(decoded: ReadonlyMap<string, DecodedWeight>, files: readonly string[]): void {
  for (const [name, { values }] of decoded) {
    if (!name.endsWith('/moving_variance')) continue;
    const bad = values.findIndex((v) => v < 0);
    if (bad >= 0) throw new DataError(`${files.join(', ')}: weight ${formatValue(name)} holds ${values[bad]} at element ${bad}; a variance must be ≥ 0`);
  }
}

/**
 * The saved epoch (`userDefinedMetadata.layerwise.training.epoch`): a non-negative integer, or
 * `null` when none was saved.
 * @throws DataError naming `source` and the field for anything else.
 */
export function savedEpoch(training: unknown, source: string): number | null {
  if (!isJsonObject(training) || training.epoch === undefined || training.epoch === null) return null;
  const epoch = training.epoch;
  if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch < 0) {
    throw new DataError(`${source}: userDefinedMetadata.layerwise.training.epoch must be a non-negative integer (the epochs completed) or null, got ${formatValue(epoch)}`);
  }
  return epoch;
}
