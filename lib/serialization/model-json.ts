/** The first checks of a `model.json` read from storage, before its weights are read. */
import { DataError } from '../errors';
import { LAYERS_MODEL_FORMAT, type ModelJSON, type WeightsManifestGroup } from './format';
import { brief, isJsonObject } from './json-value';
import { checkManifest } from './weights';

/** A model as read from storage, not yet checked beyond what reading needs. */
export interface RawModel {
  /** The parsed `model.json`. */
  json: unknown;
  /** Each manifest group's bytes, its shards concatenated. */
  data: ArrayBuffer[];
  /** Each group's file name(s), for error messages. */
  files: string[];
  /** The `model.json` path (or `'fromJSON'`), for error messages. */
  source: string;
}

/**
 * Checks the parts of `model.json` that come before reading the weights: it is an object in
 * the layers-model format with a `modelTopology` and a well-formed `weightsManifest`.
 * @throws DataError naming `source`.
 */
export function checkModelJson(json: unknown, source: string): { modelJson: ModelJSON; manifest: WeightsManifestGroup[] } {
  if (!isJsonObject(json)) throw new DataError(`${source}: expected a model.json object, got ${brief(json)}`);
  if (json.format !== undefined && json.format !== LAYERS_MODEL_FORMAT) {
    throw new DataError(`${source}: format must be '${LAYERS_MODEL_FORMAT}', got ${brief(json.format)} (graph models from the TensorFlow.js converter cannot be loaded)`);
  }
  if (json.modelTopology === undefined) throw new DataError(`${source}: modelTopology is missing`);
  const manifest = checkManifest(json.weightsManifest ?? [], source);
  return { modelJson: json as unknown as ModelJSON, manifest };
}
