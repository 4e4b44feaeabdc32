/**
 * The types of a saved model: `model.json` in the TensorFlow.js layers-model format
 * (tfjs-core's `ModelJSON` and `WeightsManifestConfig`), the Keras-style topology inside it,
 * and the layerwise metadata it carries in `userDefinedMetadata`.
 */
import type { RandomState } from '../random';
import type { DType } from '../tensor';

/** The value of `model.json`'s `format` field for a layers model. */
export const LAYERS_MODEL_FORMAT = 'layers-model';

/** What `generatedBy` says (TensorFlow.js writes `TensorFlow.js tfjs-layers v<version>`). */
export const GENERATED_BY = 'layerwise';

/** The version of the layerwise metadata block; bumped when its meaning changes. */
export const METADATA_VERSION = 1;

/** A JSON value, as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** An object in Keras form: `{ class_name, config }` with snake_case config keys. */
export interface KerasObject {
  class_name: string;
  config: JsonObject;
}

/** `modelTopology`: a Keras `Sequential` config, as TensorFlow.js's `model.toJSON()` writes it. */
export interface ModelTopology {
  class_name: string;
  config: { name?: string; layers: KerasObject[] } | KerasObject[];
  keras_version?: string;
  backend?: string;
}

/** The element types a weights manifest entry may declare (tfjs-core's list). */
export type ManifestDType = 'float32' | 'int32' | 'bool' | 'string' | 'complex64';

/**
 * One tensor in the weights binary: `name` is `<layer>/<weight>` (e.g. `dense_1/kernel`) for
 * model weights; optimizer state has `group: 'optimizer'`.
 */
export interface WeightsManifestEntry {
  name: string;
  shape: number[];
  dtype: ManifestDType;
  group?: 'model' | 'optimizer';
  /** Quantized weights (from the TensorFlow.js converter); layerwise does not read them. */
  quantization?: { dtype: string; scale?: number; min?: number };
}

/** A group of weights stored across `paths` (shards), concatenated in order. */
export interface WeightsManifestGroup {
  paths: string[];
  weights: WeightsManifestEntry[];
}

/** `trainingConfig`: what `compile` was given, in Keras names. */
export interface TrainingConfig {
  /**
   * A Keras loss name (`'mean_squared_error'`), or `{ class_name, config }` for a loss with
   * options; for a model of several outputs, a record of those by output name.
   */
  loss: string | KerasObject;
  /** Metric names (a record of lists by output name for several outputs). */
  metrics?: string[];
  /** The names of `compile({ weightedMetrics })`, in the form of `metrics` (written only when there are some). */
  weighted_metrics?: string[];
  /** The outputs' loss weights by output name (several outputs only). */
  loss_weights?: Record<string, number>;
  optimizer_config: KerasObject;
}

/** Where training stood when a checkpoint was written (saved with `includeOptimizer`). */
export interface TrainingState {
  /** The epochs completed, when the caller gave it: pass it to `fit` as `initialEpoch` to resume. */
  epoch: number | null;
  /** The global generator's state (see `setSeed`), so later random draws continue exactly. */
  randomState: RandomState;
  /** The own generators of layers that have one (Dropout's masks), by layer name. */
  layerRandomStates: Record<string, RandomState>;
}

/** What layerwise adds under `userDefinedMetadata.layerwise`; TensorFlow.js ignores it. */
export interface LayerwiseMetadata {
  version: number;
  /** The model's dtype; the weights are stored as float32 whatever it is. */
  dtype: DType;
  /** The CRC-32 of the weights data (every group, in order), 8 hex digits; checked on load when present. */
  weightsCrc32?: string;
  training?: TrainingState;
  /**
   * The compile settings of a model saved without `includeOptimizer`, in `trainingConfig`'s
   * form (Keras's `compile_config`): kept here, where TensorFlow.js does not look, because
   * TensorFlow.js compiles from any `trainingConfig` it finds and knows few of the names.
   */
  compile?: TrainingConfig;
  /** The layers whose recurrent `'hard_sigmoid'` is Keras 2's and TensorFlow.js's (see `hard-sigmoid-dialect.ts`). */
  keras2HardSigmoid?: string[];
}

/** The content of `model.json` (tfjs-core's `ModelJSON` for a layers model). */
export interface ModelJSON {
  modelTopology: ModelTopology;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: WeightsManifestGroup[];
  trainingConfig?: TrainingConfig;
  userDefinedMetadata?: { layerwise?: LayerwiseMetadata } & Record<string, unknown>;
}

/**
 * A whole model in memory, for browsers (IndexedDB, downloads) and tests: the `model.json`
 * content and the weights data, as an `ArrayBuffer` or as a base64 string (so that the object
 * survives `JSON.stringify`).
 */
export interface SerializedModel {
  modelJson: ModelJSON;
  /** Every weights group's bytes, concatenated in manifest order. */
  weightData: ArrayBuffer | string;
}

/** What `Sequential.save` returns. */
export interface SaveResult {
  /** The absolute path of the `model.json` written. */
  modelJsonPath: string;
  /** The absolute path of the weights binary written. */
  weightsPath: string;
  /** The size of the weights binary in bytes. */
  weightBytes: number;
  /** Anything another reader may get differently, e.g. a float64 model stored as float32. */
  warnings: string[];
}
