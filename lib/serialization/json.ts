/**
 * Models in memory, for browsers and anywhere without a file system: `model.toJSON()` gives
 * `model.json`'s content with the weights as base64 (one JSON-serializable object, for
 * `localStorage`, a download or a network request) or as an `ArrayBuffer` (for IndexedDB,
 * which stores binary data as is); {@link readSerializedModel} reads either back.
 */
import { DataError } from '../errors';
import { isInstance, kindOf } from '../safe-format';
import type { SavableModel } from '../engine/engine-model';
import type { SerializedModel } from './format';
import { isJsonObject } from './json-value';
import { checkModelJson, type RawModel } from './model-json';
import { serializeModel, type SaveOptions } from './save';
import { splitByGroup } from './weights';

/** Options of `Model.toJSON`. */
export interface ToJSONOptions extends SaveOptions {
  /** `'base64'` for a string that survives `JSON.stringify`, `'arrayBuffer'` for the raw bytes. @defaultValue 'base64' */
  weightData?: 'base64' | 'arrayBuffer';
}

/** What errors about an in-memory model name as its source. */
const SOURCE = 'fromJSON';

/**
 * The model as `{ modelJson, weightData }` (see {@link ToJSONOptions}). `options` may be a
 * string, which `JSON.stringify(model)` passes; it is ignored, so `JSON.stringify(model)`
 * gives the base64 form.
 * @throws StateError for a model that is not built.
 */
export function modelToJSON(model: SavableModel, options: ToJSONOptions | string = {}): SerializedModel {
  const opts = typeof options === 'object' && options !== null ? options : {};
  const { modelJson, weightData } = serializeModel(model, opts);
  return { modelJson, weightData: opts.weightData === 'arrayBuffer' ? weightData : toBase64(weightData) };
}

/**
 * Reads {@link modelToJSON}'s result, or its `JSON.stringify` text, into the `model.json`
 * content and the weights data of each manifest group.
 * @throws DataError for invalid JSON, a missing part, or weights data that is neither bytes nor base64.
 */
export function readSerializedModel(input: SerializedModel | string): RawModel {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new DataError(`${SOURCE}: invalid JSON: ${(error as Error).message}`);
    }
  }
  if (!isJsonObject(value) || !('modelJson' in value) || !('weightData' in value)) {
    throw new DataError(`${SOURCE}: expected { modelJson, weightData } as model.toJSON() returns`);
  }
  const raw = (value as { weightData: unknown }).weightData;
  let data: ArrayBuffer;
  if (isInstance(raw, ArrayBuffer)) data = raw;
  else if (ArrayBuffer.isView(raw)) data = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength).slice().buffer;
  else if (typeof raw === 'string') data = fromBase64(raw);
  else throw new DataError(`${SOURCE}: weightData must be an ArrayBuffer (or a view of one) or a base64 string, got ${kindOf(raw)}`);
  const { manifest } = checkModelJson(value.modelJson, SOURCE);
  return {
    json: value.modelJson,
    data: splitByGroup(manifest, data),
    files: manifest.map((g, i) => `${SOURCE}: weightData (group ${i}: ${g.paths.join(', ')})`),
    source: SOURCE,
  };
}

/** Base64 of the bytes, through `btoa` (browsers and Node ≥ 16), in chunks to keep call arguments small. */
function toBase64(data: ArrayBuffer): string {
  const bytes = new Uint8Array(data);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of a base64 string. @throws DataError for characters outside base64. */
function fromBase64(text: string): ArrayBuffer {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new DataError(`${SOURCE}: weightData is not valid base64`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}
