/**
 * The layers: the {@link Layer} contract, {@link Dense}, the activation layers, and the
 * `layers` registry through which saved models rebuild layers by class name.
 */
import { Registry } from '../lib/registry';
import {
  activations, LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh, type LeakyReLUConfig,
} from './activations';
import { Dense, type DenseConfig } from './dense';
import type { Layer, LayerConfig } from './layer';
import { ELU, type ELUConfig } from './activations/elu';
import { GELU, type GELUConfig } from './activations/gelu';
import { HardSigmoid } from './activations/hard-sigmoid';
import { PReLU, type PReLUConfig } from './activations/prelu';
import { SELU } from './activations/selu';
import { Softplus } from './activations/softplus';
import { Softsign } from './activations/softsign';
import { Swish } from './activations/swish';
import { BatchNormalization, type BatchNormalizationConfig } from './batch-normalization';
import { Dropout, type DropoutConfig } from './dropout';
import { Flatten } from './flatten';
import { LayerNormalization, type LayerNormalizationConfig } from './layer-normalization';
import { Reshape, type ReshapeConfig } from './reshape';

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
export type { NonTrainableWeight } from './layer';
export { ELU } from './activations/elu';
export type { ELUConfig, ELUOptions } from './activations/elu';
export { erf, erfc } from './activations/erf';
export { GELU } from './activations/gelu';
export type { GELUConfig, GELUOptions } from './activations/gelu';
export { HardSigmoid } from './activations/hard-sigmoid';
export { InputDerivativeActivation } from './activations/input-derivative-activation';
export { PReLU } from './activations/prelu';
export type { PReLUConfig, PReLUOptions } from './activations/prelu';
export { SELU } from './activations/selu';
export { Softplus } from './activations/softplus';
export { Softsign } from './activations/softsign';
export { Swish } from './activations/swish';
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
layers.register(ELU.className, (config) => ELU.fromConfig((config ?? {}) as ELUConfig));
layers.register(SELU.className, (config) => SELU.fromConfig((config ?? {}) as LayerConfig));
layers.register(GELU.className, (config) => GELU.fromConfig((config ?? {}) as GELUConfig));
layers.register(Swish.className, (config) => Swish.fromConfig((config ?? {}) as LayerConfig));
layers.register(Softplus.className, (config) => Softplus.fromConfig((config ?? {}) as LayerConfig));
layers.register(Softsign.className, (config) => Softsign.fromConfig((config ?? {}) as LayerConfig));
layers.register(HardSigmoid.className, (config) => HardSigmoid.fromConfig((config ?? {}) as LayerConfig));
layers.register(PReLU.className, (config) => PReLU.fromConfig((config ?? {}) as PReLUConfig));
layers.register(Dropout.className, (config) => Dropout.fromConfig((config ?? {}) as DropoutConfig));
layers.register(BatchNormalization.className, (config) => BatchNormalization.fromConfig((config ?? {}) as BatchNormalizationConfig));
layers.register(LayerNormalization.className, (config) => LayerNormalization.fromConfig((config ?? {}) as LayerNormalizationConfig));
layers.register(Flatten.className, (config) => Flatten.fromConfig((config ?? {}) as LayerConfig));
layers.register(Reshape.className, (config) => Reshape.fromConfig((config ?? {}) as ReshapeConfig));

// The element-wise activations above are also activation names for Dense's `activation`
// option (`new Dense({ units: 8, activation: 'gelu' })`) and for saved models.
activations.register('elu', (config) => new ELU(config as ELUConfig));
activations.register('selu', (config) => new SELU(config as LayerConfig));
activations.register('gelu', (config) => new GELU(config as GELUConfig));
activations.register('swish', (config) => new Swish(config as LayerConfig), ['silu']);
activations.register('softplus', (config) => new Softplus(config as LayerConfig));
activations.register('softsign', (config) => new Softsign(config as LayerConfig));
activations.register('hardSigmoid', (config) => new HardSigmoid(config as LayerConfig), ['hard_sigmoid']);
