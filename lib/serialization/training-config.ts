/**
 * `trainingConfig`: what `compile` was given (loss, metrics, optimizer), in the Keras form
 * TensorFlow.js writes (`{ loss: 'categorical_crossentropy', metrics: ['accuracy'],
 * optimizer_config: { class_name: 'Adam', config: {…} } }`).
 */
import { formatList, formatValue } from '../safe-format';
import { DataError, LayerwiseError } from '../errors';
import { losses, type Loss } from '../../losses';
import { optimizers, type Optimizer } from '../../optimizers';
import type { SavableModel } from '../engine/engine-model';
import type { JsonObject, JsonValue, TrainingConfig } from './format';
import { brief, isJsonObject } from './json-value';
import { fromKerasKeys, toKerasKeys, toSnakeCase } from './keras-case';

/**
 * The `trainingConfig` of a compiled model, or `undefined` before `compile`. A loss with
 * default options is its Keras name (`'mean_squared_error'`); one with options is
 * `{ class_name, config }`. `weightedMetrics` are saved as Keras's `weighted_metrics` when
 * there are some. Metric objects (not names) cannot be saved and add a warning, and
 * so does, `withOptimizerState`, a setup whose optimizer state TensorFlow.js cannot restore.
 */
export function trainingConfigOf(model: SavableModel, warnings: string[], withOptimizerState: boolean): TrainingConfig | undefined {
  const { optimizer, loss } = model;
  if (!optimizer || !loss) return undefined;
  const { losses: outputLosses, lossWeights, metrics: outputMetrics, weightedMetrics: outputWeightedMetrics } = model.requireCompiled('save');
  const hasWeighted = outputWeightedMetrics.some((list) => list.length > 0);
  const metricNames = (list: readonly unknown[]): string[] => list.flatMap((m) => {
    if (typeof m === 'string') return [m];
    warnings.push(`trainingConfig: metric ${formatValue((m as { name: string }).name)} is an object, not a name, and is not saved; pass it to compile again after loading`);
    return [];
  });
  const optimizerConfig = optimizer.getConfig();
  const lossConfigs = outputLosses.map((l) => toKerasKeys(l.getConfig()) as JsonObject);
  const tfjsReadable = typeof optimizerConfig.learningRate === 'number' && lossConfigs.every((c) => Object.keys(c).length === 0) &&
    ((optimizer.className === 'Adam' && !optimizerConfig.amsgrad) || (optimizer.className === 'SGD' && !optimizerConfig.momentum));
  if (withOptimizerState && !tfjsReadable) {
    warnings.push(`trainingConfig: TensorFlow.js restores the optimizer state only of Adam (without AMSGrad) and SGD (without momentum), with a constant learning rate and a loss without options; layerwise restores this ${optimizer.className} and ${loss.className}`);
  }
  const lossJson = (l: Loss, k: number): JsonValue => (Object.keys(lossConfigs[k]).length === 0 ? toSnakeCase(l.className) : { class_name: l.className, config: lossConfigs[k] });
  const names = model.outputNames;
  const optimizer_config = { class_name: optimizer.className, config: toKerasKeys(optimizerConfig) as JsonObject };
  if (names.length === 1) {
    return {
      loss: lossJson(loss, 0) as TrainingConfig['loss'], metrics: metricNames(outputMetrics[0]),
      ...(hasWeighted ? { weighted_metrics: metricNames(outputWeightedMetrics[0]) } : {}), optimizer_config,
    };
  }
  // Several outputs: Keras's records by output name.
  const byName = <T>(values: readonly T[]): Record<string, T> => Object.fromEntries(names.map((n, k) => [n, values[k]]));
  return {
    loss: byName(outputLosses.map(lossJson)) as unknown as TrainingConfig['loss'],
    loss_weights: byName(lossWeights.slice()),
    metrics: byName(outputMetrics.map(metricNames)) as unknown as string[],
    ...(hasWeighted ? { weighted_metrics: byName(outputWeightedMetrics.map(metricNames)) as unknown as string[] } : {}),
    optimizer_config,
  };
}

/**
 * Compiles `model` from a saved `trainingConfig`, reading TensorFlow.js's names too
 * (`RMSProp` with `decay` is RMSprop with `rho`; `Momentum` is SGD with `momentum`).
 *
 * @throws DataError naming `source` for an unknown loss or optimizer, or an optimizer option
 * layerwise does not have.
 */
export function compileFromTrainingConfig(model: SavableModel, trainingConfig: unknown, source: string): void {
  if (!isJsonObject(trainingConfig)) throw new DataError(`${source}: trainingConfig must be an object, got ${brief(trainingConfig)}`);
  try {
    const names = model.outputNames;
    const perOutput = (value: JsonValue | undefined): value is JsonObject => isJsonObject(value) && names.length > 1 && Object.keys(value).length > 0 && Object.keys(value).every((k) => names.includes(k));
    const loss = perOutput(trainingConfig.loss)
      ? Object.fromEntries(Object.entries(trainingConfig.loss).map(([k, v]) => [k, lossFromKeras(v)]))
      : lossFromKeras(trainingConfig.loss);
    const metricsOf = (json: JsonValue): string[] | Record<string, string[]> => (perOutput(json)
      ? Object.fromEntries(Object.entries(json).map(([k, v]) => [k, metricsFromKeras(v)]))
      : metricsFromKeras(json));
    const metrics = metricsOf(trainingConfig.metrics ?? []);
    const weightedJson = trainingConfig.weighted_metrics;
    const weightedMetrics = weightedJson === undefined || weightedJson === null ? undefined : metricsOf(weightedJson);
    const weightsJson = trainingConfig.loss_weights;
    const lossWeights = weightsJson === undefined || weightsJson === null ? undefined : (weightsJson as Record<string, number> | number[]);
    model.compile({
      optimizer: optimizerFromKeras(trainingConfig.optimizer_config), loss, metrics, ...(lossWeights ? { lossWeights } : {}), ...(weightedMetrics ? { weightedMetrics } : {}),
    });
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
