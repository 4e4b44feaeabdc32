/**
 * Loading Keras 3 `.keras` files (see keras3.ts for the layout): the zip is read with `fflate`,
 * `model.weights.h5` with `h5wasm`, the config converted to the TensorFlow.js topology, and the
 * weights matched to the layers' planned weights (by position in each `vars` group, shape for
 * shape) before the model is built by the same `buildModel` as `model.json`.
 */
import { unzipSync } from 'fflate';
import { DataError, LayerwiseError } from '../errors';
import { formatValue } from '../safe-format';
import { sizeOf } from '../tensor';
import type { JsonObject, JsonValue, ModelJSON, WeightsManifestEntry } from './format';
import { LAYERS_MODEL_FORMAT } from './format';
import { assertNode } from '../node-only';
import { nodeFileSystem } from './file-system';
import { brief, isJsonObject } from './json-value';
import { buildModel, type Checkpoint, type LoadOptions } from './load';
import { readRegularFile, realPathInside } from './safe-read';
import { topologyToLayers } from './topology';
import { GRAPH_CLASS_NAMES } from './graph-topology';
import {
  CONFIG, KERAS3_OPTIMIZER_DEFAULTS, KERAS_VERSION, OPTIMIZER_KEYS_TO_KERAS3, MAX_KERAS_FILE_BYTES, METADATA, WEIGHTS, fromKeras3, loadH5wasm, scratchPath,
  type H5File, type H5Module,
} from './keras3';
import { objectPaths, weightGroups } from './keras3-layers';

/** Reads a `.keras` file's entries. @throws DataError for a file that is not a zip or lacks an entry. */
function unzipKeras(bytes: Uint8Array, source: string): { metadata: unknown; config: unknown; h5: Uint8Array } {
  let entries: Record<string, Uint8Array>;
  try {
    // Only the three entries, each at most the file size limit once inflated (no zip bombs).
    entries = unzipSync(bytes, {
      filter: (entry) => {
        if (![METADATA, CONFIG, WEIGHTS].includes(entry.name)) return false;
        if (entry.originalSize > MAX_KERAS_FILE_BYTES) throw new DataError(`${source}: ${entry.name} inflates to ${entry.originalSize} bytes, more than the ${MAX_KERAS_FILE_BYTES} a .keras entry may have`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`${source}: not a .keras file (a zip archive): ${(error as Error).message}`);
  }
  for (const name of [CONFIG, WEIGHTS]) {
    if (!(name in entries)) throw new DataError(`${source}: the .keras archive has no ${name} (it has ${Object.keys(entries).map((n) => formatValue(n)).join(', ') || 'nothing'})`);
  }
  const json = (name: string): unknown => {
    if (!(name in entries)) return undefined;
    try {
      return JSON.parse(new TextDecoder().decode(entries[name]));
    } catch (error) {
      throw new DataError(`${source}: ${name} is not valid JSON: ${(error as Error).message}`);
    }
  };
  return { metadata: json(METADATA), config: json(CONFIG), h5: entries[WEIGHTS] };
}

/** Each dataset of one `vars` group of `model.weights.h5`, by index. */
interface StoredVar {
  shape: number[];
  /** Reads the values: only once the shape is the one expected, so a file cannot make the loader decompress more than the model needs. */
  values(): Float32Array;
}

/** Each dataset of one `vars` group of `model.weights.h5`, by index, with its shape (values read on demand). */
function readVars(file: H5File, h5: H5Module, path: string, source: string): StoredVar[] {
  const group = file.get(path);
  if (group === null) return [];
  if (!(group instanceof h5.Group)) throw new DataError(`${source}: ${WEIGHTS}: ${path} is not a group`);
  const keys = group.keys();
  const out: StoredVar[] = [];
  for (let i = 0; i < keys.length; i++) {
    const ds = group.get(String(i));
    if (!(ds instanceof h5.Dataset)) throw new DataError(`${source}: ${WEIGHTS}: ${path} has ${keys.length} entries but no dataset ${formatValue(String(i))}`);
    const shape = ds.shape ?? [];
    const dtype = String(ds.dtype);
    if (dtype !== '<f' && dtype !== '<d' && dtype !== '>f' && dtype !== '>d') {
      throw new DataError(`${source}: ${WEIGHTS}: ${path}/${i} holds ${brief(dtype)} values; expected float32 or float64`);
    }
    out.push({
      shape,
      values: () => {
        const value = ds.value;
        if (value instanceof Float32Array) return value;
        if (value instanceof Float64Array) return Float32Array.from(value);
        throw new DataError(`${source}: ${WEIGHTS}: ${path}/${i} could not be read as floats`);
      },
    });
  }
  return out;
}

/**
 * Keras 3's `compile_config` as the TensorFlow.js training config `compileFromTrainingConfig`
 * reads: the optimizer's Keras 3 keys renamed (`beta_1` → `beta1`), its Keras-only options
 * dropped where they change nothing (`use_ema: false`), a loss object's `name`, `reduction`
 * ('sum_over_batch_size') and `dtype` dropped.
 */
function trainingConfigFromKeras3(compile: JsonObject): JsonObject {
  const fromKeras = Object.fromEntries(Object.entries(OPTIMIZER_KEYS_TO_KERAS3).map(([ours, theirs]) => [theirs, ours]));
  const optimizer = isJsonObject(compile.optimizer) ? compile.optimizer : null;
  const optimizerConfig: JsonObject = {};
  if (optimizer && isJsonObject(optimizer.config)) {
    for (const [key, value] of Object.entries(optimizer.config)) {
      if (key === 'name') continue;
      if (key in KERAS3_OPTIMIZER_DEFAULTS && JSON.stringify(KERAS3_OPTIMIZER_DEFAULTS[key]) === JSON.stringify(value)) continue;
      optimizerConfig[fromKeras[key] ?? key] = value;
    }
  }
  const lossFromKeras3 = (loss: JsonValue): JsonValue => {
    if (!isJsonObject(loss) || typeof loss.class_name !== 'string') return loss;
    const lossConfig: JsonObject = { ...(isJsonObject(loss.config) ? loss.config : {}) };
    delete lossConfig.name;
    delete lossConfig.dtype;
    if (lossConfig.reduction === 'sum_over_batch_size') delete lossConfig.reduction;
    return { class_name: loss.class_name, config: lossConfig };
  };
  // A functional model's losses may be per output name.
  const loss = isJsonObject(compile.loss) && typeof compile.loss.class_name !== 'string'
    ? Object.fromEntries(Object.entries(compile.loss).map(([k, v]) => [k, lossFromKeras3(v)]))
    : lossFromKeras3(compile.loss ?? null);
  const out: JsonObject = {
    optimizer_config: optimizer ? { class_name: optimizer.class_name ?? null, config: optimizerConfig } : null,
    loss: loss ?? null,
    metrics: compile.metrics ?? [],
  };
  if (compile.loss_weights !== undefined && compile.loss_weights !== null) out.loss_weights = compile.loss_weights;
  if (compile.weighted_metrics !== undefined && compile.weighted_metrics !== null) out.weighted_metrics = compile.weighted_metrics;
  return out;
}

/**
 * Rebuilds the model of a `.keras` file's bytes (a Sequential or a functional model; layers that layerwise has).
 * The weights are checked against the layers' planned weights before anything is built.
 * @throws DataError naming `source` for anything wrong with the file, a layer layerwise does not
 * have or an option it does not support, or a weight missing or of another shape.
 */
export async function decodeKerasFile(bytes: Uint8Array, source: string, options: LoadOptions = {}): Promise<Checkpoint> {
  const { config, h5: h5File } = unzipKeras(bytes, source);
  const trainingConfig = isJsonObject(config) && isJsonObject(config.compile_config) ? trainingConfigFromKeras3(config.compile_config) : undefined;
  if (!isJsonObject(config) || typeof config.class_name !== 'string') throw new DataError(`${source}: config.json must be { class_name, config }, got ${brief(config as JsonValue)}`);
  const isGraph = GRAPH_CLASS_NAMES.includes(config.class_name);
  if (config.class_name !== 'Sequential' && !isGraph) {
    throw new DataError(`${source}: only Sequential and functional models can be loaded from .keras files; config.json's class_name is ${formatValue(config.class_name)}`);
  }
  const topology = fromKeras3(config) as JsonObject;
  const { layers, inputShapes } = topologyToLayers(topology, source);
  const h5 = await loadH5wasm();
  const path = scratchPath();
  h5.FS.writeFile(path, h5File);
  let file: H5File;
  try {
    file = new h5.File(path, 'r');
  } catch (error) {
    h5.FS.unlink(path);
    throw new DataError(`${source}: ${WEIGHTS} is not an HDF5 file: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The object paths follow the Keras class names of config.json (an Activation stays `activation` whatever layer it becomes),
  // in its order: a functional model's is Keras's `model.layers` order, InputLayers included; a Sequential's leave its InputLayer out.
  const entries = (isJsonObject(topology.config) && Array.isArray(topology.config.layers) ? topology.config.layers : []) as JsonValue[];
  const classNames = entries.map((e) => (isJsonObject(e) ? e.class_name : undefined)).filter((c): c is string => typeof c === 'string' && (isGraph || c !== 'InputLayer'));
  const bases = objectPaths(classNames);
  const specs: WeightsManifestEntry[] = [];
  const chunks: Float32Array[] = [];
  try {
    layers.forEach((layer, i) => {
      const planned = layer.weightShapes(inputShapes[i]);
      if (planned === null) throw new DataError(`${source}: ${layer.describe()}: its weights cannot be worked out before it is built (no input shape in config.json)`);
      const groups = weightGroups(layer, bases[i], planned.map((p) => p.weightName));
      const read = new Map<string, StoredVar[]>();
      for (const g of new Set(groups)) read.set(g, readVars(file, h5, g, source));
      const used = new Map<string, number>();
      planned.forEach(({ weightName, shape: plannedShape }, j) => {
        if (plannedShape.some((d) => d === null)) throw new DataError(`${source}: ${layer.describe()}: weight ${formatValue(weightName)} has no fixed shape ${JSON.stringify(plannedShape)}`);
        const shape = plannedShape as number[];
        const g = groups[j];
        const k = used.get(g) ?? 0;
        used.set(g, k + 1);
        const found = read.get(g)![k];
        if (found === undefined) throw new DataError(`${source}: ${WEIGHTS}: ${layer.describe()}: weight ${formatValue(weightName)} ${JSON.stringify(shape)} is missing (expected at ${g}/${k})`);
        if (found.shape.length !== shape.length || found.shape.some((d, a) => d !== shape[a])) {
          throw new DataError(`${source}: ${WEIGHTS}: ${g}/${k} (${layer.name}'s ${weightName}) has shape ${JSON.stringify(found.shape)}, expected ${JSON.stringify(shape)}`);
        }
        const values = found.values();
        if (values.length !== sizeOf(shape)) throw new DataError(`${source}: ${WEIGHTS}: ${g}/${k} holds ${values.length} values for shape ${JSON.stringify(shape)}`);
        specs.push({ name: `${layer.name}/${weightName}`, shape: shape.slice(), dtype: 'float32' });
        chunks.push(values);
      });
      for (const [g, list] of read) {
        if (list.length > (used.get(g) ?? 0)) throw new DataError(`${source}: ${WEIGHTS}: ${g} holds ${list.length} weights, but ${layer.describe()} has ${used.get(g) ?? 0} there`);
      }
    });
  } finally {
    file.close();
    h5.FS.unlink(path);
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const data = new Float32Array(total);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  const modelJson: ModelJSON = {
    modelTopology: topology as unknown as ModelJSON['modelTopology'],
    format: LAYERS_MODEL_FORMAT,
    generatedBy: `keras ${KERAS_VERSION}`,
    convertedBy: null,
    weightsManifest: [{ paths: [WEIGHTS], weights: specs }],
    ...(trainingConfig ? { trainingConfig: trainingConfig as unknown as ModelJSON['trainingConfig'] } : {}),
  };
  try {
    return buildModel({ json: modelJson, data: [data.buffer], files: [WEIGHTS], source }, options);
  } catch (error) {
    if (error instanceof LayerwiseError) throw error;
    throw new DataError(`${source}: ${String(error)}`);
  }
}

/**
 * Loads a `.keras` file from disk (Node).
 * @throws DataError naming the file when it cannot be read or is not a model layerwise can load.
 */
export async function loadKerasFile(file: string, options: LoadOptions = {}): Promise<Checkpoint> {
  assertNode('load a .keras file', 'in a browser, use fromJSON()');
  const path = await import('path');
  const fs = await nodeFileSystem();
  const shown = path.resolve(file);
  const real = await realPathInside(fs, shown, null, 'the model');
  const bytes = await readRegularFile(fs, real, shown, { atMost: MAX_KERAS_FILE_BYTES }, 'the model');
  return decodeKerasFile(bytes, shown, options);
}
