/**
 * One layer of a Keras 3 `.keras` file (see keras3.ts): its `config.json` entry as Keras 3's
 * `serialize_keras_object` writes it, and where `saving_lib` puts its variables in
 * `model.weights.h5`. Shared by the Sequential and the functional (keras3-functional.ts) writers.
 */
import type { Tensor } from '../tensor';
import type { Layer } from '../../layers';
import type { JsonObject, JsonValue } from './format';
import { isJsonObject } from './json-value';

/** Options Keras 3 writes that layerwise's configs leave out, with the values that mean what layerwise computes. */
const KERAS3_DEFAULTS: Readonly<Record<string, JsonObject>> = {
  Dropout: { seed: null, noise_shape: null },
  SpatialDropout2D: { seed: null },
};

/** Layers whose variables Keras 3 keeps in their `cell`. */
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU']);

/** True for the layer classes whose variables Keras 3 keeps in their `cell` and which take `initial_state`. */
export function isRecurrent(className: string): boolean {
  return RECURRENT.has(className);
}

/**
 * The layerwise classes whose Keras 3 counterpart defines its own `build` (Keras's merge base
 * `Merge`, `Concatenate`, `Dot`, `Subtract`, the wrappers), so that Keras records a
 * `build_config` for them although they have no weights. Layers with weights all build.
 */
const BUILDS_WITHOUT_WEIGHTS = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dot', 'TimeDistributed', 'Bidirectional']);

/** True when Keras 3 writes a `build_config` for the layer: it has weights, or its Keras class has a `build` of its own. */
export function hasBuildConfig(layer: Layer): boolean {
  return layer.params().length + layer.nonTrainableWeights().length > 0 || BUILDS_WITHOUT_WEIGHTS.has(layer.className);
}

/**
 * The layerwise classes whose Keras 3 `call` has a `mask` argument (the recurrent layers and
 * their wrappers, BatchNormalization, Softmax, GlobalAveragePooling1D): Keras's `Layer.__call__`
 * fills it in when the layer is called on one tensor, so their functional nodes carry
 * `kwargs: { mask: null }` (null when the input has no mask; Keras fills a mask in again when it
 * rebuilds the call from the file).
 */
const CALL_TAKES_MASK = new Set(['SimpleRNN', 'LSTM', 'GRU', 'Bidirectional', 'TimeDistributed', 'BatchNormalization', 'Softmax', 'GlobalAveragePooling1D']);

/** True when Keras 3 records a `mask` keyword argument in the layer's functional nodes (see `CALL_TAKES_MASK`). */
export function callTakesMask(className: string): boolean {
  return CALL_TAKES_MASK.has(className);
}

/** A Keras 3 dtype policy object. */
export function dtypePolicy(name: string): JsonObject {
  return { module: 'keras', class_name: 'DTypePolicy', config: { name }, registered_name: null };
}

/** A TensorFlow.js `{ class_name, config }` object (initializer, regularizer, nested layer) as Keras 3 writes it. */
export function kerasObject(value: JsonObject, module: string): JsonObject {
  return { module, class_name: value.class_name, config: value.config ?? {}, registered_name: null };
}

/**
 * A layer's TensorFlow.js config made Keras 3's: dtype policy, initializers and nested layers
 * with their module, and `buildConfig` (`{ input_shape }`) when given.
 */
export function layerToKeras3(entry: JsonObject, buildConfig: JsonObject | null, dtype: string): JsonObject {
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
  if (buildConfig) out.build_config = buildConfig as JsonValue;
  return out;
}

/** Keras's `naming.to_snake_case`: `LeakyReLU` → `leaky_re_lu`, `Conv2D` → `conv2d`, `SimpleRNN` → `simple_rnn`. */
export function kerasSnakeCase(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * The object paths Keras 3 saves a model's layers under, from their Keras class names in
 * `model.layers` order: `layers/<snake_case class name>`, with `_1`, `_2`, … for the second,
 * third of a class (saving_lib's `_get_unique_name` for a container), whatever the layers' own
 * names: an LSTM named `lstm_2` is at `layers/lstm` when it is the model's first LSTM. A
 * Sequential's `layers` leave its InputLayer out; a functional model's include every
 * InputLayer (`layers/input_layer`, `layers/input_layer_1`, …).
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

/** A layer's variables and `vars` groups in `model.weights.h5`. */
export interface LayerVariables {
  /** Each weight (trainable first) with the group it goes in; its index there is its position among the group's weights. */
  weights: { group: string; value: Tensor }[];
  /** Every group the layer has, weights or not, with its `name` attribute. */
  groups: { path: string; name: string }[];
}

/**
 * What `saving_lib` writes for `layer` at `base`: a `vars` group named after the layer (Keras
 * makes one for every layer it visits, weights or not), its cell's (`lstm_cell`) or copies'
 * groups, and each weight, trainable ones first.
 */
export function layerVariables(layer: Layer, base: string): LayerVariables {
  const all = [...layer.params(), ...layer.nonTrainableWeights()];
  const paths = weightGroups(layer, base, all.map((w) => w.weightName));
  const groups: LayerVariables['groups'] = [{ path: `${base}/vars`, name: layer.name }];
  for (const path of new Set(paths)) {
    if (path === `${base}/vars`) continue;
    const inner = path.slice(base.length + 1).split('/');
    const cellOf = inner[0] === 'cell' ? layer.className : ((layer.getConfig() as unknown as { layer?: { className?: string } }).layer?.className ?? '');
    const name = inner.includes('cell') ? `${kerasSnakeCase(cellOf)}_cell` : inner[0];
    groups.push({ path, name });
  }
  return { weights: all.map((w, j) => ({ group: paths[j], value: w.value })), groups };
}
