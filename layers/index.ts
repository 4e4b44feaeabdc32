/**
 * The layers: the {@link Layer} contract, {@link Dense}, the activation, normalization,
 * dropout and shape layers, and the `layers` registry through which saved models rebuild
 * layers by class name.
 */
import { Registry } from '../lib/registry';
import {
  ELU, GELU, HardSigmoid, LeakyReLU, Linear, PReLU, ReLU, SELU, Sigmoid, Softmax, Softplus, Softsign, Swish, Tanh,
  CELU, Exponential, GLU, HardShrink, HardSilu, HardTanh, LogSigmoid, LogSoftmax, Mish, ReLU6, SoftShrink, Sparsemax,
  SparsePlus, SparseSigmoid, Squareplus, TanhShrink, Threshold,
} from './activations';
import { Dense } from './dense';
import { InputLayer } from './input-layer';
import type { Layer } from './layer';
import { BatchNormalization } from './batch-normalization';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { LayerNormalization } from './layer-normalization';
import { Reshape } from './reshape';
import { Activation } from './activation';
import { Cropping1D } from './cropping-1d';
import { Identity } from './identity';
import { Permute } from './permute';
import { RepeatVector } from './repeat-vector';
import { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract } from './merge';

export { Layer } from './layer';
export type { BackwardResult, MultiBackwardResult, LayerClass, LayerConfig, LayerOptions, NonTrainableWeight, Param, WeightShape, AddWeightOptions } from './layer';
export { InputLayer, input, type InputOptions } from './input-layer';
export { SymbolicTensor, isSymbolicTensor, type LayerNode, type NodeLayer } from './symbolic-tensor';
export { Dense } from './dense';
export type { DenseConfig, DenseOptions } from './dense';
export { asRows, lastAxisInputSpec } from './last-axis-input';
export * from './activations';
export { BatchNormalization } from './batch-normalization';
export type { BatchNormalizationConfig, BatchNormalizationOptions } from './batch-normalization';
export { Dropout } from './dropout';
export type { DropoutConfig, DropoutOptions } from './dropout';
export { Flatten } from './flatten';
export { LayerNormalization } from './layer-normalization';
export type { LayerNormalizationConfig, LayerNormalizationOptions } from './layer-normalization';
export type { NormalizationConfig, NormalizationOptions } from './normalization-options';
export { Reshape } from './reshape';
export type { ReshapeConfig, ReshapeOptions } from './reshape';
export { Activation } from './activation';
export type { ActivationConfig, ActivationOptions } from './activation';
export { Identity } from './identity';
export { RepeatVector } from './repeat-vector';
export type { RepeatVectorConfig, RepeatVectorOptions } from './repeat-vector';
export { Permute } from './permute';
export type { PermuteConfig, PermuteOptions } from './permute';
export { Cropping1D } from './cropping-1d';
export type { Cropping1DConfig, Cropping1DOptions } from './cropping-1d';
export { MergeLayer, ElementwiseMerge, Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot } from './merge';
export type { ConcatenateConfig, ConcatenateOptions, DotConfig, DotOptions } from './merge';

/** A layer class that rebuilds from its saved config. */
interface ConfigurableLayerClass {
  readonly className: string;
  fromConfig(config: never): Layer;
}

const BUILT_IN_LAYERS: readonly ConfigurableLayerClass[] = [
  Dense, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, Linear, ELU, SELU, GELU, Swish, Softplus, Softsign, HardSigmoid, PReLU,
  Dropout, BatchNormalization, LayerNormalization, Flatten, Reshape, InputLayer,
  Activation, Identity, RepeatVector, Permute, Cropping1D, Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot,
  ReLU6, Mish, CELU, LogSoftmax, LogSigmoid, HardSilu, HardTanh, GLU, SparsePlus, Squareplus, SoftShrink, HardShrink,
  TanhShrink, Threshold, Sparsemax, Exponential, SparseSigmoid,
];

/**
 * Layer classes by `className`, so a saved `{ className, config }` rebuilds its layer:
 * `layers.create('Dense', { units: 3, … })`. Register your own layer with
 * `layers.register(MyLayer.className, (config) => new MyLayer(config))`.
 */
export const layers = new Registry<Layer>('layer');
for (const Cls of BUILT_IN_LAYERS) layers.register(Cls.className, (config) => Cls.fromConfig((config ?? {}) as never));
