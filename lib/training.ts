/**
 * The training, evaluation and prediction loops behind `Sequential.fit`, `evaluate` and
 * `predict`: batching, shuffling, validation, metrics and callbacks.
 */
import { formatValue, isArray, isReadableObject, kindOf, optionsObject, positiveInteger } from './checks';
import { ConfigError, DataError, ShapeError } from './errors';
import { ModelSnapshot } from './model-snapshot';
import { Random, getGlobalRandom } from './random';
import type { Tensor } from './tensor';
import { Batcher } from './batcher';
import { checkSampleCounts, type DataLike } from './inputs';
import { CallbackList, History, type Callback, type Logs, type TrainingParams } from './callbacks';
import { ProgressLogger, type ProgressStream } from './progress';
import { isStreamingMetric, resolveMetric, type Metric, type MetricIdentifier } from './metrics';
import { classWeightsToSampleWeights, toSampleWeights, type ClassWeight } from './sample-weights';
import type { EngineModel } from './engine/engine-model';
import { forwardLosses, trainStep } from './engine/train-step';
import { checkedLabels, labelShapeError } from './engine/labels';
import { toDataList, type ModelData } from './engine/model-data';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of `Sequential.fit`, with Keras's names and defaults. */
export interface FitOptions {
  /** The index of the epoch to stop before (with `initialEpoch`, the run covers `[initialEpoch, epochs)`). @defaultValue 1 */
  epochs?: number;
  /** Samples per gradient update. @defaultValue 32 */
  batchSize?: number;
  /** Shuffle the training samples before each epoch (seeded). @defaultValue true */
  shuffle?: boolean;
  /** The fraction of the samples, taken from the end before shuffling, held out for validation. @defaultValue 0 */
  validationSplit?: number;
  /** Explicit validation data `[xVal, yVal]`; overrides `validationSplit`. */
  validationData?: readonly [ModelData, ModelData];
  /** 0 silent, 1 a progress bar per epoch (a line per epoch when not in a terminal), 2 a line per epoch. @defaultValue 1 */
  verbose?: 0 | 1 | 2;
  /** Seeds the shuffling; without it a seed is drawn from the global generator (see `setSeed`). */
  seed?: number;
  /** Callbacks called during training, after the History and the progress display. @defaultValue [] */
  callbacks?: Callback[];
  /** The epoch to start at, for resuming. @defaultValue 0 */
  initialEpoch?: number;
  /** Where the progress display writes. @defaultValue process.stdout */
  progressStream?: ProgressStream;
  /** With `verbose: 1` on a terminal, end with a small text chart of the loss per epoch. @defaultValue true */
  lossChart?: boolean;
  /**
   * One weight per sample, `[N]` or `[N, 1]`, finite and ≥ 0: each sample's loss counts `w_i`
   * times (the batch mean still divides by the batch size, Keras's `sum_over_batch_size`).
   * `validationSplit` splits the weights with the data. Not with `classWeight`. The metrics of
   * `compile({ weightedMetrics })` see them too; plain `metrics` do not.
   */
  sampleWeight?: DataLike;
  /**
   * Weights by class index, e.g. `{ 0: 1, 1: 5 }`: each training sample weighs as its label's
   * class (the argmax of an `[N, C]` label row, the rounded value of `[N]` or `[N, 1]` labels);
   * unlisted classes weigh 1. Validation data is not class-weighted. Not with `sampleWeight`.
   * These weights also reach `compile({ weightedMetrics })`, as in Keras.
   */
  classWeight?: ClassWeight;
}

/** The keys of {@link FitOptions}, which `fit` accepts. */
const FIT_OPTION_KEYS = [
  'epochs', 'batchSize', 'shuffle', 'validationSplit', 'validationData', 'verbose', 'seed', 'callbacks', 'initialEpoch',
  'progressStream', 'lossChart', 'sampleWeight', 'classWeight',
] as const satisfies readonly (keyof FitOptions)[];

/** Options of `Sequential.evaluate`. */
export interface EvaluateOptions {
  /** Samples per forward pass. @defaultValue 32 */
  batchSize?: number;
  /** One weight per sample, `[N]` or `[N, 1]`, finite and ≥ 0, applied to the loss and to `compile({ weightedMetrics })` as in `fit`. */
  sampleWeight?: DataLike;
  /**
   * Return the values keyed by name (`{ loss, accuracy }`, the keys History uses: `loss`,
   * `<output>_loss` for several outputs, each metric's name) instead of `loss` or `[loss, ...]`
   * (Keras's `return_dict`). @defaultValue false
   */
  returnDict?: boolean;
}

/**
 * What `evaluate` returns with `returnDict: true`: the loss and every other value, keyed as in
 * History (`{ loss, accuracy }`; `{ loss, out_a_loss, out_a_accuracy, … }` for several outputs).
 * `Keys` names the keys you compiled for, so they type as `number` rather than
 * `number | undefined` under `noUncheckedIndexedAccess`: `EvaluateLogs<'accuracy'>`.
 */
export type EvaluateLogs<Keys extends string = never> = { loss: number } & { [K in Keys]: number } & Record<string, number>;

const EVALUATE_OPTION_KEYS = ['batchSize', 'sampleWeight', 'returnDict'] as const satisfies readonly (keyof EvaluateOptions)[];

/** Gives the event loop a turn (so progress bars redraw and browsers stay responsive). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * Metric values summed over samples, averaged at the end (Keras averages over samples). A
 * weighted metric's batch value counts the batch's weight sum instead of its size, so its
 * epoch value is `Σ_batches Σ_i w_i·v_i / Σ_batches Σ_i w_i` (0 when every weight is 0).
 */
class RunningMeans {
  private readonly totals = new Map<string, number>();
  private readonly counts = new Map<string, number>();

  add(values: Logs, size: number, weightedKeys: ReadonlySet<string> = new Set(), weightSum = size): void {
    for (const [key, value] of Object.entries(values)) {
      const count = weightedKeys.has(key) ? weightSum : size;
      // A batch whose weights are all 0 adds nothing (its value is 0 by divide-no-NaN).
      if (count === 0) continue;
      this.totals.set(key, (this.totals.get(key) ?? 0) + value * count);
      this.counts.set(key, (this.counts.get(key) ?? 0) + count);
    }
    for (const key of weightedKeys) if (!this.totals.has(key)) this.totals.set(key, 0);
  }

  means(prefix = ''): Logs {
    const logs: Logs = {};
    for (const [key, total] of this.totals) {
      const count = this.counts.get(key) ?? 0;
      logs[prefix + key] = count === 0 ? 0 : total / count;
    }
    return logs;
  }
}

/** A metric of one output, with the name its values are logged under. */
interface OutputMetric {
  readonly output: number;
  readonly key: string;
  readonly metric: Metric;
  /** From `compile({ weightedMetrics })`: it receives the batches' sample weights. */
  readonly isWeighted: boolean;
}

/** The log keys of a batch's weighted metrics. */
function weightedKeys(metrics: readonly OutputMetric[]): ReadonlySet<string> {
  return new Set(metrics.filter((m) => m.isWeighted).map((m) => m.key));
}

/** `Σ_i w_i` of a batch's sample weights, or its size without weights. */
function weightSum(w: Tensor | null, size: number): number {
  if (w === null) return size;
  let sum = 0;
  for (let i = 0, p = w.offset; i < size; i++) sum += w.data[p++];
  return sum;
}

/** The log key of `name` for output `k`: the name itself for a one-output model, else `<output>_<name>` (Keras's keys). */
function outputKey(model: EngineModel, k: number, name: string): string {
  return model.outputNames.length === 1 ? name : `${model.outputNames[k]}_${name}`;
}

/**
 * The compiled metrics, then the weighted ones, with their log keys by Keras 3's rule
 * (`CompileMetrics.result`): a metric's name (`<output>_<name>` for several outputs); a plain
 * metric whose key is taken gets `_1`, `_2`, …; a weighted one gets `weighted_<name>` first,
 * then `weighted_<name>_1`, ….
 */
function resolveMetrics(model: EngineModel, ys: readonly Tensor[], yPreds: readonly Tensor[]): OutputMetric[] {
  const { losses, metrics, weightedMetrics } = model.requireCompiled('fit');
  const counters = new Map<string, number>();
  const resolved = (lists: readonly (readonly MetricIdentifier[])[], isWeighted: boolean): OutputMetric[] => lists.flatMap((list, k) => list.map((m) => {
    const metric = typeof m === 'string' ? resolveMetric(m, losses[k].className, ys[k].shape, yPreds[k].shape) : m;
    let key = outputKey(model, k, metric.name);
    if (counters.has(key) && isWeighted) key = outputKey(model, k, `weighted_${metric.name}`);
    const index = counters.get(key);
    if (index === undefined) {
      counters.set(key, 1);
    } else {
      counters.set(key, index + 1);
      key = `${key}_${index}`;
    }
    return { output: k, key, metric, isWeighted };
  }));
  return [...resolved(metrics, false), ...resolved(weightedMetrics, true)];
}

/**
 * Runs the model and the losses on one sample (labels already checked by `checkedLabels`,
 * before anything was built) and returns the resolved metrics, so that labels a loss or a
 * metric cannot take fail here, not mid-epoch. Nothing in the model changes: the probe runs
 * in inference mode. A metric's shape error quotes the data's shapes, not the probe's (see
 * `labelShapeError`); `what` names the caller and the data in it.
 */
function prepare(model: EngineModel, xs: readonly Tensor[], ys: readonly Tensor[], what: string): OutputMetric[] {
  const { losses } = model.requireCompiled('fit');
  const graph = model.ensureBuilt(xs.map((x) => x.shape));
  const probes = graph.forward(xs.map((x) => x.hi(1)), false).map((t) => t);
  const labels = ys.map((y) => y.hi(1));
  losses.forEach((loss, k) => loss.forward(probes[k], labels[k]));
  const metrics = resolveMetrics(model, ys, probes);
  // The metrics see the probe too, so labels a metric cannot take fail here, not after an update.
  for (const { output, metric } of metrics) {
    try {
      metric.compute(probes[output], labels[output]);
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      throw labelShapeError(model, output, what, ys[output].shape, [null, ...probes[output].shape.slice(1)], error, {
        takesClassIndices: /^sparse/i.test(metric.name), isCategoricalCrossentropy: false, metric: metric.name,
      });
    }
  }
  return metrics;
}

/**
 * One batch's logs: its loss (and each output's, for several outputs) and each metric's value
 * on the batch alone, a weighted metric's with the batch's sample weights `w` (when there are
 * any). Streaming metrics also fold the batch into their state; with `withBatchValues` false
 * (evaluation, which reports only totals) their batch value is skipped.
 */
function batchLogs(
  model: EngineModel, metrics: readonly OutputMetric[], lossValue: number, outputLosses: readonly number[], yPreds: readonly Tensor[], ys: readonly Tensor[],
  w: Tensor | null, withBatchValues = true,
): Logs {
  const logs: Logs = { loss: lossValue };
  if (outputLosses.length > 1) outputLosses.forEach((v, k) => { logs[outputKey(model, k, 'loss')] = v; });
  for (const { output, key, metric, isWeighted } of metrics) {
    const weights = isWeighted && w !== null ? w : undefined;
    if (isStreamingMetric(metric)) {
      if (weights === undefined) metric.update(yPreds[output], ys[output]);
      else metric.update(yPreds[output], ys[output], weights);
      if (!withBatchValues) continue;
    }
    logs[key] = weights === undefined ? metric.compute(yPreds[output], ys[output]) : metric.compute(yPreds[output], ys[output], weights);
  }
  return logs;
}

/** Starts every streaming metric afresh, before an epoch or an evaluation. */
function resetMetrics(metrics: readonly OutputMetric[]): void {
  for (const { metric } of metrics) if (isStreamingMetric(metric)) metric.reset();
}

/** An epoch's (or evaluation's) values: the means of batch values, but `result()` over all batches for streaming metrics. */
function totalLogs(means: RunningMeans, metrics: readonly OutputMetric[]): Logs {
  const logs = means.means();
  for (const { key, metric } of metrics) if (isStreamingMetric(metric)) logs[key] = metric.result();
  return logs;
}

function evaluateTensors(model: EngineModel, xs: readonly Tensor[], ys: readonly Tensor[], batchSize: number, metrics: readonly OutputMetric[], ws: Tensor | null = null): Logs {
  const batcher = new Batcher(xs, ys, batchSize, ws);
  const order = identity(xs[0].shape[0]);
  const means = new RunningMeans();
  const weighted = weightedKeys(metrics);
  resetMetrics(metrics);
  for (let step = 0; step < batcher.steps; step++) {
    const batch = batcher.batch(step, order);
    const size = batch.xs[0].shape[0];
    const { loss, outputLosses, yPreds } = forwardLosses(model, batch.xs, batch.ys, batch.w, false);
    means.add(batchLogs(model, metrics, loss, outputLosses, yPreds, batch.ys, batch.w, false), size, weighted, weightSum(batch.w, size));
  }
  return totalLogs(means, metrics);
}

function identity(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/**
 * Saves a streaming metric object's state (its own fields, deep-copied) and returns what puts
 * it back; a metric resolved from a name is the call's own and needs nothing.
 */
function saveMetricState(metric: Metric): () => void {
  if (!isStreamingMetric(metric)) return () => {};
  const saved = Object.entries(metric).map(([key, value]) => [key, copyState(value)] as const);
  return () => {
    for (const [key, value] of saved) (metric as unknown as Record<string, unknown>)[key] = copyState(value);
  };
}

/** A deep copy of a metric field (numbers, arrays, typed arrays, plain records); functions and other objects are kept as they are. */
function copyState(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/** Every input and label tensor has the same number of samples. @throws DataError naming the first that differs. */
function checkCounts(xs: readonly Tensor[], ys: readonly Tensor[], what: string): void {
  for (const t of [...xs.slice(1), ...ys]) checkSampleCounts(xs[0], t, what);
}

/** The hooks `fit` may call on a callback. */
const CALLBACK_HOOKS = ['setModel', 'onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'] as const;

/** @throws ConfigError unless `callback` is an object whose hooks, where present, are functions. */
function checkCallback(callback: unknown, index: number): void {
  if (!isReadableObject(callback)) {
    throw new ConfigError(`fit: callbacks[${index}] must be a Callback object, got ${kindOf(callback)}`);
  }
  for (const hook of CALLBACK_HOOKS) {
    const value = (callback as Record<string, unknown>)[hook];
    if (value !== undefined && typeof value !== 'function') {
      throw new ConfigError(`fit: callbacks[${index}].${hook} must be a function, got ${kindOf(value)}`);
    }
  }
}

/** Implements `Model.fit`; see {@link FitOptions}. */
export async function fit(model: EngineModel, x: ModelData, y: ModelData, rawOptions?: FitOptions): Promise<History> {
  const done = model.beginCall('fit');
  try {
    return await runFit(model, x, y, rawOptions);
  } finally {
    done();
  }
}

async function runFit(model: EngineModel, x: ModelData, y: ModelData, rawOptions?: FitOptions): Promise<History> {
  const options = optionsObject(rawOptions, 'fit', FIT_OPTION_KEYS);
  model.requireCompiled('fit');
  const epochs = options.epochs ?? 1;
  const initialEpoch = options.initialEpoch ?? 0;
  if (!Number.isInteger(epochs) || epochs < 0) throw new ConfigError(`fit: epochs must be a non-negative integer, got ${formatValue(epochs)}`);
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0) throw new ConfigError(`fit: initialEpoch must be a non-negative integer, got ${formatValue(initialEpoch)}`);
  const batchSize = positiveInteger(options.batchSize, 'fit: batchSize', 32);
  const verbose = options.verbose ?? 1;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new ConfigError(`fit: verbose must be 0, 1 or 2, got ${formatValue(verbose)}`);
  const split = options.validationSplit ?? 0;
  if (typeof split !== 'number' || !(split >= 0 && split < 1)) throw new ConfigError(`fit: validationSplit must be in [0, 1), got ${formatValue(split)}`);
  const callbacks = options.callbacks ?? [];
  if (!isArray(callbacks)) throw new ConfigError(`fit: callbacks must be an array, got ${kindOf(callbacks)}`);
  callbacks.forEach(checkCallback);

  let xs = toDataList(x, model.inputNames, 'fit: x', model.dtype);
  let ys = toDataList(y, model.outputNames, 'fit: y', model.dtype);
  checkCounts(xs, ys, 'fit');
  if (options.sampleWeight !== undefined && options.classWeight !== undefined) {
    throw new ConfigError('fit: pass sampleWeight or classWeight, not both (Keras does not combine them)');
  }
  let ws = options.sampleWeight === undefined ? null : toSampleWeights(options.sampleWeight, xs[0].shape[0], 'fit', model.dtype);
  // Checked before a validationSplit cuts them, so that a message quotes the shapes passed.
  ys = checkedLabels(model, xs, ys, 'fit');
  let validation: { xs: Tensor[]; ys: Tensor[]; w: Tensor | null } | null = null;
  if (options.validationData) {
    if (!isArray(options.validationData) || options.validationData.length !== 2) {
      throw new ConfigError(`fit: validationData must be a pair [xVal, yVal], got ${kindOf(options.validationData)}`);
    }
    const [xv, yv] = options.validationData;
    validation = {
      xs: toDataList(xv, model.inputNames, 'fit: validationData x', model.dtype),
      ys: toDataList(yv, model.outputNames, 'fit: validationData y', model.dtype),
      w: null,
    };
    checkCounts(validation.xs, validation.ys, 'fit: validationData');
    validation.ys = checkedLabels(model, validation.xs, validation.ys, 'fit: validationData');
  } else if (split > 0) {
    const n = xs[0].shape[0];
    const cut = math.floor(n * (1 - split));
    if (cut === 0 || cut === n) {
      throw new DataError(`fit: validationSplit ${split} of ${n} samples leaves ${cut === 0 ? 'no training' : 'no validation'} samples`);
    }
    validation = { xs: xs.map((t) => t.lo(cut)), ys: ys.map((t) => t.lo(cut)), w: ws && ws.lo(cut) };
    xs = xs.map((t) => t.hi(cut));
    ys = ys.map((t) => t.hi(cut));
    ws = ws && ws.hi(cut);
  }
  if (options.classWeight !== undefined) ws = classWeightsToSampleWeights(ys[0], options.classWeight, 'fit', model.dtype);
  const metrics = prepare(model, xs, ys, 'fit');
  if (validation) prepare(model, validation.xs, validation.ys, 'fit: validationData');

  // From here on (the model is built) a throw puts the model back as it was: see ModelSnapshot.
  const snapshot = ModelSnapshot.take(model);
  try {
    const rng = new Random(options.seed ?? getGlobalRandom().nextSeed());
    const n = xs[0].shape[0];
    // Resuming at `initialEpoch` replays the skipped epochs' shuffles, so that with the same seed
    // the run continues exactly as an uninterrupted one would.
    if (options.shuffle !== false) for (let e = 0; e < initialEpoch; e++) rng.permutation(n);
    const batcher = new Batcher(xs, ys, batchSize, ws);
    const history = new History();
    const list = new CallbackList([history, ...(verbose > 0 ? [new ProgressLogger(options.progressStream, { lossChart: options.lossChart })] : []), ...callbacks]);
    const lossNames = model.outputNames.length > 1 ? ['loss', ...model.outputNames.map((o) => `${o}_loss`)] : ['loss'];
    const names = [...lossNames, ...metrics.map((m) => m.key)];
    const params: TrainingParams = {
      epochs, steps: batcher.steps, batchSize, samples: n, verbose,
      metrics: validation ? [...names, ...names.map((k) => `val_${k}`)] : names,
    };
    list.setModel(model, params);
    model.stopTraining = false;
    await inCallback(model, () => list.onTrainBegin());
    let lastYield = Date.now();
    const inOrder = identity(n);
    const weighted = weightedKeys(metrics);
    for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      await inCallback(model, () => list.onEpochBegin(epoch));
      const order = options.shuffle === false ? inOrder : rng.permutation(n);
      const means = new RunningMeans();
      resetMetrics(metrics);
      for (let step = 0; step < batcher.steps; step++) {
        const batch = batcher.batch(step, order);
        const size = batch.xs[0].shape[0];
        await inCallback(model, () => list.onBatchBegin(step, { batch: step, size }));
        const { loss, outputLosses, yPreds } = trainStep(model, batch.xs, batch.ys, batch.w);
        const logs = batchLogs(model, metrics, loss, outputLosses, yPreds, batch.ys, batch.w);
        means.add(logs, size, weighted, weightSum(batch.w, size));
        await inCallback(model, () => list.onBatchEnd(step, { batch: step, size, ...logs }));
        if (model.stopTraining) break;
        if (Date.now() - lastYield > 50) {
          await yieldToEventLoop();
          lastYield = Date.now();
        }
      }
      const epochLogs = totalLogs(means, metrics);
      if (validation) Object.assign(epochLogs, prefixed(evaluateTensors(model, validation.xs, validation.ys, batchSize, metrics, validation.w)));
      await inCallback(model, () => list.onEpochEnd(epoch, epochLogs));
    }
    model.optimizer?.finalizeVariableValues(model.layers.flatMap((l) => l.trainableParams()));
    await inCallback(model, () => list.onTrainEnd());
    return history;
  } catch (error) {
    snapshot.restore();
    throw error;
  }
}

/**
 * Runs one of `fit`'s callback hooks with the model marked as inside one, so that a callback
 * may call `evaluate`, `predict` or `save` on the model while `fit` runs (code outside may not).
 */
async function inCallback(model: EngineModel, hook: () => Promise<void> | void): Promise<void> {
  model.isInCallback = true;
  try {
    await hook();
  } finally {
    model.isInCallback = false;
  }
}

function prefixed(logs: Logs): Logs {
  const out: Logs = {};
  for (const [key, value] of Object.entries(logs)) out[`val_${key}`] = value;
  return out;
}

/**
 * Implements `Model.evaluate`: `loss`, or `[loss, ...metrics]` when metrics were compiled (and
 * each output's loss for several outputs); with `returnDict`, the values keyed by name.
 */
export function evaluate(model: EngineModel, x: ModelData, y: ModelData, rawOptions?: EvaluateOptions): number | number[] | EvaluateLogs {
  const done = model.beginCall('evaluate');
  try {
    const options = optionsObject(rawOptions, 'evaluate', EVALUATE_OPTION_KEYS);
    model.requireCompiled('evaluate');
    const batchSize = positiveInteger(options.batchSize, 'evaluate: batchSize', 32);
    if (options.returnDict !== undefined && typeof options.returnDict !== 'boolean') {
      throw new ConfigError(`evaluate: returnDict must be a boolean, got ${formatValue(options.returnDict)}`);
    }
    const xs = toDataList(x, model.inputNames, 'evaluate: x', model.dtype);
    const rawYs = toDataList(y, model.outputNames, 'evaluate: y', model.dtype);
    checkCounts(xs, rawYs, 'evaluate');
    const ys = checkedLabels(model, xs, rawYs, 'evaluate');
    const ws = options.sampleWeight === undefined ? null : toSampleWeights(options.sampleWeight, xs[0].shape[0], 'evaluate', model.dtype);
    const metrics = prepare(model, xs, ys, 'evaluate');
    // Metric objects may be the running fit's own (a callback evaluating mid-epoch): their
    // streaming state is put back after this evaluation has read its result.
    const restore = metrics.map(({ metric }) => saveMetricState(metric));
    let logs: Logs;
    try {
      logs = evaluateTensors(model, xs, ys, batchSize, metrics, ws);
    } finally {
      for (const put of restore) put();
    }
    const keys = [...(model.outputNames.length > 1 ? model.outputNames.map((o) => `${o}_loss`) : []), ...metrics.map((m) => m.key)];
    if (options.returnDict === true) return Object.fromEntries([['loss', logs.loss], ...keys.map((k) => [k, logs[k]])]) as EvaluateLogs;
    return keys.length === 0 ? logs.loss : [logs.loss, ...keys.map((k) => logs[k])];
  } finally {
    done();
  }
}
