/**
 * The Keras 3 `.keras` file: a zip of `metadata.json` (`keras_version`, `date_saved`),
 * `config.json` (the model serialized as Keras 3's `serialize_keras_object` writes it) and
 * `model.weights.h5` (HDF5: each layer's variables at `layers/<layer name>/vars/<i>`, trainable
 * ones first; a recurrent layer's at `layers/<name>/cell/vars/<i>`, a Bidirectional's at
 * `layers/<name>/forward_layer/cell/vars/<i>` and `…/backward_layer/…`, a TimeDistributed's at
 * `layers/<name>/layer/vars/<i>`), as `keras.saving.save_model` writes it
 * (keras/src/saving/saving_lib.py, H5IOStore). A Sequential is written here; a functional
 * model's `Functional` config and weight paths are in keras3-functional.ts, one layer's Keras 3
 * entry and variables in keras3-layers.ts.
 *
 * Loading is in keras3-load.ts. The configs are converted through the TensorFlow.js topology (`modelToTopology`,
 * `topologyToLayers`): Keras 3's configs are TensorFlow.js's with a `module` and
 * `registered_name` on every object, dtype policies as objects, an `InputLayer` with
 * `batch_shape` first, and a `build_config` per layer. Loading checks the weights against the
 * layers' planned weights, shape for shape, through the same `buildModel` as `model.json`.
 *
 * HDF5 is written and read with `h5wasm` (loaded on first use, in its in-memory file system),
 * the zip with `fflate`.
 */
import { zipSync } from 'fflate';
import { ConfigError } from '../errors';
import type { Shape, Tensor } from '../tensor';
import type { SavableModel } from '../engine/engine-model';
import type { JsonObject, JsonValue, SaveResult } from './format';
import { isJsonObject } from './json-value';
import { assertNode } from '../node-only';
import { commitFile } from './durable-write';
import { modelToTopology } from './topology';
import { trainingConfigOf } from './training-config';
import { functionalParts } from './keras3-functional';
import { dtypePolicy, hasBuildConfig, kerasObject, kerasSnakeCase, layerToKeras3, layerVariables, objectPaths, type LayerVariables } from './keras3-layers';

/** The Keras version `metadata.json` names: the format this file follows. */
export const KERAS_VERSION = '3.9.2';
/** The names of the three entries of a `.keras` zip. */
export const METADATA = 'metadata.json';
export const CONFIG = 'config.json';
export const WEIGHTS = 'model.weights.h5';
/** The largest `.keras` file `loadModel` reads (as `model.json`'s limit). */
export const MAX_KERAS_FILE_BYTES = 2 ** 31 - 1;
/** layerwise's (TensorFlow.js-style) optimizer keys → Keras 3's. */
export const OPTIMIZER_KEYS_TO_KERAS3: Readonly<Record<string, string>> = {
  clip_value: 'clipvalue', clip_norm: 'clipnorm', global_clip_norm: 'global_clipnorm', beta1: 'beta_1', beta2: 'beta_2',
};
/** Keras 3 optimizer options layerwise does not have, with the values that change nothing. */
export const KERAS3_OPTIMIZER_DEFAULTS: Readonly<Record<string, JsonValue>> = {
  use_ema: false, ema_momentum: 0.99, ema_overwrite_frequency: null, loss_scale_factor: null, gradient_accumulation_steps: null, weight_decay: null,
};

/**
 * Keras 3's `compile_config` for a compiled model (`{ optimizer, loss, loss_weights, metrics, … }`),
 * from the TensorFlow.js training config; `undefined` before `compile`.
 */
function compileConfigOf(model: SavableModel, warnings: string[]): JsonObject | undefined {
  const training = trainingConfigOf(model, warnings, false);
  if (!training) return undefined;
  const optimizer = training.optimizer_config as unknown as JsonObject;
  const config: JsonObject = { name: kerasSnakeCase(optimizer.class_name as string) };
  for (const [key, value] of Object.entries(optimizer.config as JsonObject)) config[OPTIMIZER_KEYS_TO_KERAS3[key] ?? key] = value;
  for (const [key, value] of Object.entries(KERAS3_OPTIMIZER_DEFAULTS)) config[key] ??= value;
  const loss = training.loss as unknown as JsonValue;
  const lossJson = (l: JsonValue): JsonValue => (isJsonObject(l) && typeof l.class_name === 'string' ? kerasObject(l, 'keras.losses') : l);
  // Several outputs: a loss per output name, as Keras 3 writes a dict given to compile.
  const perOutput = isJsonObject(loss) && typeof loss.class_name !== 'string';
  return {
    optimizer: { module: 'keras.optimizers', class_name: optimizer.class_name as string, config, registered_name: null },
    loss: perOutput ? Object.fromEntries(Object.entries(loss).map(([k, v]) => [k, lossJson(v)])) : lossJson(loss),
    loss_weights: (training.loss_weights ?? null) as JsonValue,
    metrics: (training.metrics ?? null) as JsonValue,
    weighted_metrics: (training.weighted_metrics ?? null) as JsonValue,
    run_eagerly: false,
    steps_per_execution: 1,
    jit_compile: true,
  };
}

export { isKerasFilePath } from './keras-path';
export { kerasSnakeCase, objectPaths, weightGroups } from './keras3-layers';

/** The parts of `h5wasm` used here. */
interface H5Group {
  keys(): string[];
  get(path: string): H5Group | H5Dataset | null;
  create_group(name: string): H5Group;
  create_dataset(args: { name: string; data: Float32Array; shape: number[]; dtype: string }): H5Dataset;
  create_attribute(name: string, data: string): void;
}
interface H5Dataset {
  shape: number[] | null;
  dtype: unknown;
  value: unknown;
}
export interface H5File extends H5Group {
  close(): void;
}
interface H5FileSystem {
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
  unlink(path: string): void;
}
interface H5Package {
  ready: Promise<{ FS: H5FileSystem }>;
  File: new (path: string, mode: string) => H5File;
  Group: new (...args: never[]) => H5Group;
  Dataset: new (...args: never[]) => H5Dataset;
}
/** h5wasm's classes and its in-memory file system, once its wasm is ready. */
export interface H5Module extends Omit<H5Package, 'ready'> {
  FS: H5FileSystem;
}

/** h5wasm's Node entry point. */
const H5WASM = 'h5wasm/node';
let h5wasmModule: Promise<H5Module> | null = null;
let scratchCount = 0;

/**
 * `h5wasm`, loaded once. It is an ES module only: Node loads it with a real `import()` (which
 * TypeScript's CommonJS output would turn into `require`); where no dynamic import is
 * available (Jest's module sandbox) it falls back to `require`, which Jest maps to a CommonJS
 * transform of the same file (see jest.config.js).
 */
export async function loadH5wasm(): Promise<H5Module> {
  h5wasmModule ??= (async () => {
    let mod: { default?: H5Package } & H5Package;
    try {
      const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default?: H5Package } & H5Package>;
      mod = await importEsm(H5WASM);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING' && !/dynamic import callback/i.test(String(error))) throw error;
      // A variable specifier, so that bundlers leave h5wasm out of browser bundles.
      mod = require(H5WASM) as { default?: H5Package } & H5Package;
    }
    const h5 = mod.default ?? mod;
    const { FS } = await h5.ready;
    return { File: h5.File, Group: h5.Group, Dataset: h5.Dataset, FS };
  })();
  h5wasmModule.catch(() => { h5wasmModule = null; });
  return h5wasmModule;
}

/** A Keras 3 object made TensorFlow.js's again: `{ class_name, config }`, dtype policies as their names. */
export function fromKeras3(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(fromKeras3);
  if (!isJsonObject(value)) return value;
  if (value.class_name === 'DTypePolicy' || value.class_name === 'DTypePolicyMap') {
    return isJsonObject(value.config) && typeof value.config.name === 'string' ? value.config.name : 'float32';
  }
  const out: JsonObject = {};
  const isKerasObject = typeof value.class_name === 'string' && 'config' in value;
  for (const [key, v] of Object.entries(value)) {
    if (isKerasObject && (key === 'module' || key === 'registered_name' || key === 'build_config' || key === 'compile_config' || key === 'shared_object_id')) continue;
    // Keras 3's Bidirectional also writes its backward copy, which layerwise derives from `layer`.
    if (key === 'backward_layer') continue;
    out[key] = fromKeras3(v);
  }
  return out;
}

/** A `.keras` file's parts before zipping. */
export interface KerasFileParts {
  metadata: JsonObject;
  config: JsonObject;
  /** Each weight with the HDF5 group it goes in (`layers/dense/vars`); its index there is its position among the group's weights. */
  weights: { group: string; value: Tensor }[];
  /** Every group `model.weights.h5` has, weights or not (Keras writes a `vars` group for every layer). */
  groups: { path: string; name: string }[];
  warnings: string[];
}

/** The config (without `compile_config`) and variables of a built Sequential model. */
function sequentialParts(model: SavableModel, warnings: string[]): { config: JsonObject } & LayerVariables {
  const topology = modelToTopology(model, warnings);
  const tfLayers = (topology.config as unknown as JsonObject).layers as JsonObject[];
  const inputShape = model.inputShape ? model.inputShape.slice() : null;
  const layers: JsonObject[] = [];
  if (inputShape) {
    layers.push({
      module: 'keras.layers', class_name: 'InputLayer', registered_name: null,
      config: { batch_shape: inputShape as JsonValue, dtype: 'float32', sparse: false, ragged: false, name: 'input_layer' },
    });
  }
  let shape: Shape | null = inputShape;
  const weights: LayerVariables['weights'] = [];
  const groups: LayerVariables['groups'] = [{ path: 'vars', name: model.name }];
  const bases = objectPaths(tfLayers.map((entry) => entry.class_name as string));
  model.layers.forEach((layer, i) => {
    // Keras 3 writes a build_config for layers that build something (weights, a wrapper), not for Dropout, Flatten, pooling.
    layers.push(layerToKeras3(tfLayers[i], shape && hasBuildConfig(layer) ? { input_shape: shape.slice() as JsonValue } : null, 'float32'));
    const variables = layerVariables(layer, bases[i]);
    groups.push(...variables.groups);
    weights.push(...variables.weights);
    shape = shape ? layer.computeOutputShape(shape) : null;
  });
  const config: JsonObject = {
    module: 'keras',
    class_name: 'Sequential',
    config: { name: model.name, trainable: true, dtype: dtypePolicy('float32'), layers, ...(inputShape ? { build_input_shape: inputShape as JsonValue } : {}) },
    registered_name: null,
    ...(inputShape ? { build_config: { input_shape: inputShape as JsonValue } } : {}),
  };
  return { config, weights, groups };
}

/**
 * The parts of the `.keras` file of a built model: a Sequential's, or a functional model's
 * (keras3-functional.ts).
 * @throws StateError for a model that is not built; ConfigError for a functional model with a
 * model used as a layer.
 */
export function kerasFileParts(model: SavableModel): KerasFileParts {
  if (!model.built) throw new ConfigError(`${model.name}: cannot save a model that is not built (it has no weights yet): give the first layer an inputShape, or call build, fit or predict first`);
  const warnings: string[] = [];
  if (model.dtype === 'float64') warnings.push(`${model.name}: a float64 model is saved with float32 weights; values are rounded to float32`);
  const connections = model.connections();
  const { config, weights, groups } = connections ? functionalParts(model.name, connections, warnings) : sequentialParts(model, warnings);
  const compileConfig = compileConfigOf(model, warnings);
  if (compileConfig) config.compile_config = compileConfig;
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}@${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  return { metadata: { keras_version: KERAS_VERSION, date_saved: date }, config, weights, groups, warnings };
}

/** A scratch path in h5wasm's in-memory file system. */
export function scratchPath(): string {
  scratchCount += 1;
  return `/layerwise-${scratchCount}.h5`;
}

/** `model.weights.h5`'s bytes for the parts' weights (float32, as Keras writes them). */
async function encodeWeightsH5(parts: KerasFileParts): Promise<Uint8Array> {
  const h5 = await loadH5wasm();
  const path = scratchPath();
  const file = new h5.File(path, 'w');
  try {
    const made = new Map<string, H5Group>();
    const group = (p: string): H5Group => {
      let g = made.get(p);
      if (g) return g;
      const slash = p.lastIndexOf('/');
      const parent = slash < 0 ? file : group(p.slice(0, slash));
      g = parent.create_group(p.slice(slash + 1));
      made.set(p, g);
      return g;
    };
    group('layers');
    for (const { path: p, name } of parts.groups) group(p).create_attribute('name', name);
    const counts = new Map<string, number>();
    for (const { group: p, value } of parts.weights) {
      const index = counts.get(p) ?? 0;
      counts.set(p, index + 1);
      const data = new Float32Array(value.size);
      for (let k = 0; k < value.size; k++) data[k] = value.data[value.offset + k];
      group(p).create_dataset({ name: String(index), data, shape: value.shape.slice(), dtype: '<f' });
    }
  } finally {
    file.close();
  }
  const bytes = h5.FS.readFile(path);
  h5.FS.unlink(path);
  return bytes;
}

/**
 * The `.keras` file of a built model, as bytes.
 * @throws as {@link kerasFileParts}.
 */
export async function encodeKerasFile(model: SavableModel): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const parts = kerasFileParts(model);
  const h5 = await encodeWeightsH5(parts);
  const text = (value: JsonValue): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
  // Keras stores the entries uncompressed (ZIP_STORED); so does this.
  const bytes = zipSync({ [METADATA]: text(parts.metadata), [CONFIG]: text(parts.config), [WEIGHTS]: h5 }, { level: 0 });
  return { bytes, warnings: parts.warnings };
}

/**
 * Saves a model as a Keras 3 `.keras` file, written atomically (a temporary file, flushed, renamed).
 * @throws as {@link encodeKerasFile}; the file system's error when writing fails.
 */
export async function saveKerasFile(model: SavableModel, file: string): Promise<SaveResult> {
  assertNode('save to a .keras file', 'in a browser, use model.toJSON() and fromJSON()');
  const { bytes, warnings } = await encodeKerasFile(model);
  const path = await import('path');
  const target = path.resolve(file);
  await commitFile(target, bytes);
  return { modelJsonPath: target, weightsPath: target, weightBytes: bytes.length, warnings };
}
