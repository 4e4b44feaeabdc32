/**
 * One layer in `model.json`: a layerwise layer's `getConfig()` to and from the Keras layer JSON
 * TensorFlow.js writes (`{ class_name: 'Dense', config: { units, activation, use_bias,
 * kernel_initializer: {…}, name, trainable, batch_input_shape } }`).
 */
import { formatJson, formatList, formatString, formatValue, shorten } from '../safe-format';
import { ConfigError } from '../errors';
import type { SerializedInitializer } from '../initializers';
import { activations, layers, type Layer } from '../../layers';
import { MAX_LAYER_NESTING } from '../../layers/time-distributed';
import type { Shape } from '../tensor';
import type { JsonObject, JsonValue, KerasObject } from './format';
import { initializerFromKeras, initializerToKeras } from './initializer-json';
import { fromKerasKeys, toCamelCase, toKerasKeys, toSnakeCase } from './keras-case';
import { isJsonObject } from './json-value';
import { KERAS2_HARD_SIGMOID } from './hard-sigmoid-dialect';

/** Activation layers TensorFlow.js and Keras keep as layer classes of their own (the others become `Activation`). */
const DEDICATED_ACTIVATION_LAYERS = new Set(['ReLU', 'LeakyReLU', 'Softmax', 'ELU', 'PReLU', 'ThresholdedReLU']);

/**
 * The activation names TensorFlow.js reads with the same meaning as layerwise (camelCase, as it
 * converts Keras's snake_case). `hardSigmoid` is missing on purpose: TensorFlow.js and Keras 2
 * compute `clip(0.2·x + 0.5, 0, 1)`, layerwise and Keras 3 `relu6(x + 3)/6`.
 */
const TFJS_ACTIVATIONS = new Set([
  'elu', 'selu', 'relu', 'relu6', 'linear', 'sigmoid', 'softplus', 'softsign', 'tanh',
  'softmax', 'logSoftmax', 'gelu', 'geluNew', 'mish', 'swish',
]);

/**
 * Keras options layerwise has only at their default, with the values that mean the default:
 * accepted (and dropped) on read, so files from Keras and TensorFlow.js load.
 */
const KERAS_DEFAULTS: Readonly<Record<string, readonly JsonValue[]>> = {
  data_format: ['channels_last'],
  synchronized: [false],
  rms_scaling: [false],
  // The recurrent layers' implementation choices: the same math either way.
  implementation: [null, 0, 1, 2],
  time_major: [false],
  use_cudnn: ['auto', true, false],
};

/** Layers whose Keras config has an `axis`, which layerwise fixes at the last one. */
const AXIS_LAYERS = new Set(['Softmax', 'BatchNormalization', 'LayerNormalization']);

/** Keras's activation names, to name an activation layer class (`LeakyReLU` is `leaky_relu`). */
const KERAS_ACTIVATIONS = [
  'relu', 'leaky_relu', 'elu', 'selu', 'gelu', 'swish', 'softplus', 'softsign', 'hard_sigmoid', 'sigmoid', 'tanh', 'softmax', 'linear',
  'relu6',
];

/** The Keras activation name of an activation class: `'leaky_relu'` for `LeakyReLU`, else its snake_case name. */
function activationNameOf(className: string): string {
  return KERAS_ACTIVATIONS.find((n) => n.replace(/_/g, '') === className.toLowerCase()) ?? toSnakeCase(className);
}

/** The config keys every layer shares, handled here rather than by each class. */
const BASE_KEYS = new Set(['name', 'trainable', 'batchInputShape']);

function isInitializerKey(key: string): boolean {
  return key.endsWith('Initializer');
}

/**
 * A wrapper's inner layer (TimeDistributed's `layer`) in a config: `{ className, config }`,
 * written in full Keras layer form (initializers and activations converted) as Keras and
 * TensorFlow.js nest it.
 */
function isNestedLayer(key: string, value: unknown): value is { className: string; config?: unknown } {
  return key === 'layer' && isJsonObject(value) && typeof value.className === 'string';
}

/**
 * An activation option (a name or `{ className, config }`) in Keras form: a name in
 * snake_case, also for a saved activation layer whose options are its defaults (so that
 * `activation: 'elu'` stays `'elu'`); otherwise `{ class_name, config }`. Warns when
 * TensorFlow.js cannot read the result.
 */
function activationToKeras(value: unknown, owner: string, warnings: string[]): JsonValue {
  let name = typeof value === 'string' ? value : null;
  if (isJsonObject(value) && typeof value.className === 'string' && activations.has(activationNameOf(value.className))) {
    const given = activations.create(value.className, { ...(isJsonObject(value.config) ? value.config : {}), name: 'given' });
    if (ownOptions(given) === ownOptions(activations.create(value.className, { name: 'default' }))) name = activationNameOf(value.className);
  }
  if (name !== null) {
    if (!TFJS_ACTIVATIONS.has(toCamelCase(name))) warnings.push(`${owner}: activation ${formatValue(name)} is not a TensorFlow.js activation with the same meaning; TensorFlow.js cannot load this model or computes it differently`);
    return toSnakeCase(name);
  }
  const className = isJsonObject(value) && typeof value.className === 'string' ? value.className : 'custom';
  warnings.push(`${owner}: activation ${className} with options is stored as { class_name, config }; only layerwise can load it`);
  return toKerasKeys(value);
}

/** A layer's config without its name and trainable flag, as JSON, to compare options. */
function ownOptions(layer: Layer): string {
  const config: Record<string, unknown> = { ...layer.getConfig() };
  for (const key of BASE_KEYS) delete config[key];
  return JSON.stringify(config);
}

/** An activation option read from Keras form: a name (camelCased) or `{ className, config }`. */
function activationFromKeras(value: JsonValue): JsonValue {
  if (typeof value === 'string') return toCamelCase(value);
  return fromKerasKeys(value);
}

/**
 * The Keras JSON of a layer: its class name and its `getConfig()` with snake_case keys,
 * initializers as `{ class_name, config }`, and activation layers with default options (other
 * than those TensorFlow.js and Keras keep as classes: ReLU, LeakyReLU, Softmax, ELU, PReLU)
 * written as Keras's `Activation` layer (`{ class_name: 'Activation', config: { activation:
 * 'sigmoid' } }`), so that TensorFlow.js and Keras read them. `warnings` collects what they
 * cannot read.
 */
export function layerToKeras(layer: Layer, warnings: string[]): KerasObject {
  const config = layer.getConfig() as unknown as Record<string, unknown>;
  const out: JsonObject = {};
  const own = Object.entries(config).filter(([key]) => !BASE_KEYS.has(key));
  const base = Object.entries(config).filter(([key]) => BASE_KEYS.has(key));
  const activationName = activationNameOf(layer.className);
  const isActivation = activations.has(layer.className) && !DEDICATED_ACTIVATION_LAYERS.has(layer.className);
  const asActivation = isActivation && activations.has(activationName) &&
    ownOptions(layer) === ownOptions(activations.create(activationName, { name: 'default' }));
  const className = asActivation ? 'Activation' : layer.className;
  if (asActivation) out.activation = activationToKeras(activationName, layer.describe(), warnings);
  else if (isActivation) warnings.push(`${layer.describe()}: with these options it is saved as layer class ${formatValue(className)}, which TensorFlow.js and Keras do not have; only layerwise can load it`);
  // Options first, then name, trainable and batch_input_shape, in the order TensorFlow.js writes them.
  for (const [key, value] of asActivation ? base : [...own, ...base]) {
    if (value === undefined) continue;
    // TensorFlow.js's own hard sigmoid goes under its name there (the save lists the layer, see hard-sigmoid-dialect.ts).
    if (value === KERAS2_HARD_SIGMOID && (key === 'activation' || key === 'recurrentActivation')) out[toSnakeCase(key)] = 'hard_sigmoid';
    else if (key === 'activation') out.activation = activationToKeras(value, layer.describe(), warnings);
    else if (isInitializerKey(key)) out[toSnakeCase(key)] = initializerToKeras(value as string | SerializedInitializer) as unknown as JsonObject;
    else if (isNestedLayer(key, value)) out.layer = layerToKeras(layers.create(value.className, isJsonObject(value.config) ? value.config : {}), warnings) as unknown as JsonObject;
    else out[toSnakeCase(key)] = toKerasKeys(value);
  }
  if (className === 'Softmax') out.axis = -1;
  if (className === 'GRU' && config.resetAfter === true) {
    warnings.push(`${layer.describe()}: resetAfter: true (Keras 3's default) is saved as reset_after; TensorFlow.js cannot load it (tensorflow/tfjs#5728), Keras can`);
  }
  if (config.recurrentActivation === 'hard_sigmoid' || config.activation === 'hard_sigmoid') {
    warnings.push(`${layer.describe()}: hard_sigmoid is relu6(x + 3)/6 here and in Keras 3, clip(0.2·x + 0.5, 0, 1) in TensorFlow.js, which computes this layer differently`);
  }
  return { class_name: className, config: out };
}

/** Throws unless `value` is absent or one of `allowed` (for Keras options layerwise has only one value of). */
function requireDefault(config: JsonObject, key: string, allowed: readonly JsonValue[], owner: string): void {
  const value = config[key];
  if (value === undefined || allowed.some((a) => JSON.stringify(a) === formatJson(value))) return;
  throw new ConfigError(`${owner}: option ${key}=${formatJson(value)} is not supported by layerwise (supported: ${allowed.map((a) => formatJson(a)).join(', ')})`);
}

/**
 * Rebuilds a layer from its Keras JSON, reading what TensorFlow.js, Keras 2 and Keras 3 write:
 * snake_case keys, `batch_input_shape` or Keras 3's `batch_shape`, initializers and
 * activations in their Keras spellings; `dtype` is dropped (the model has one dtype), and so
 * is any option whose value is `null` (a regularizer or constraint that is off). An option the
 * layer does not have throws rather than being silently ignored.
 *
 * @param inputShape - the layer's input shape when known, to read an `axis` given as an index.
 * @throws ConfigError for an unknown class name (listing the valid ones), an unsupported
 * option, or an invalid config (the layer's own message).
 */
export function layerFromKeras(json: KerasObject, inputShape: Shape | null = null): Layer {
  return layerFromKerasAt(json, inputShape, 0);
}

/** {@link layerFromKeras} for a layer `depth` wrappers deep. */
function layerFromKerasAt(json: KerasObject, inputShape: Shape | null, depth: number): Layer {
  const className = json.class_name;
  const kerasConfig: JsonObject = isJsonObject(json.config) ? { ...json.config } : {};
  const owner = `${shorten(className)} ${formatValue(formatString(kerasConfig.name ?? '?'))}`;
  if (kerasConfig.batch_shape !== undefined && kerasConfig.batch_input_shape === undefined) kerasConfig.batch_input_shape = kerasConfig.batch_shape;
  delete kerasConfig.batch_shape;
  delete kerasConfig.dtype;
  for (const [key, allowed] of Object.entries(KERAS_DEFAULTS)) {
    requireDefault(kerasConfig, key, allowed, owner);
    delete kerasConfig[key];
  }
  if (AXIS_LAYERS.has(className)) {
    // The last axis: -1, or its index for the input's rank, as TensorFlow.js writes it (`[1]` for rank 2).
    const rank = inputShape?.length ?? (Array.isArray(kerasConfig.batch_input_shape) ? kerasConfig.batch_input_shape.length : null);
    requireDefault(kerasConfig, 'axis', rank === null ? [-1, [-1]] : [-1, [-1], rank - 1, [rank - 1]], owner);
    delete kerasConfig.axis;
  } else if (className === 'LeakyReLU' && kerasConfig.alpha === undefined && kerasConfig.negative_slope !== undefined) {
    kerasConfig.alpha = kerasConfig.negative_slope;
    delete kerasConfig.negative_slope;
  }
  // TensorFlow.js and Keras 2 write no reset_after for a GRU, which they compute with the reset gate before the product.
  if (className === 'GRU' && kerasConfig.reset_after === undefined) kerasConfig.reset_after = false;
  const config: JsonObject = {};
  for (const [key, value] of Object.entries(kerasConfig)) {
    if (value === null) continue;
    const camel = key === 'name' ? key : toCamelCase(key);
    if (camel === 'activation') config.activation = activationFromKeras(value);
    else if (isInitializerKey(camel)) config[camel] = initializerFromKeras(value) as unknown as JsonValue;
    else if (camel === 'layer' && isJsonObject(value) && typeof value.class_name === 'string') config.layer = nestedLayerFromKeras(value as unknown as KerasObject, className, inputShape, depth + 1, owner);
    else config[camel] = fromKerasKeys(value);
  }
  const [layer, options] = className === 'Activation' ? activationLayer(config, owner) : [layers.create(className, config), config];
  checkKnownOptions(layer, options, owner);
  return layer;
}

/**
 * A wrapper's inner layer read from its Keras JSON, as `{ className, config }` in layerwise
 * form. TimeDistributed's inner layer sees the input without its time axis.
 * @throws ConfigError for wrappers nested more than `MAX_LAYER_NESTING` deep (an untrusted file must not exhaust the stack).
 */
function nestedLayerFromKeras(json: KerasObject, wrapper: string, inputShape: Shape | null, depth: number, owner: string): JsonValue {
  if (depth > MAX_LAYER_NESTING) throw new ConfigError(`${owner}: layers nest more than ${MAX_LAYER_NESTING} deep`);
  const innerShape = wrapper === 'TimeDistributed' && inputShape !== null && inputShape.length >= 3 ? [null, ...inputShape.slice(2)] : inputShape;
  const inner = layerFromKerasAt(json, innerShape, depth);
  return { className: inner.className, config: inner.getConfig() } as unknown as JsonValue;
}

/** Keras's `Activation` layer as the layerwise activation layer of that name (`'tanh'` → Tanh), with the options it was given. */
function activationLayer(config: JsonObject, owner: string): [Layer, JsonObject] {
  const { activation, ...options } = config;
  if (typeof activation !== 'string') throw new ConfigError(`${owner}: activation must be a name, got ${formatJson(activation)}`);
  return [activations.create(activation, options), options];
}

/** Throws for an option the built layer does not report in `getConfig()`: layerwise does not have it. */
function checkKnownOptions(layer: Layer, options: JsonObject, owner: string): void {
  const known = new Set(Object.keys(layer.getConfig()));
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new ConfigError(`${owner}: option${unknown.length > 1 ? 's' : ''} ${formatList(unknown.map(toSnakeCase))} not supported by layerwise's ${layer.className}`);
  }
}
