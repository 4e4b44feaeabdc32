/**
 * The messages between the page (main.ts) and the training worker (worker.ts). Typed arrays
 * travel as copies (structured clone); nothing here imports the library at run time.
 */
import type { LayerGradientStats } from '../lib/index';
import type { DataKind } from './datasets';
import type { Domain } from './scales';
import type { Settings } from './settings';

/** Page → worker. */
export type Command =
  | { type: 'reset'; settings: Settings }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'trace'; sample: number }
  | { type: 'export' }
  | { type: 'import'; file: ModelFile };

/**
 * A model file: the text of `model.toJSON()` (one JSON file, weights as base64), or the
 * TensorFlow.js pair `model.json` (text) + `weights.bin` (bytes).
 */
export type ModelFile = string | { readonly modelJson: string; readonly weights: ArrayBuffer };

/** One layer of the model, for the drawings. */
export interface LayerInfo {
  readonly name: string;
  readonly className: string;
  /** Width of the layer's output. */
  readonly units: number;
}

/** What the page draws the data with; sent once per reset. */
export interface DataInfo {
  readonly kind: DataKind;
  readonly inputDim: number;
  readonly outputDim: number;
  /** Training inputs, row-major `[nTrain, inputDim]` (for digits: pixels in 0…1). */
  readonly xTrain: Float32Array;
  readonly labelsTrain: Int32Array;
  readonly xVal: Float32Array;
  readonly labelsVal: Int32Array;
  /** Regression targets (empty for classification). */
  readonly yTrain: Float32Array;
  readonly yVal: Float32Array;
  /** The input area drawn, `[x₀ range, x₁ range]` (2-D sets) or the x range (regression). */
  readonly domain: Domain;
}

/** A Dense kernel for the network drawing. */
export interface WeightInfo {
  readonly layer: string;
  /** `[inDim, units]`. */
  readonly shape: readonly [number, number];
  readonly data: Float32Array;
}

/** The model's outputs on what the page draws. */
export type View =
  | { kind: 'classes'; grid: number; probabilities: Float32Array; classes: number }
  | { kind: 'regression'; xs: Float32Array; ys: Float32Array }
  | { kind: 'digits'; misses: Int32Array; predicted: Int32Array };

/** The state after some training. */
export interface Report {
  readonly step: number;
  readonly epoch: number;
  readonly isRunning: boolean;
  readonly batchLoss: number;
  readonly trainLoss: number;
  readonly trainMetric: number;
  readonly valLoss: number;
  readonly valMetric: number;
  readonly view: View;
  readonly weights: readonly WeightInfo[];
  /** The GradientMonitor's means over the steps since the last report (`null` before any step). */
  readonly gradients: readonly LayerGradientStats[] | null;
  /** Training steps per second over the last slice of work (0 when paused). */
  readonly stepsPerSecond: number;
}

/** One tensor of a trace. */
export interface TraceTensor {
  /** Where it comes from in `computeGradients`' LayerTrace: `output`, `dOut`, `dAPrev`, or a gradient key such as `dW`. */
  readonly key: string;
  /** What the page calls it: `Z`, `A`, `dZ`, `dA`, `dW`, `db`, `dAPrev`, … */
  readonly label: string;
  readonly shape: readonly number[];
  /** The first values (at most {@link TRACE_VALUES}). */
  readonly values: Float32Array;
}

/** How many values of each traced tensor are sent. */
export const TRACE_VALUES = 32;

/** One forward and backward pass for one sample, as `computeGradients` returned it. */
export interface TraceInfo {
  readonly sample: number;
  readonly loss: number;
  /** The sample's input, `[1, inputDim]`. */
  readonly input: TraceTensor;
  readonly layers: readonly { readonly name: string; readonly className: string; readonly tensors: readonly TraceTensor[] }[];
}

/** Worker → page. */
export type Message =
  | { type: 'ready'; data: DataInfo; layers: readonly LayerInfo[]; backend: string; threads: string; isIsolated: boolean }
  | { type: 'report'; report: Report }
  | { type: 'trace'; trace: TraceInfo }
  | {
    type: 'exported';
    /** `JSON.stringify(model.toJSON())`. */
    text: string;
    /** The same model as TensorFlow.js's pair: model.json's text and weights.bin's bytes. */
    modelJson: string;
    weights: ArrayBuffer;
    probe: Float32Array;
    probeInput: Float32Array;
    probeShape: readonly [number, number];
  }
  | { type: 'imported'; layers: readonly LayerInfo[] }
  | { type: 'error'; message: string };
