/**
 * One playground run: the data, the model, and a seeded order of mini-batches, trained one
 * batch at a time with `trainOnBatch` while a `GradientMonitor` watches every step. Everything
 * comes from the library's public API, and the same settings give the same numbers step by
 * step. It runs in the worker, and in Node for the tests.
 */
import {
  fromJSON, GradientMonitor, Model, Random, type LayerGradientStats, type Tensor,
} from '../lib/index';
import { makeData, type PlaygroundData } from './datasets';
import type { Digits } from './digits';
import { buildModel, compileFor } from './model-builder';
import type { DataInfo, LayerInfo, ModelFile, Report, TraceInfo, TraceTensor, View, WeightInfo } from './protocol';
import { TRACE_VALUES } from './protocol';
import { domainOf, gridPoints } from './scales';
import type { Settings } from './settings';

/** Cells per side of the decision-boundary grid. */
export const GRID = 40;
/** Points of the fitted regression curve. */
export const CURVE_POINTS = 100;
/** Misclassified digits shown at most. */
export const MAX_MISSES = 40;

/** Rows `rows` of a row-major `[N, width]` tensor, as a `{ data, shape }` batch. */
function takeRows(t: Tensor, rows: ArrayLike<number>): { data: Float32Array; shape: number[] } {
  const width = t.size / t.shape[0];
  const data = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) data.set(t.data.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
  return { data, shape: [rows.length, width] };
}

/** The index of the largest of `width` values starting at `offset`. */
function argmax(values: ArrayLike<number>, offset: number, width: number): number {
  let best = 0;
  for (let k = 1; k < width; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

/** What a layer's output and `dOut` are called in the step view. */
function outputLabel(className: string): string {
  if (className === 'Dense') return 'Z';
  if (className === 'BatchNormalization') return 'BN';
  if (className === 'Dropout') return 'D';
  return 'A';
}

function traceTensor(key: string, label: string, t: Tensor): TraceTensor {
  return { key, label, shape: [...t.shape], values: Float32Array.from(t.data.subarray(0, TRACE_VALUES)) };
}

/** A run of the playground. */
export class Trainer {
  readonly data: PlaygroundData;
  model: Model;
  /** Training steps done. */
  stepCount = 0;
  /** Epochs completed. */
  epoch = 0;
  private monitor: GradientMonitor;
  private readonly rng: Random;
  private order: Int32Array;
  private position = 0;
  private lastLoss = NaN;
  private hasGradients = false;
  private readonly grid: Float32Array | null;

  constructor(readonly settings: Settings, digits: Digits | null = null) {
    this.data = makeData(settings.dataset, settings.seed, digits);
    this.model = buildModel(settings, this.data.inputDim, this.data.outputDim);
    this.rng = new Random(settings.seed);
    this.order = this.rng.permutation(this.data.xTrain.shape[0]);
    this.monitor = this.attachMonitor();
    this.grid = this.data.kind === 'classes' ? gridPoints(this.domain(), GRID) : null;
  }

  /** A GradientMonitor observing every step of `trainOnBatch`, as `fit` would attach it. */
  private attachMonitor(): GradientMonitor {
    const monitor = new GradientMonitor();
    monitor.setModel(this.model);
    monitor.onTrainBegin();
    monitor.onEpochBegin(this.epoch);
    return monitor;
  }

  /** The drawn input area: the data's bounds, padded. */
  domain(): DataInfo['domain'] {
    const { xTrain, xVal, kind, inputDim } = this.data;
    if (kind === 'digits') return [];
    const all = new Float32Array(xTrain.size + xVal.size);
    all.set(xTrain.data);
    all.set(xVal.data, xTrain.size);
    return domainOf(all, inputDim, 0.1);
  }

  /** The data, for drawing. */
  dataInfo(): DataInfo {
    const d = this.data;
    const regression = d.kind === 'regression';
    return {
      kind: d.kind, inputDim: d.inputDim, outputDim: d.outputDim,
      xTrain: Float32Array.from(d.xTrain.data), labelsTrain: d.labelsTrain,
      xVal: Float32Array.from(d.xVal.data), labelsVal: d.labelsVal,
      yTrain: regression ? Float32Array.from(d.yTrain.data) : new Float32Array(0),
      yVal: regression ? Float32Array.from(d.yVal.data) : new Float32Array(0),
      domain: this.domain(),
    };
  }

  /** The model's layers, first to last. */
  layerInfo(): LayerInfo[] {
    let width = this.data.inputDim;
    return this.model.layers.map((layer) => {
      width = layer.computeOutputShape([1, width])[1] ?? width;
      return { name: layer.name, className: layer.className, units: width };
    });
  }

  /** One mini-batch forward, backward and update; the next batch of a seeded shuffle. Returns the batch loss. */
  step(): number {
    const n = this.order.length;
    const rows = this.order.subarray(this.position, Math.min(n, this.position + this.settings.batchSize));
    this.monitor.onBatchBegin(Math.floor(this.position / this.settings.batchSize));
    this.lastLoss = this.model.trainOnBatch(takeRows(this.data.xTrain, rows), takeRows(this.data.yTrain, rows));
    this.position += rows.length;
    this.stepCount++;
    this.hasGradients = true;
    if (this.position >= n) {
      this.epoch++;
      this.order = this.rng.permutation(n);
      this.position = 0;
      this.monitor.onEpochBegin(this.epoch);
    }
    return this.lastLoss;
  }

  /** `[loss, metric]` on a set, in inference mode (metric: accuracy, or R² for the regression). */
  private score(x: Tensor, y: Tensor): [number, number] {
    const r = this.model.evaluate(x, y);
    return Array.isArray(r) ? [r[0], r[1] ?? NaN] : [r as number, NaN];
  }

  /** The model's outputs on what the page draws. */
  private view(): View {
    const d = this.data;
    if (d.kind === 'classes' && this.grid) {
      const p = this.model.predict({ data: this.grid, shape: [GRID * GRID, 2] });
      return { kind: 'classes', grid: GRID, probabilities: Float32Array.from(p.data), classes: d.outputDim };
    }
    if (d.kind === 'regression') {
      const [[low, high]] = this.domain();
      const xs = Float32Array.from({ length: CURVE_POINTS }, (_, i) => low + ((high - low) * i) / (CURVE_POINTS - 1));
      return { kind: 'regression', xs, ys: Float32Array.from(this.model.predict({ data: xs, shape: [CURVE_POINTS, 1] }).data) };
    }
    const p = this.model.predict(d.xVal);
    const misses: number[] = [], predicted: number[] = [];
    for (let i = 0; i < d.labelsVal.length && misses.length < MAX_MISSES; i++) {
      const guess = argmax(p.data, i * d.outputDim, d.outputDim);
      if (guess !== d.labelsVal[i]) {
        misses.push(i);
        predicted.push(guess);
      }
    }
    return { kind: 'digits', misses: Int32Array.from(misses), predicted: Int32Array.from(predicted) };
  }

  /** The GradientMonitor's means over the steps since the last call, or the last ones when no step came between. */
  private gradients(): LayerGradientStats[] | null {
    if (!this.hasGradients) return null;
    this.monitor.onEpochEnd();
    const records = this.monitor.records;
    if (records.length > 64) records.splice(0, records.length - 1);
    return records.length > 0 ? records[records.length - 1].layers.slice() : null;
  }

  /** Copies of every Dense kernel. */
  private weights(): WeightInfo[] {
    return this.model.layers.flatMap((layer) => layer.className !== 'Dense' ? [] : layer.params().filter((p) => p.name === 'W').map((p) => ({
      layer: layer.name, shape: [p.value.shape[0], p.value.shape[1]] as [number, number], data: Float32Array.from(p.value.data),
    })));
  }

  /** Losses, metrics and drawings now. */
  report(isRunning: boolean, stepsPerSecond: number): Report {
    const d = this.data;
    const [trainLoss, trainMetric] = this.score(d.xTrain, d.yTrain);
    const [valLoss, valMetric] = this.score(d.xVal, d.yVal);
    return {
      step: this.stepCount, epoch: this.epoch, isRunning, batchLoss: this.lastLoss,
      trainLoss, trainMetric, valLoss, valMetric,
      view: this.view(), weights: this.weights(), gradients: this.gradients(), stepsPerSecond,
    };
  }

  /**
   * `computeGradients` on training sample `sample` alone: every layer's output, `dOut`,
   * parameter gradients and `dAPrev`. It changes no state of the model (weights,
   * batch-normalization statistics, random generators), so tracing does not change the run.
   */
  trace(sample: number): TraceInfo {
    const n = this.data.xTrain.shape[0];
    const i = Math.max(0, Math.min(n - 1, Math.floor(sample)));
    const x = takeRows(this.data.xTrain, [i]);
    const result = this.model.computeGradients(x, takeRows(this.data.yTrain, [i]), { inputGradient: true });
    return {
      sample: i,
      loss: result.loss,
      input: { key: 'input', label: 'X', shape: x.shape, values: x.data.slice(0, TRACE_VALUES) },
      layers: result.layers.map((t) => {
        const label = outputLabel(t.layer.className);
        const tensors = [traceTensor('output', label, t.output), traceTensor('dOut', `d${label}`, t.dOut)];
        for (const [key, g] of Object.entries(t.grads)) tensors.push(traceTensor(key, key, g));
        if (t.dAPrev) tensors.push(traceTensor('dAPrev', 'dAPrev', t.dAPrev));
        return { name: t.layer.name, className: t.layer.className, tensors };
      }),
    };
  }

  /** The model as `model.toJSON()` writes it (TensorFlow.js's model.json with the weights in base64), as JSON text. */
  exportModel(): string {
    return JSON.stringify(this.model.toJSON());
  }

  /** The model as TensorFlow.js's pair of files: model.json (its manifest names weights.bin) and the weights' bytes. */
  exportTfjs(): { modelJson: string; weights: ArrayBuffer } {
    const { modelJson, weightData } = this.model.toJSON({ weightData: 'arrayBuffer' });
    return { modelJson: JSON.stringify(modelJson), weights: weightData as ArrayBuffer };
  }

  /** The first `count` validation inputs and the model's outputs for them. */
  probe(count = 8): { input: Float32Array; output: Float32Array; shape: [number, number] } {
    const rows = Array.from({ length: Math.min(count, this.data.xVal.shape[0]) }, (_, i) => i);
    const x = takeRows(this.data.xVal, rows);
    return { input: x.data, output: Float32Array.from(this.model.predict(x).data), shape: [rows.length, this.data.inputDim] };
  }

  /**
   * Replaces the model with one read by `fromJSON` from a {@link ModelFile} (compiled with the
   * page's loss and optimizer when the file has no training config). Its input and output
   * widths must fit the dataset.
   */
  importModel(file: ModelFile): void {
    const model = typeof file === 'string' ? fromJSON(file) : fromJSON({ modelJson: JSON.parse(file.modelJson), weightData: file.weights });
    const inWidth = model.inputShape?.[1], outWidth = model.outputShape?.[1];
    if (inWidth !== this.data.inputDim || outWidth !== this.data.outputDim) {
      throw new Error(`this model maps ${inWidth ?? '?'} inputs to ${outWidth ?? '?'} outputs; the ${this.settings.dataset} data needs ${this.data.inputDim} → ${this.data.outputDim}`);
    }
    if (!model.optimizer) compileFor(model, this.settings);
    this.monitor.onTrainEnd();
    this.model = model;
    this.monitor = this.attachMonitor();
    this.hasGradients = false;
  }
}
