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
import type { Layer } from './layer';
import { BatchNormalization } from './batch-normalization';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { LayerNormalization } from './layer-normalization';
import { Reshape } from './reshape';

export { Layer } from './layer';
export type { BackwardResult, LayerClass, LayerConfig, LayerOptions, NonTrainableWeight, Param } from './layer';
export { Dense } from './dense';
export type { DenseConfig, DenseOptions } from './dense';
export { matrixInputSpec } from './matrix-input';
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

/** A layer class that rebuilds from its saved config. */
interface ConfigurableLayerClass {
  readonly className: string;
  fromConfig(config: never): Layer;
}

const BUILT_IN_LAYERS: readonly ConfigurableLayerClass[] = [
  Dense, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, Linear, ELU, SELU, GELU, Swish, Softplus, Softsign, HardSigmoid, PReLU,
  Dropout, BatchNormalization, LayerNormalization, Flatten, Reshape,
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
