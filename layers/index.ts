/**
 * The layers: the {@link Layer} contract, {@link Dense}, the activation layers, and the
 * `layers` registry through which saved models rebuild layers by class name.
 */
import { Registry } from '../lib/registry';
import {
  LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh, type LeakyReLUConfig,
} from './activations';
import { Dense, type DenseConfig } from './dense';
import type { Layer, LayerConfig } from './layer';

export { Layer } from './layer';
export type { BackwardResult, LayerClass, LayerConfig, LayerOptions, Param } from './layer';
export { Dense } from './dense';
export type { DenseConfig, DenseOptions } from './dense';
export { matrixInputSpec } from './matrix-input';
export {
  activations, ElementwiseActivation, getActivation, LeakyReLU, Linear, ReLU, serializeActivation, Sigmoid, Softmax, Tanh,
} from './activations';
export type {
  ActivationIdentifier, GetActivationOptions, LeakyReLUConfig, LeakyReLUOptions, SerializedActivation,
} from './activations';

/**
 * Layer classes by `className`, so a saved `{ className, config }` rebuilds its layer:
 * `layers.create('Dense', { units: 3, … })`. Register your own layer with
 * `layers.register(MyLayer.className, (config) => new MyLayer(config))`.
 */
export const layers = new Registry<Layer>('layer');
layers.register(Dense.className, (config) => Dense.fromConfig((config ?? {}) as DenseConfig));
layers.register(ReLU.className, (config) => ReLU.fromConfig((config ?? {}) as LayerConfig));
layers.register(LeakyReLU.className, (config) => LeakyReLU.fromConfig((config ?? {}) as LeakyReLUConfig));
layers.register(Sigmoid.className, (config) => Sigmoid.fromConfig((config ?? {}) as LayerConfig));
layers.register(Tanh.className, (config) => Tanh.fromConfig((config ?? {}) as LayerConfig));
layers.register(Softmax.className, (config) => Softmax.fromConfig((config ?? {}) as LayerConfig));
layers.register(Linear.className, (config) => Linear.fromConfig((config ?? {}) as LayerConfig));
