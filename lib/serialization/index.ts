/**
 * Saving and loading models in the TensorFlow.js layers-model format: `model.save(path)` and
 * {@link loadModel} for files, `model.toJSON()` and {@link fromJSON} in memory and in browsers.
 */
import type { Model } from '../model';
import type { SerializedModel } from './format';
import { isSerializedText, readFromDirectory } from './io-node';
import { isKerasFilePath } from './keras-path';
import { loadKerasFile } from './keras3-load';
import { readSerializedModel } from './json';
import { buildModel, LOAD_OPTION_KEYS, type Checkpoint, type LoadOptions } from './load';
import { optionsObject } from '../checks';

export type {
  JsonObject, JsonValue, KerasObject, LayerwiseMetadata, ModelJSON, ModelTopology, SaveResult, SerializedModel,
  TrainingConfig, TrainingState, WeightsManifestEntry, WeightsManifestGroup,
} from './format';
export type { SaveOptions } from './save';
export type { ToJSONOptions } from './json';
export type { Checkpoint, LoadOptions } from './load';

/**
 * Loads a model and, when it was saved with `includeOptimizer`, its training position
 * (`epoch`): from a directory, a `file://` URL or a `model.json` path, from `model.toJSON()`'s
 * result, or from its JSON text. A string is taken for JSON text only when it parses as a JSON
 * object and names no existing file or folder, so `save('{run}')` and `loadModel('{run}')`
 * agree.
 *
 * With a saved `trainingConfig` the model comes back compiled, with the optimizer's state and
 * the random generators restored (the global one too), so that
 * `fit(x, y, { initialEpoch: epoch, epochs, seed })` continues exactly where the saved run was.
 *
 * @throws DataError naming the file, the weight, the expected and the found value when a file
 * is missing, truncated, corrupt or does not match the topology, or asks for more weights than
 * its weights file holds or a tensor larger than 2^31 − 1 elements (checked before anything of
 * that size is allocated); never a half-loaded model.
 * @example
 * ```ts
 * await model.save('checkpoints/run1', { includeOptimizer: true, epoch: 5 });
 * const { model: resumed, epoch } = await loadCheckpoint('checkpoints/run1');
 * await resumed.fit(x, y, { epochs: 10, initialEpoch: epoch ?? 0, seed: 1 });
 * ```
 */
export async function loadCheckpoint(pathOrJson: string | SerializedModel, options: LoadOptions = {}): Promise<Checkpoint> {
  optionsObject(options, 'loadCheckpoint', LOAD_OPTION_KEYS);
  // A path is read at once (its Node guard runs before any await); only text starting with '{' needs a look at the disk.
  if (isKerasFilePath(pathOrJson)) {
    return loadKerasFile((pathOrJson as string).replace(/^file:\/\//i, ''), options);
  }
  if (typeof pathOrJson === 'string' && !(pathOrJson.trimStart().startsWith('{') && (await isSerializedText(pathOrJson)))) {
    return buildModel(await readFromDirectory(pathOrJson), options);
  }
  return buildModel(readSerializedModel(pathOrJson), options);
}

/**
 * Loads a model saved by `model.save` (or by TensorFlow.js's `model.save`), or from
 * `model.toJSON()`'s result; see {@link loadCheckpoint}.
 * @example
 * ```ts
 * const model = await loadModel('file://models/mnist');
 * const probabilities = model.predict(x);
 * ```
 */
export async function loadModel(pathOrJson: string | SerializedModel, options: LoadOptions = {}): Promise<Model> {
  return (await loadCheckpoint(pathOrJson, optionsObject(options, 'loadModel', LOAD_OPTION_KEYS))).model;
}

/**
 * Rebuilds a model from `model.toJSON()`'s result or its JSON text, synchronously, with the
 * same checks as {@link loadModel}.
 * @throws DataError for invalid JSON, malformed weights data or any mismatch.
 * @example
 * ```ts
 * const text = JSON.stringify(model);        // or model.toJSON({ weightData: 'arrayBuffer' }) for IndexedDB
 * const copy = fromJSON(text);
 * ```
 */
export function fromJSON(input: SerializedModel | string, options: LoadOptions = {}): Model {
  return buildModel(readSerializedModel(input), options).model;
}
export { toOnnxBytes, exportOnnx, ONNX_OPSET } from './onnx';
