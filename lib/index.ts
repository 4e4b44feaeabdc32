/**
 * layerwise: Keras-style neural networks in TypeScript with explicit, layer-by-layer
 * backpropagation. Everything a user needs is exported from here.
 *
 * @packageDocumentation
 */
export * from './errors';
export {
  tensor, zeros, clone, reshape, toArray, isTensor, isContiguous, toContiguous, formatShape, tensorAllocations,
  type Tensor, type TensorLike, type DType, type Shape, type NestedArray, type TypedArray,
} from './tensor';
export { formatTensor, printTensor, type FormatTensorOptions } from './tensor-format';
export { argMax } from './arg-max';
export { Random, setSeed, getGlobalRandom, type RandomState } from './random';
export { Registry, type NameOr } from './registry';
export {
  setKernelBackend, getKernelBackend, setKernelThreads, getKernelThreads, initWasm, isWasmReady, type KernelBackend, type KernelThreads,
} from './kernels';
export * from './initializers';
export * from './regularizers';
export { Sequential, type SequentialOptions } from './sequential';
export { Model, type ModelOptions } from './model';
export type { CompileOptions, LossIdentifier, MetricIdentifier } from './engine/compile-setup';
export type { ModelData } from './engine/model-data';
export type { EngineModel, SavableModel } from './engine/engine-model';
export type { Graph, GraphStep } from './engine/graph';
export type { StepLosses, StepResult, StepOptions } from './engine/train-step';
export type { GradientTrace, LayerTrace } from './gradient-trace';
export type { FitOptions, EvaluateOptions, EvaluateLogs } from './training';
export type { PredictOptions } from './predict';
export type { ClassWeight } from './sample-weights';
export {
  History, EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, LearningRateScheduler, TerminateOnNaN, CSVLogger, LambdaCallback,
  GradientMonitor, formatFilepath, weightsFile,
  type Callback, type Logs, type TrainingParams, type CallbackModel, type CallbackOptimizer, type MonitorMode,
  type EarlyStoppingOptions, type ModelCheckpointOptions, type WeightsFile, type ReduceLROnPlateauOptions, type EpochSchedule,
  type TerminateOnNaNOptions, type MessageStream, type CSVLoggerOptions, type LambdaCallbackOptions,
  type GradientMonitorOptions, type GradientRecord, type LayerGradientStats, type GradientQuantity,
  type NonFiniteReport, type TrainingPhase, type TrainStepObserver,
} from './callbacks';
export { ProgressLogger, formatLogs, type ProgressStream, type ProgressLoggerOptions } from './progress';
export * from './plots';
export { gradCheck, type GradCheckOptions, type GradCheckReport, type GradCheckResult, type GradCheckableModel } from './grad-check';
export type { DataLike, ShapedArray } from './inputs';
export * from './metrics';
export * from './data';
export * from '../layers';
export * from '../losses';
export * from '../optimizers';
export * from './serialization';
