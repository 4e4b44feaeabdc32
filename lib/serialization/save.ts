/**
 * A model in the TensorFlow.js layers-model format, in memory: the `model.json` content and
 * the weights binary, before any storage (files, IndexedDB, a download) is involved.
 */
import { formatJson, kindOf, optionsObject } from '../checks';
import { ConfigError, StateError } from '../errors';
import type { SavableModel } from '../engine/engine-model';
import { crc32 } from './checksum';
import { GENERATED_BY, LAYERS_MODEL_FORMAT, METADATA_VERSION, type LayerwiseMetadata, type ModelJSON } from './format';
import { modelToTopology } from './topology';
import { trainingConfigOf } from './training-config';
import { optimizerWeights, trainingStateOf } from './training-state';
import { encodeWeights, layerWeights } from './weights';
import { keras2HardSigmoidLayers } from './hard-sigmoid-dialect';

/** The file name the weights get in `model.json`'s manifest unless the storage chooses another. */
const DEFAULT_WEIGHTS_FILE = 'weights.bin';

/** Options of `Model.save` and `Model.toJSON`. */
export interface SaveOptions {
  /**
   * Also store the optimizer's state (iteration count and per-weight slots, as
   * `group: 'optimizer'` weights) and the random generators' states, so that training resumes
   * exactly after loading (`trainingConfig`, which TensorFlow.js reads too). Without it the
   * compile settings (optimizer config, losses, loss weights, metric names) are still stored,
   * in layerwise's metadata, as Keras's `compile_config`, so that `loadModel` returns the model
   * compiled. @defaultValue false
   */
  includeOptimizer?: boolean;
  /**
   * The number of epochs completed, stored with `includeOptimizer` and returned by
   * `loadCheckpoint`, to pass to `fit` as `initialEpoch`. @defaultValue none
   */
  epoch?: number;
}

/** A serialized model: `model.json`'s content, the weights binary, and what other readers may get differently. */
export interface ModelArtifacts {
  modelJson: ModelJSON;
  weightData: ArrayBuffer;
  warnings: string[];
}

/**
 * Serializes a built model. Weights are stored as float32 whatever the model's dtype (a
 * float64 model gets a warning, as TensorFlow.js's converter gives one); the model's dtype is
 * kept in `userDefinedMetadata.layerwise` so that layerwise loads it back as it was.
 *
 * @throws StateError for a model that is not built (it has no weights yet); ConfigError for a bad `epoch`.
 */
export function serializeModel(model: SavableModel, options: SaveOptions = {}): ModelArtifacts {
  if (!model.built) {
    throw new StateError(`${model.name}: cannot save a model that is not built (it has no weights yet): give the first layer an inputShape, or call build, fit or predict first`);
  }
  const { includeOptimizer = false, epoch } = optionsObject(options, 'save', ['includeOptimizer', 'epoch'] satisfies (keyof SaveOptions)[]);
  if (typeof includeOptimizer !== 'boolean') throw new ConfigError(`save: includeOptimizer must be a boolean, got ${kindOf(includeOptimizer)}`);
  if (epoch !== undefined && !(Number.isInteger(epoch) && epoch >= 0)) {
    throw new ConfigError(`save: epoch must be a non-negative integer, got ${formatJson(epoch)}`);
  }
  const warnings: string[] = [];
  if (model.dtype === 'float64') {
    warnings.push(`${model.name}: a float64 model is saved with float32 weights (the TensorFlow.js layers format stores float32); values are rounded to float32`);
  }
  const modelTopology = modelToTopology(model, warnings);
  const tensors = layerWeights(model.layers);
  const metadata: LayerwiseMetadata = { version: METADATA_VERSION, dtype: model.dtype };
  const keras2 = keras2HardSigmoidLayers(model.layers);
  if (keras2.length > 0) metadata.keras2HardSigmoid = keras2;
  const modelJson: ModelJSON = {
    modelTopology,
    format: LAYERS_MODEL_FORMAT,
    generatedBy: GENERATED_BY,
    convertedBy: null,
    weightsManifest: [],
  };
  // The compile settings go with every compiled model, as Keras's `compile_config`, so that
  // loadModel returns it compiled: in trainingConfig with the optimizer's state, else in
  // layerwise's own metadata, where TensorFlow.js does not compile from it.
  const trainingConfig = trainingConfigOf(model, warnings, includeOptimizer);
  if (trainingConfig && !includeOptimizer) metadata.compile = trainingConfig;
  if (includeOptimizer) {
    if (trainingConfig) {
      modelJson.trainingConfig = trainingConfig;
      tensors.push(...optimizerWeights(model));
    } else {
      warnings.push(`${model.name}: includeOptimizer: the model is not compiled, so there is no optimizer state to save`);
    }
    metadata.training = trainingStateOf(model, epoch ?? null);
  }
  const { specs, data } = encodeWeights(tensors);
  metadata.weightsCrc32 = crc32(data);
  modelJson.weightsManifest = [{ paths: [DEFAULT_WEIGHTS_FILE], weights: specs }];
  modelJson.userDefinedMetadata = { layerwise: metadata };
  return { modelJson, weightData: data, warnings };
}
