/**
 * Rebuilding a {@link Sequential} from `model.json`'s content and the weights data, checking
 * everything before returning: the topology, the manifest, the binary's length and checksum,
 * and that every weight is present with its shape. A bad file gives a `DataError`, never a
 * half-loaded model.
 */
import { DataError, LayerwiseError } from '../errors';
import type { DType } from '../tensor';
import { Sequential } from '../sequential';
import { crc32 } from './checksum';
import { isJsonObject } from './json-value';
import { checkModelJson, type RawModel } from './model-json';
import { topologyToLayers } from './topology';
import { compileFromTrainingConfig } from './training-config';
import { restoreOptimizerWeights, restoreTrainingState } from './training-state';
import { assignWeights, concatBuffers, decodeWeights, layerWeights } from './weights';

/** Options of `loadModel` and `fromJSON`. */
export interface LoadOptions {
  /**
   * Compile the model from its saved `trainingConfig` (and restore the optimizer state and
   * random generators saved with `includeOptimizer`). With false, only the architecture and
   * weights are loaded. @defaultValue true
   */
  compile?: boolean;
}

/** A loaded model, with the training position saved alongside it. */
export interface Checkpoint {
  model: Sequential;
  /** The epochs completed when it was saved (`save`'s `epoch` option), or `null`. */
  epoch: number | null;
}

/**
 * Builds the model a `model.json` describes and fills it from the weights data (one buffer
 * per manifest group). Layers are created and the weights decoded and matched before any is
 * written; then come the compile settings, the optimizer state and the random generators.
 *
 * @throws DataError naming the `model.json` (or weights file) for anything wrong with the
 * topology, the manifest or the binary.
 */
export function buildModel({ json, data, files, source }: RawModel, options: LoadOptions = {}): Checkpoint {
  const { modelJson, manifest } = checkModelJson(json, source);
  const layerwise = isJsonObject(modelJson.userDefinedMetadata) && isJsonObject(modelJson.userDefinedMetadata.layerwise)
    ? modelJson.userDefinedMetadata.layerwise
    : undefined;
  const dtype: DType = layerwise?.dtype === 'float64' ? 'float64' : 'float32';
  const { name, layers } = topologyToLayers(modelJson.modelTopology, source);
  let model: Sequential;
  try {
    model = new Sequential({ layers, name, dtype });
  } catch (error) {
    throw new DataError(`${source}: the layers do not form a model: ${error instanceof LayerwiseError ? error.message : String(error)}`);
  }
  const weights = layerWeights(model.layers);
  if (!model.built && manifest.some((g) => g.weights.some((e) => e.group !== 'optimizer'))) {
    throw new DataError(`${source}: the first layer has no batch_input_shape, so its weights cannot be created; expected the input shape in modelTopology`);
  }
  const decoded = decodeWeights(manifest, data, files);
  const expectedCrc = layerwise?.weightsCrc32;
  if (typeof expectedCrc === 'string') {
    const found = crc32(concatBuffers(data));
    if (found !== expectedCrc) {
      throw new DataError(`${files.join(', ')}: the weights' CRC-32 is ${found} but model.json records ${expectedCrc}; the file is corrupt or belongs to another save`);
    }
  }
  assignWeights(weights, decoded, source);
  const compile = options.compile !== false && modelJson.trainingConfig !== undefined;
  if (compile) compileFromTrainingConfig(model, modelJson.trainingConfig, source);
  if (compile && [...decoded.values()].some((d) => d.entry.group === 'optimizer')) restoreOptimizerWeights(model, decoded, source);
  const training = layerwise?.training;
  if (compile && training !== undefined) restoreTrainingState(model, training, source);
  const epoch = isJsonObject(training) && typeof training.epoch === 'number' ? training.epoch : null;
  return { model, epoch };
}
