/**
 * The Keras 3 `.keras` file: a zip of `metadata.json` (`keras_version`, `date_saved`),
 * `config.json` (the model serialized as Keras 3's `serialize_keras_object` writes it) and
 * `model.weights.h5` (HDF5: each layer's variables at `layers/<layer name>/vars/<i>`, trainable
 * ones first; a recurrent layer's at `layers/<name>/cell/vars/<i>`, a Bidirectional's at
 * `layers/<name>/forward_layer/cell/vars/<i>` and `…/backward_layer/…`, a TimeDistributed's at
 * `layers/<name>/layer/vars/<i>`), as `keras.saving.save_model` writes it
 * (keras/src/saving/saving_lib.py, H5IOStore).
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
import type { Layer } from '../../layers';
import type { SavableModel } from '../engine/engine-model';
import type { JsonObject, JsonValue, SaveResult } from './format';
import { isJsonObject } from './json-value';
import { assertNode } from '../node-only';
import { commitFile } from './durable-write';
import { modelToTopology } from './topology';
import { trainingConfigOf } from './training-config';

/** The Keras version `metadata.json` names: the format this file follows. */
export const KERAS_VERSION = '3.9.2';
/** The names of the three entries of a `.keras` zip. */
export const METADATA = 'metadata.json';
export const CONFIG = 'config.json';
export const WEIGHTS = 'model.weights.h5';
/** The largest `.keras` file `loadModel` reads (as `model.json`'s limit). */
export const MAX_KERAS_FILE_BYTES = 2 ** 31 - 1;
/** Options Keras 3 writes that layerwise's configs leave out, with the values that mean what layerwise computes. */
const KERAS3_DEFAULTS: Readonly<Record<string, JsonObject>> = {
  Dropout: { seed: null, noise_shape: null },
  SpatialDropout2D: { seed: null },
};
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
  return {
    optimizer: { module: 'keras.optimizers', class_name: optimizer.class_name as string, config, registered_name: null },
    loss: isJsonObject(loss) && typeof loss.class_name === 'string' ? kerasObject(loss, 'keras.losses') : loss,
    loss_weights: (training.loss_weights ?? null) as JsonValue,
    metrics: (training.metrics ?? null) as JsonValue,
    weighted_metrics: null,
    run_eagerly: false,
    steps_per_execution: 1,
    jit_compile: true,
  };
}

/** Layers whose variables Keras 3 keeps in their `cell`. */
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU']);

export { isKerasFilePath } from './keras-path';

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

/** A Keras 3 dtype policy object. */
function dtypePolicy(name: string): JsonObject {
  return { module: 'keras', class_name: 'DTypePolicy', config: { name }, registered_name: null };
}

/** A TensorFlow.js `{ class_name, config }` object (initializer, regularizer, nested layer) as Keras 3 writes it. */
function kerasObject(value: JsonObject, module: string): JsonObject {
  return { module, class_name: value.class_name, config: value.config ?? {}, registered_name: null };
}

/** A layer's TensorFlow.js config made Keras 3's: dtype policy, initializers and nested layers with their module. */
function layerToKeras3(entry: JsonObject, inputShape: Shape | null, dtype: string): JsonObject {
  const config: JsonObject = { ...(entry.config as JsonObject) };
  delete config.batch_input_shape;
  config.dtype = dtypePolicy(dtype);
  for (const [key, value] of Object.entries(config)) {
    if (!isJsonObject(value) || typeof value.class_name !== 'string') continue;
    if (key.endsWith('_initializer')) config[key] = kerasObject(value, 'keras.initializers');
    else if (key.endsWith('_regularizer')) config[key] = kerasObject(value, 'keras.regularizers');
    else if (key.endsWith('_constraint')) config[key] = kerasObject(value, 'keras.constraints');
    else if (key === 'layer') config[key] = layerToKeras3(value, null, dtype);
  }
  // Keras 3 writes a regularizer and a constraint (null when none) beside each trainable weight's initializer.
  for (const key of Object.keys(config)) {
    if (!key.endsWith('_initializer') || key.startsWith('moving_')) continue;
    const weight = key.slice(0, -'_initializer'.length);
    config[`${weight}_regularizer`] ??= null;
    config[`${weight}_constraint`] ??= null;
  }
  for (const [key, value] of Object.entries(KERAS3_DEFAULTS[entry.class_name as string] ?? {})) config[key] ??= value;
  if (entry.class_name === 'LeakyReLU' && config.alpha !== undefined) {
    config.negative_slope = config.alpha;
    delete config.alpha;
  }
  const out: JsonObject = { module: 'keras.layers', class_name: entry.class_name as string, config, registered_name: null };
  if (inputShape) out.build_config = { input_shape: inputShape.slice() as JsonValue };
  return out;
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

/** Keras's `naming.to_snake_case`: `LeakyReLU` → `leaky_re_lu`, `Conv2D` → `conv2d`, `SimpleRNN` → `simple_rnn`. */
export function kerasSnakeCase(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * The object paths Keras 3 saves a Sequential's layers under, from their Keras class names in
 * order: `layers/<snake_case class name>`, with `_1`, `_2`, … for the second, third of a class
 * (saving_lib's container naming), whatever the layers' own names: an LSTM named `lstm_2` is
 * at `layers/lstm` when it is the model's first LSTM.
 */
export function objectPaths(classNames: readonly string[]): string[] {
  const used = new Map<string, number>();
  return classNames.map((className) => {
    const name = kerasSnakeCase(className);
    const n = used.get(name) ?? 0;
    used.set(name, n + 1);
    return `layers/${n === 0 ? name : `${name}_${n}`}`;
  });
}

/**
 * Where a layer's weights go in `model.weights.h5` (`base` from {@link objectPaths}), one
 * `vars` group per weight, in the layer's order.
 */
export function weightGroups(layer: Layer, base: string, weightNames: readonly string[]): string[] {
  if (RECURRENT.has(layer.className)) return weightNames.map(() => `${base}/cell/vars`);
  if (layer.className === 'Bidirectional') {
    return weightNames.map((n) => `${base}/${n.startsWith('backward_') ? 'backward_layer' : 'forward_layer'}/cell/vars`);
  }
  if (layer.className === 'TimeDistributed') {
    const inner = (layer.getConfig() as unknown as { layer?: { className?: string } }).layer?.className;
    return weightNames.map(() => `${base}/layer/${inner !== undefined && RECURRENT.has(inner) ? 'cell/vars' : 'vars'}`);
  }
  return weightNames.map(() => `${base}/vars`);
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

/**
 * The parts of the `.keras` file of a built Sequential model.
 * @throws StateError for a model that is not built; ConfigError for a functional model
 * (not yet written in Keras 3's functional format).
 */
export function kerasFileParts(model: SavableModel): KerasFileParts {
  if (!model.built) throw new ConfigError(`${model.name}: cannot save a model that is not built (it has no weights yet): give the first layer an inputShape, or call build, fit or predict first`);
  if (model.connections()) throw new ConfigError(`${model.name}: .keras files are written for Sequential models only so far; save functional models in the TensorFlow.js format (a directory path)`);
  const warnings: string[] = [];
  if (model.dtype === 'float64') warnings.push(`${model.name}: a float64 model is saved with float32 weights; values are rounded to float32`);
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
  const weights: KerasFileParts['weights'] = [];
  const groups: KerasFileParts['groups'] = [{ path: 'vars', name: model.name }];
  const bases = objectPaths(tfLayers.map((entry) => entry.class_name as string));
  model.layers.forEach((layer, i) => {
    const all = [...layer.params(), ...layer.nonTrainableWeights()];
    // Keras 3 writes a build_config for layers that build something (weights), not for Dropout, Flatten, pooling.
    layers.push(layerToKeras3(tfLayers[i], all.length > 0 ? shape : null, 'float32'));
    const paths = weightGroups(layer, bases[i], all.map((w) => w.weightName));
    // Each vars group's `name` attribute is its object's name: the layer's, or its cell's (`lstm_cell`) or copy's.
    groups.push({ path: `${bases[i]}/vars`, name: layer.name });
    for (const path of new Set(paths)) {
      if (path === `${bases[i]}/vars`) continue;
      const inner = path.slice(bases[i].length + 1).split('/');
      const cellOf = inner[0] === 'cell' ? layer.className : ((layer.getConfig() as unknown as { layer?: { className?: string } }).layer?.className ?? '');
      const name = inner.includes('cell') ? `${kerasSnakeCase(cellOf)}_cell` : inner[0];
      groups.push({ path, name });
    }
    all.forEach((w, j) => weights.push({ group: paths[j], value: w.value }));
    shape = shape ? layer.computeOutputShape(shape) : null;
  });
  const config: JsonObject = {
    module: 'keras',
    class_name: 'Sequential',
    config: { name: model.name, trainable: true, dtype: dtypePolicy('float32'), layers, ...(inputShape ? { build_input_shape: inputShape as JsonValue } : {}) },
    registered_name: null,
    ...(inputShape ? { build_config: { input_shape: inputShape as JsonValue } } : {}),
  };
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
 * The `.keras` file of a built Sequential model, as bytes.
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
