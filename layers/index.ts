/**
 * The layers: the {@link Layer} contract, {@link Dense}, the activation, normalization,
 * dropout and shape layers, and the `layers` registry through which saved models rebuild
 * layers by class name.
 */
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
import { Masking } from './masking';
import { Permute } from './permute';
import { RepeatVector } from './repeat-vector';
import { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract } from './merge';
import { Conv1D } from './conv1d';
import { Conv2D } from './conv2d';
import { MaxPooling1D } from './max-pooling-1d';
import { MaxPooling2D } from './max-pooling-2d';
import { AveragePooling1D } from './average-pooling-1d';
import { AveragePooling2D } from './average-pooling-2d';
import { GlobalAveragePooling1D } from './global-average-pooling-1d';
import { GlobalAveragePooling2D } from './global-average-pooling-2d';
import { GlobalMaxPooling1D } from './global-max-pooling-1d';
import { GlobalMaxPooling2D } from './global-max-pooling-2d';
import { ZeroPadding2D } from './zero-padding-2d';
import { Cropping2D } from './cropping-2d';
import { UpSampling2D } from './up-sampling-2d';
import { SpatialDropout2D } from './spatial-dropout-2d';
import { DepthwiseConv2D } from './depthwise-conv-2d';
import { SeparableConv2D } from './separable-conv-2d';
import { Conv2DTranspose } from './conv-2d-transpose';
import { Bidirectional, GRU, LSTM, SimpleRNN } from './recurrent';
import { Embedding } from './embedding';
import { TimeDistributed } from './time-distributed';
import { layers } from './layer-registry';

export { Layer } from './layer';
export type { BackwardResult, MultiBackwardResult, LayerClass, LayerConfig, LayerOptions, NonTrainableWeight, Param, WeightShape, AddWeightOptions } from './layer';
export { InputLayer, input, type InputOptions } from './input-layer';
export { SymbolicTensor, isSymbolicTensor, type LayerNode, type NodeLayer } from './symbolic-tensor';
export type { Mask } from './mask';
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
export { Masking } from './masking';
export type { MaskingConfig, MaskingOptions } from './masking';
export { RepeatVector } from './repeat-vector';
export type { RepeatVectorConfig, RepeatVectorOptions } from './repeat-vector';
export { Permute } from './permute';
export type { PermuteConfig, PermuteOptions } from './permute';
export { Cropping1D } from './cropping-1d';
export type { Cropping1DConfig, Cropping1DOptions } from './cropping-1d';
export { MergeLayer, ElementwiseMerge, Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot } from './merge';
export type { ConcatenateConfig, ConcatenateOptions, DotConfig, DotOptions } from './merge';
export { BaseConv } from './base-conv';
export type { ConvConfig, ConvOptions } from './base-conv';
export type { DataFormat, IntOrTuple, ResolvedWindow } from './conv-options';
export { Conv1D } from './conv1d';
export { Conv2D } from './conv2d';
export { BasePooling } from './base-pooling';
export type { PoolingConfig, PoolingOptions } from './base-pooling';
export { MaxPooling1D } from './max-pooling-1d';
export { MaxPooling2D } from './max-pooling-2d';
export { AveragePooling1D } from './average-pooling-1d';
export { AveragePooling2D } from './average-pooling-2d';
export { BaseGlobalPooling } from './base-global-pooling';
export type { GlobalPoolingConfig, GlobalPoolingOptions } from './base-global-pooling';
export { GlobalAveragePooling1D } from './global-average-pooling-1d';
export { GlobalAveragePooling2D } from './global-average-pooling-2d';
export { GlobalMaxPooling1D } from './global-max-pooling-1d';
export { GlobalMaxPooling2D } from './global-max-pooling-2d';
export type { Margins, MarginsOption } from './image-margins';
export { ZeroPadding2D } from './zero-padding-2d';
export type { ZeroPadding2DConfig, ZeroPadding2DOptions } from './zero-padding-2d';
export { Cropping2D } from './cropping-2d';
export type { Cropping2DConfig, Cropping2DOptions } from './cropping-2d';
export { UpSampling2D } from './up-sampling-2d';
export type { UpSampling2DConfig, UpSampling2DOptions } from './up-sampling-2d';
export { SpatialDropout2D } from './spatial-dropout-2d';
export { DepthwiseConv2D } from './depthwise-conv-2d';
export type { DepthwiseConv2DConfig, DepthwiseConv2DOptions } from './depthwise-conv-2d';
export { SeparableConv2D } from './separable-conv-2d';
export type { SeparableConv2DConfig, SeparableConv2DOptions } from './separable-conv-2d';
export { Conv2DTranspose } from './conv-2d-transpose';
export { BaseRNN, SimpleRNN, LSTM, GRU, Bidirectional } from './recurrent';
export type { RNNConfig, RNNOptions, LSTMConfig, LSTMOptions, GRUConfig, GRUOptions, BidirectionalConfig, BidirectionalOptions, MergeMode, StepActivationKerasName, StepActivationName } from './recurrent';
export { Embedding } from './embedding';
export type { EmbeddingConfig, EmbeddingOptions } from './embedding';
export { TimeDistributed } from './time-distributed';
export type { SerializedLayer, TimeDistributedConfig, TimeDistributedOptions } from './time-distributed';
export { layers } from './layer-registry';

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
  Conv1D, Conv2D, MaxPooling1D, MaxPooling2D, AveragePooling1D, AveragePooling2D,
  GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
  ZeroPadding2D, Cropping2D, UpSampling2D, SpatialDropout2D, DepthwiseConv2D, SeparableConv2D, Conv2DTranspose,
  Masking, SimpleRNN, LSTM, GRU, Bidirectional, Embedding, TimeDistributed,
];

// The registry lives in layer-registry.ts (TimeDistributed rebuilds its inner layer through it); the built-ins register here.
for (const Cls of BUILT_IN_LAYERS) layers.register(Cls.className, (config) => Cls.fromConfig((config ?? {}) as never));
