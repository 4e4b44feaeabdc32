/**
 * The training, evaluation and prediction loops behind `Sequential.fit`, `evaluate` and
 * `predict`: batching, shuffling, validation, metrics and callbacks.
 */
import { formatValue, isArray, isReadableObject, kindOf, optionsObject, positiveInteger } from './checks';
import { ConfigError, DataError } from './errors';
import { ModelSnapshot } from './model-snapshot';
import { Random, getGlobalRandom } from './random';
import type { Tensor } from './tensor';
import { Batcher } from './batcher';
import { toDataTensor, checkSampleCounts, type DataLike } from './inputs';
import { CallbackList, History, type Callback, type Logs, type TrainingParams } from './callbacks';
import { ProgressLogger, type ProgressStream } from './progress';
import { isStreamingMetric, resolveMetric, type Metric } from './metrics';
import { classWeightsToSampleWeights, toSampleWeights, type ClassWeight } from './sample-weights';
import type { Sequential } from './sequential';

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
  validationData?: readonly [DataLike, DataLike];
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
   * `validationSplit` splits the weights with the data. Not with `classWeight`.
   */
  sampleWeight?: DataLike;
  /**
   * Weights by class index, e.g. `{ 0: 1, 1: 5 }`: each training sample weighs as its label's
   * class (the argmax of an `[N, C]` label row, the rounded value of `[N]` or `[N, 1]` labels);
   * unlisted classes weigh 1. Validation data is not class-weighted. Not with `sampleWeight`.
   */
  classWeight?: ClassWeight;
}

/** Options of `Sequential.evaluate`. */
export interface EvaluateOptions {
  /** Samples per forward pass. @defaultValue 32 */
  batchSize?: number;
  /** One weight per sample, `[N]` or `[N, 1]`, finite and ≥ 0, applied to the loss as in `fit`. */
  sampleWeight?: DataLike;
}

/** Gives the event loop a turn (so progress bars redraw and browsers stay responsive). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** Metric values summed over samples, averaged at the end (Keras averages over samples). */
class RunningMeans {
  private readonly totals = new Map<string, number>();
  private count = 0;

  add(values: Logs, size: number): void {
    for (const [key, value] of Object.entries(values)) this.totals.set(key, (this.totals.get(key) ?? 0) + value * size);
    this.count += size;
  }

  means(prefix = ''): Logs {
    const logs: Logs = {};
    for (const [key, total] of this.totals) logs[prefix + key] = total / this.count;
    return logs;
  }
}

function resolveMetrics(model: Sequential, yTrue: Tensor, yPredShape: readonly number[]): Metric[] {
  const { loss, metrics } = model.requireCompiled('fit');
  return metrics.map((m) => (typeof m === 'string' ? resolveMetric(m, loss.className, yTrue.shape, yPredShape) : m));
}

/**
 * Checks `y` against the model's output and the loss on one sample before any weight changes,
 * and returns the resolved metrics. A bad label shape fails here, not mid-epoch.
 */
function prepare(model: Sequential, xs: Tensor, ys: Tensor): Metric[] {
  model.ensureBuilt(xs.shape);
  const { loss } = model.requireCompiled('fit');
  const probe = model.forwardInference(xs.hi(1));
  loss.forward(probe, ys.hi(1));
  const metrics = resolveMetrics(model, ys, probe.shape);
  // The metrics see the probe too, so labels a metric cannot take fail here, not after an update.
  for (const m of metrics) m.compute(probe, ys.hi(1));
  return metrics;
}

/**
 * One batch's logs: its loss and each metric's value on the batch alone. Streaming metrics also
 * fold the batch into their state; with `withBatchValues` false (evaluation, which reports only
 * totals) their batch value is skipped.
 */
function batchLogs(metrics: readonly Metric[], lossValue: number, yPred: Tensor, yTrue: Tensor, withBatchValues = true): Logs {
  const logs: Logs = { loss: lossValue };
  for (const m of metrics) {
    if (isStreamingMetric(m)) {
      m.update(yPred, yTrue);
      if (!withBatchValues) continue;
    }
    logs[m.name] = m.compute(yPred, yTrue);
  }
  return logs;
}

/** Starts every streaming metric afresh, before an epoch or an evaluation. */
function resetMetrics(metrics: readonly Metric[]): void {
  for (const m of metrics) if (isStreamingMetric(m)) m.reset();
}

/** An epoch's (or evaluation's) values: the means of batch values, but `result()` over all batches for streaming metrics. */
function totalLogs(means: RunningMeans, metrics: readonly Metric[]): Logs {
  const logs = means.means();
  for (const m of metrics) if (isStreamingMetric(m)) logs[m.name] = m.result();
  return logs;
}

function evaluateTensors(model: Sequential, xs: Tensor, ys: Tensor, batchSize: number, metrics: readonly Metric[], ws: Tensor | null = null): Logs {
  const { loss } = model.requireCompiled('evaluate');
  const batcher = new Batcher(xs, ys, batchSize, ws);
  const order = identity(xs.shape[0]);
  const means = new RunningMeans();
  resetMetrics(metrics);
  for (let step = 0; step < batcher.steps; step++) {
    const { x, y, w } = batcher.batch(step, order);
    const yPred = model.forwardInference(x);
    means.add(batchLogs(metrics, loss.forward(yPred, y, w ?? undefined) + model.regularizationLoss(), yPred, y, false), x.shape[0]);
  }
  return totalLogs(means, metrics);
}

function identity(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
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

/** Implements `Sequential.fit`; see {@link FitOptions}. */
export async function fit(model: Sequential, x: DataLike, y: DataLike, rawOptions?: FitOptions): Promise<History> {
  const options = optionsObject(rawOptions, 'fit');
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

  let xs = toDataTensor(x, 'fit: x', model.dtype);
  let ys = toDataTensor(y, 'fit: y', model.dtype);
  checkSampleCounts(xs, ys, 'fit');
  if (options.sampleWeight !== undefined && options.classWeight !== undefined) {
    throw new ConfigError('fit: pass sampleWeight or classWeight, not both (Keras does not combine them)');
  }
  let ws = options.sampleWeight === undefined ? null : toSampleWeights(options.sampleWeight, xs.shape[0], 'fit', model.dtype);
  let validation: { x: Tensor; y: Tensor; w: Tensor | null } | null = null;
  if (options.validationData) {
    if (!isArray(options.validationData) || options.validationData.length !== 2) {
      throw new ConfigError(`fit: validationData must be a pair [xVal, yVal], got ${kindOf(options.validationData)}`);
    }
    const [xv, yv] = options.validationData;
    validation = { x: toDataTensor(xv, 'fit: validationData x', model.dtype), y: toDataTensor(yv, 'fit: validationData y', model.dtype), w: null };
    checkSampleCounts(validation.x, validation.y, 'fit: validationData');
  } else if (split > 0) {
    const cut = math.floor(xs.shape[0] * (1 - split));
    if (cut === 0 || cut === xs.shape[0]) {
      throw new DataError(`fit: validationSplit ${split} of ${xs.shape[0]} samples leaves ${cut === 0 ? 'no training' : 'no validation'} samples`);
    }
    validation = { x: xs.lo(cut), y: ys.lo(cut), w: ws && ws.lo(cut) };
    xs = xs.hi(cut);
    ys = ys.hi(cut);
    ws = ws && ws.hi(cut);
  }
  if (options.classWeight !== undefined) ws = classWeightsToSampleWeights(ys, options.classWeight, 'fit', model.dtype);
  const metrics = prepare(model, xs, ys);
  if (validation) prepare(model, validation.x, validation.y);

  // From here on (the model is built) a throw puts the model back as it was: see ModelSnapshot.
  const snapshot = ModelSnapshot.take(model);
  try {
    const rng = new Random(options.seed ?? getGlobalRandom().nextSeed());
    const n = xs.shape[0];
    // Resuming at `initialEpoch` replays the skipped epochs' shuffles, so that with the same seed
    // the run continues exactly as an uninterrupted one would.
    if (options.shuffle !== false) for (let e = 0; e < initialEpoch; e++) rng.permutation(n);
    const batcher = new Batcher(xs, ys, batchSize, ws);
    const history = new History();
    const list = new CallbackList([history, ...(verbose > 0 ? [new ProgressLogger(options.progressStream, { lossChart: options.lossChart })] : []), ...callbacks]);
    const names = ['loss', ...metrics.map((m) => m.name)];
    const params: TrainingParams = {
      epochs, steps: batcher.steps, batchSize, samples: n, verbose,
      metrics: validation ? [...names, ...names.map((k) => `val_${k}`)] : names,
    };
    list.setModel(model, params);
    model.stopTraining = false;
    await list.onTrainBegin();
    let lastYield = Date.now();
    const inOrder = identity(n);
    for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      await list.onEpochBegin(epoch);
      const order = options.shuffle === false ? inOrder : rng.permutation(n);
      const means = new RunningMeans();
      resetMetrics(metrics);
      for (let step = 0; step < batcher.steps; step++) {
        const batch = batcher.batch(step, order);
        const size = batch.x.shape[0];
        await list.onBatchBegin(step, { batch: step, size });
        const { loss, yPred } = model.trainStep(batch.x, batch.y, batch.w ?? undefined);
        const logs = batchLogs(metrics, loss, yPred, batch.y);
        means.add(logs, size);
        await list.onBatchEnd(step, { batch: step, size, ...logs });
        if (model.stopTraining) break;
        if (Date.now() - lastYield > 50) {
          await yieldToEventLoop();
          lastYield = Date.now();
        }
      }
      const epochLogs = totalLogs(means, metrics);
      if (validation) Object.assign(epochLogs, prefixed(evaluateTensors(model, validation.x, validation.y, batchSize, metrics, validation.w)));
      await list.onEpochEnd(epoch, epochLogs);
    }
    model.optimizer?.finalizeVariableValues(model.layers.flatMap((l) => l.trainableParams()));
    await list.onTrainEnd();
    return history;
  } catch (error) {
    snapshot.restore();
    throw error;
  }
}

function prefixed(logs: Logs): Logs {
  const out: Logs = {};
  for (const [key, value] of Object.entries(logs)) out[`val_${key}`] = value;
  return out;
}

/** Implements `Sequential.evaluate`: `loss`, or `[loss, ...metrics]` when metrics were compiled. */
export function evaluate(model: Sequential, x: DataLike, y: DataLike, rawOptions?: EvaluateOptions): number | number[] {
  const options = optionsObject(rawOptions, 'evaluate');
  model.requireCompiled('evaluate');
  const batchSize = positiveInteger(options.batchSize, 'evaluate: batchSize', 32);
  const xs = toDataTensor(x, 'evaluate: x', model.dtype);
  const ys = toDataTensor(y, 'evaluate: y', model.dtype);
  checkSampleCounts(xs, ys, 'evaluate');
  const ws = options.sampleWeight === undefined ? null : toSampleWeights(options.sampleWeight, xs.shape[0], 'evaluate', model.dtype);
  const metrics = prepare(model, xs, ys);
  const logs = evaluateTensors(model, xs, ys, batchSize, metrics, ws);
  return metrics.length === 0 ? logs.loss : [logs.loss, ...metrics.map((m) => logs[m.name])];
}
