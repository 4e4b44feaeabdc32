/**
 * Training callbacks: the {@link Callback} contract, {@link History}, and the Keras callbacks
 * (EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, LearningRateScheduler, TerminateOnNaN,
 * CSVLogger, LambdaCallback), plus the {@link GradientMonitor}, a window into the gradients.
 */
export type { Callback, CallbackModel, CallbackOptimizer, Logs, TrainingParams } from './callback';
export { CallbackList } from './callback-list';
export { History } from './history';
export { EarlyStopping, type EarlyStoppingOptions } from './early-stopping';
export { ModelCheckpoint, weightsFile, type ModelCheckpointOptions, type WeightsFile } from './model-checkpoint';
export { formatFilepath } from './format-filepath';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau';
export { LearningRateScheduler, type EpochSchedule } from './learning-rate-scheduler';
export { TerminateOnNaN, type TerminateOnNaNOptions, type MessageStream } from './terminate-on-nan';
export type { VerboseOptions } from './verbose-messages';
export { CSVLogger, type CSVLoggerOptions } from './csv-logger';
export { LambdaCallback, type LambdaCallbackOptions } from './lambda-callback';
export {
  GradientMonitor, type GradientMonitorOptions, type GradientRecord, type LayerGradientStats, type GradientQuantity,
} from './gradient-monitor';
export type { NonFiniteReport, TrainingPhase } from './non-finite-report';
export type { TrainStepObserver } from '../engine/train-step-observer';
export type { MonitorMode } from './monitored-value';
