/**
 * `trainingConfig`: what `compile` was given (loss, metrics, optimizer), in the Keras form
 * TensorFlow.js writes (`{ loss: 'categorical_crossentropy', metrics: ['accuracy'],
 * optimizer_config: { class_name: 'Adam', config: {…} } }`).
 */
import { formatList, formatValue } from '../safe-format';
import { DataError, LayerwiseError } from '../errors';
import { losses, type Loss } from '../../losses';
import { optimizers, type Optimizer } from '../../optimizers';
import type { Sequential } from '../sequential';
import type { JsonObject, JsonValue, TrainingConfig } from './format';
import { brief, isJsonObject } from './json-value';
import { fromKerasKeys, toKerasKeys, toSnakeCase } from './keras-case';

/**
 * The `trainingConfig` of a compiled model, or `undefined` before `compile`. A loss with
 * default options is its Keras name (`'mean_squared_error'`); one with options is
 * `{ class_name, config }`. Metric objects (not names) cannot be saved and add a warning, and
 * so does a setup whose optimizer state TensorFlow.js cannot restore.
 */
export function trainingConfigOf(model: Sequential, warnings: string[]): TrainingConfig | undefined {
  const { optimizer, loss } = model;
  if (!optimizer || !loss) return undefined;
  const lossConfig = toKerasKeys(loss.getConfig()) as JsonObject;
  const metrics: string[] = [];
  for (const m of model.metrics) {
    if (typeof m === 'string') metrics.push(m);
    else warnings.push(`trainingConfig: metric ${formatValue(m.name)} is an object, not a name, and is not saved; pass it to compile again after loading`);
  }
  const optimizerConfig = optimizer.getConfig();
  const tfjsReadable = typeof optimizerConfig.learningRate === 'number' && Object.keys(lossConfig).length === 0 &&
    ((optimizer.className === 'Adam' && !optimizerConfig.amsgrad) || (optimizer.className === 'SGD' && !optimizerConfig.momentum));
  if (!tfjsReadable) {
    warnings.push(`trainingConfig: TensorFlow.js restores the optimizer state only of Adam (without AMSGrad) and SGD (without momentum), with a constant learning rate and a loss without options; layerwise restores this ${optimizer.className} and ${loss.className}`);
  }
  return {
    loss: Object.keys(lossConfig).length === 0 ? toSnakeCase(loss.className) : { class_name: loss.className, config: lossConfig },
    metrics,
    optimizer_config: { class_name: optimizer.className, config: toKerasKeys(optimizerConfig) as JsonObject },
  };
}

/**
 * Compiles `model` from a saved `trainingConfig`, reading TensorFlow.js's names too
 * (`RMSProp` with `decay` is RMSprop with `rho`; `Momentum` is SGD with `momentum`).
 *
 * @throws DataError naming `source` for an unknown loss or optimizer, or an optimizer option
 * layerwise does not have.
 */
export function compileFromTrainingConfig(model: Sequential, trainingConfig: unknown, source: string): void {
  if (!isJsonObject(trainingConfig)) throw new DataError(`${source}: trainingConfig must be an object, got ${brief(trainingConfig)}`);
  try {
    const metrics = metricsFromKeras(trainingConfig.metrics ?? []);
    model.compile({ optimizer: optimizerFromKeras(trainingConfig.optimizer_config), loss: lossFromKeras(trainingConfig.loss), metrics });
  } catch (error) {
    // The config is untrusted input: whatever a constructor throws on it is a data error.
    throw new DataError(`${source}: trainingConfig: ${error instanceof LayerwiseError ? error.message : `invalid config: ${String(error)}`}`);
  }
}

/** Metric names: a list, or TensorFlow.js's per-output map (`{}` when there are none) of a single-output model. */
function metricsFromKeras(value: JsonValue): string[] {
  const names = isJsonObject(value) ? Object.values(value).flat() : value;
  if (!Array.isArray(names) || !names.every((m) => typeof m === 'string')) {
    throw new DataError(`metrics must be an array of names, got ${brief(value)}`);
  }
  return names as string[];
}

function lossFromKeras(value: JsonValue | undefined): Loss {
  if (typeof value === 'string') return losses.create(value);
  if (isJsonObject(value) && typeof value.class_name === 'string') {
    return losses.create(value.class_name, isJsonObject(value.config) ? withoutNulls(fromKerasKeys(value.config) as JsonObject) : {});
  }
  throw new DataError(`loss must be a name or { class_name, config }, got ${brief(value)}`);
}

function optimizerFromKeras(value: JsonValue | undefined): Optimizer {
  if (!isJsonObject(value) || typeof value.class_name !== 'string') {
    throw new DataError(`optimizer_config must be { class_name, config }, got ${brief(value)}`);
  }
  let className = value.class_name;
  const config = isJsonObject(value.config) ? withoutNulls(fromKerasKeys(value.config) as JsonObject) : {};
  if (className === 'Momentum') {
    className = 'SGD';
    if (config.useNesterov !== undefined) config.nesterov = config.useNesterov;
    delete config.useNesterov;
  } else if (className === 'RMSProp' && config.decay !== undefined) {
    config.rho = config.decay;
    delete config.decay;
  }
  const optimizer = optimizers.create(className, config);
  const known = new Set(Object.keys(optimizer.getConfig()));
  const unknown = Object.keys(config).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new DataError(`${optimizer.className}: option${unknown.length > 1 ? 's' : ''} ${formatList(unknown)} not supported by layerwise`);
  }
  return optimizer;
}

function withoutNulls(config: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(config)) if (value !== null) out[key] = value;
  return out;
}
