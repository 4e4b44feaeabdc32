/**
 * Rebuilding a {@link Sequential} from `model.json`'s content and the weights data, checking
 * everything before returning: the topology, the manifest, the binary's length and checksum,
 * and that every weight is present with its shape. A bad file gives a `DataError`, never a
 * half-loaded model, and sizes read from the file are checked before anything of that size is
 * allocated (see {@link buildModel}).
 */
import { optionsObject } from '../checks';
import { getGlobalRandom } from '../random';
import { ConfigError, DataError, LayerwiseError } from '../errors';
import { formatValue } from '../safe-format';
import type { DType } from '../tensor';
import { Sequential } from '../sequential';
import { Model } from '../model';
import { crc32 } from './checksum';
import type { JsonObject, JsonValue, ModelJSON } from './format';
import { readsKeras2HardSigmoid, withKeras2HardSigmoid } from './hard-sigmoid-dialect';
import { isJsonObject, toPlainJson } from './json-value';
import { checkDeclaredSizes, checkLayerNames, checkVariances, DEFAULT_MAX_LOADED_ELEMENTS, savedEpoch } from './loaded-values';
import { checkModelJson, type RawModel } from './model-json';
import { topologyToLayers } from './topology';
import { compileFromTrainingConfig } from './training-config';
import { restoreOptimizerWeights, restoreTrainingState } from './training-state';
import { checkPlannedWeights } from './weight-plan';
import { assignWeights, checkWeightBytes, concatBuffers, decodeWeights, layerWeights } from './weights';

/** Options of `loadModel` and `fromJSON`. */
export interface LoadOptions {
  /**
   * Compile the model from its saved compile settings (and restore the optimizer state and
   * random generators saved with `includeOptimizer`). With false, only the architecture and
   * weights are loaded. @defaultValue true
   */
  compile?: boolean;
  /**
   * The most elements the model may declare: for all its weights together, and for any one
   * layer's output per sample (see `DEFAULT_MAX_LOADED_ELEMENTS`). A larger model is refused
   * with a `DataError` before anything is allocated. @defaultValue 2^28 (1 GiB of float32)
   */
  maxElements?: number;
}

/** The keys of {@link LoadOptions}. */
export const LOAD_OPTION_KEYS = ['compile', 'maxElements'] as const satisfies readonly (keyof LoadOptions)[];

/** A loaded model, with the training position saved alongside it. */
export interface Checkpoint {
  /** A `Sequential` for a saved Sequential, a functional `Model` for a saved graph. */
  model: Model;
  /** The epochs completed when it was saved (`save`'s `epoch` option), or `null`. */
  epoch: number | null;
}

/**
 * Builds the model a `model.json` describes and fills it from the weights data (one buffer
 * per manifest group), in an order that lets no size read from the file allocate more than
 * the bytes present:
 * 1. the manifest's shapes are tensor shapes (safe integers, at most `MAX_TENSOR_ELEMENTS`
 *    elements each) and describe exactly the bytes of each group;
 * 2. the layers are constructed (not built), every shape propagated through them is a
 *    tensor shape, and the sizes they declare stay within `maxElements` (even with no input
 *    width: a Dense's `units`);
 * 3. the weights the layers will create are worked out from their configs and must be the
 *    manifest's, shape for shape (`checkPlannedWeights`), and the checksum must match;
 * 4. only then are the weights decoded (as many elements as the bytes hold) and the layers
 *    built, matched again and written; then come the compile settings, the optimizer state
 *    (a few slots the size of each trainable weight) and the random generators.
 *
 * @throws DataError naming the `model.json` (or weights file) for anything wrong with the
 * topology, the manifest or the binary.
 */
export function buildModel(raw: RawModel, rawOptions?: LoadOptions): Checkpoint {
  // Building runs the layers' initializers, which draw from the global generator; a load that
  // fails puts the generator back, so it changes nothing.
  const random = getGlobalRandom().getState();
  try {
    return buildCheckedModel(raw, rawOptions);
  } catch (error) {
    getGlobalRandom().setState(random);
    throw error;
  }
}

/** {@link buildModel}'s steps, without the generator's guard. */
function buildCheckedModel({ json: rawJson, data, files, source }: RawModel, rawOptions?: LoadOptions): Checkpoint {
  const options = optionsObject(rawOptions, 'load', LOAD_OPTION_KEYS);
  const cap = options.maxElements ?? DEFAULT_MAX_LOADED_ELEMENTS;
  if (!Number.isSafeInteger(cap) || cap < 1) throw new ConfigError(`load: maxElements must be a positive integer, got ${formatValue(cap)}`);
  const json = toPlainJson(rawJson, source);
  const { modelJson, manifest } = checkModelJson(json, source);
  checkWeightBytes(manifest, data, files);
  const layerwise = isJsonObject(modelJson.userDefinedMetadata) && isJsonObject(modelJson.userDefinedMetadata.layerwise)
    ? modelJson.userDefinedMetadata.layerwise
    : undefined;
  const dtype: DType = layerwise?.dtype === 'float64' ? 'float64' : 'float32';
  const epoch = savedEpoch(layerwise?.training, source);
  const { name, layers, inputShapes, graph } = topologyToLayers(readHardSigmoid(modelJson, layerwise), source);
  checkLayerNames(layers, source);
  checkDeclaredSizes(layers, inputShapes, cap, source);
  checkPlannedWeights(layers, inputShapes, manifest, source);
  const expectedCrc = layerwise?.weightsCrc32;
  if (typeof expectedCrc === 'string') {
    const found = crc32(data.length === 1 ? data[0] : concatBuffers(data));
    if (found !== expectedCrc) {
      throw new DataError(`${files.join(', ') || source}: the weights' CRC-32 is ${found} but model.json records ${expectedCrc}; the file is corrupt or belongs to another save`);
    }
  }
  const decoded = decodeWeights(manifest, data, files);
  checkVariances(decoded, files);
  let model: Model;
  try {
    model = graph ? new Model({ ...graph.connect(dtype), ...(name !== undefined ? { name } : {}) }) : new Sequential({ layers, name, dtype });
  } catch (error) {
    throw new DataError(`${source}: the layers do not form a model: ${error instanceof LayerwiseError ? error.message : String(error)}`);
  }
  assignWeights(layerWeights(model.layers), decoded, source);
  const compileConfig = modelJson.trainingConfig ?? layerwise?.compile;
  const compile = options.compile !== false && compileConfig !== undefined;
  if (compile) compileFromTrainingConfig(model, compileConfig, source);
  if (compile && [...decoded.values()].some((d) => d.entry.group === 'optimizer')) restoreOptimizerWeights(model, decoded, source);
  const training = layerwise?.training;
  if (compile && training !== undefined) restoreTrainingState(model, training, source);
  return { model, epoch };
}

/**
 * The topology with each recurrent `'hard_sigmoid'` read as its writer meant it: Keras 2's and
 * TensorFlow.js's in their files, and in layerwise's for the layers its metadata lists.
 */
function readHardSigmoid(modelJson: ModelJSON, layerwise: JsonObject | undefined): JsonValue {
  const topology = modelJson.modelTopology as unknown as JsonValue;
  if (layerwise === undefined) return readsKeras2HardSigmoid(modelJson.generatedBy) ? withKeras2HardSigmoid(topology, 'all') : topology;
  const listed = layerwise.keras2HardSigmoid;
  const names = Array.isArray(listed) ? listed.filter((n): n is string => typeof n === 'string') : [];
  return names.length > 0 ? withKeras2HardSigmoid(topology, names) : topology;
}
