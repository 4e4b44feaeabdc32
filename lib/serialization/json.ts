/**
 * Models in memory, for browsers and anywhere without a file system: `model.toJSON()` gives
 * `model.json`'s content with the weights as base64 (one JSON-serializable object, for
 * `localStorage`, a download or a network request) or as an `ArrayBuffer` (for IndexedDB,
 * which stores binary data as is); {@link readSerializedModel} reads either back.
 */
import { DataError } from '../errors';
import { isInstance, kindOf } from '../safe-format';
import { optionsObject } from '../checks';
import type { SavableModel } from '../engine/engine-model';
import type { SerializedModel } from './format';
import { isJsonObject, toPlainJson } from './json-value';
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
  const opts = typeof options === 'object' && options !== null ? optionsObject(options, 'toJSON', ['includeOptimizer', 'epoch', 'weightData'] satisfies (keyof ToJSONOptions)[]) : {};
  const { modelJson, weightData } = serializeModel(model, { includeOptimizer: opts.includeOptimizer, epoch: opts.epoch });
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
  const data = weightBytes((value as { weightData: unknown }).weightData);
  const json = toPlainJson(value.modelJson, `${SOURCE}: modelJson`);
  const { manifest } = checkModelJson(json, SOURCE);
  return {
    json,
    data: splitByGroup(manifest, data),
    files: manifest.map((g, i) => `${SOURCE}: weightData (group ${i}: ${g.paths.join(', ')})`),
    source: SOURCE,
  };
}

/**
 * The bytes of `weightData`: an `ArrayBuffer` as it is, a `SharedArrayBuffer` or a view copied,
 * a string decoded from base64.
 * @throws DataError for anything else, and for a detached buffer (one transferred elsewhere).
 */
function weightBytes(raw: unknown): ArrayBuffer {
  const detached = `${SOURCE}: weightData is a detached ArrayBuffer (transferred to a worker or by structuredClone); pass a buffer that still holds the bytes`;
  try {
    if (isInstance(raw, ArrayBuffer)) {
      raw.slice(0, 0); // throws for a detached buffer
      return raw;
    }
    if (typeof SharedArrayBuffer === 'function' && isInstance(raw, SharedArrayBuffer)) return new Uint8Array(raw).slice().buffer;
    if (ArrayBuffer.isView(raw)) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength).slice().buffer;
  } catch {
    throw new DataError(detached);
  }
  if (typeof raw === 'string') return fromBase64(raw);
  throw new DataError(`${SOURCE}: weightData must be an ArrayBuffer, a SharedArrayBuffer, a view of either or a base64 string, got ${kindOf(raw)}`);
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
