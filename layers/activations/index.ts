/**
 * The activation layers and their registry: the Keras names (`'relu'`, `'leaky_relu'`,
 * `'sigmoid'`, …) that Dense's `activation` option and saved models use resolve here.
 */
import { formatJson, isInstance, isReadableObject } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import { Registry, type NameOr } from '../../lib/registry';
import { Layer, type LayerConfig } from '../layer';
import { LeakyReLU } from './leaky-relu';
import { Linear } from './linear';
import { ReLU } from './relu';
import { Sigmoid } from './sigmoid';
import { Softmax } from './softmax';
import { Tanh } from './tanh';
import { ELU } from './elu';
import { GELU } from './gelu';
import { HardSigmoid } from './hard-sigmoid';
import { SELU } from './selu';
import { Softplus } from './softplus';
import { Softsign } from './softsign';
import { Swish } from './swish';
import { ReLU6 } from './relu6';
import { Mish } from './mish';
import { CELU } from './celu';
import { LogSoftmax } from './log-softmax';
import { LogSigmoid } from './log-sigmoid';
import { HardSilu } from './hard-silu';
import { HardTanh } from './hard-tanh';
import { GLU } from './glu';
import { SparsePlus } from './sparse-plus';
import { Squareplus } from './squareplus';
import { SoftShrink } from './soft-shrink';
import { HardShrink } from './hard-shrink';
import { TanhShrink } from './tanh-shrink';
import { Threshold } from './threshold';
import { Sparsemax } from './sparsemax';
import { Exponential } from './exponential';
import { SparseSigmoid } from './sparse-sigmoid';

export { ElementwiseActivation } from './elementwise-activation';
export { LeakyReLU } from './leaky-relu';
export type { LeakyReLUConfig, LeakyReLUOptions } from './leaky-relu';
export { Linear } from './linear';
export { ReLU } from './relu';
export { Sigmoid } from './sigmoid';
export { Softmax } from './softmax';
export { Tanh } from './tanh';
export { ELU } from './elu';
export type { ELUConfig, ELUOptions } from './elu';
export { GELU } from './gelu';
export type { GELUConfig, GELUOptions } from './gelu';
export { HardSigmoid } from './hard-sigmoid';
export { SELU } from './selu';
export { Softplus } from './softplus';
export { Softsign } from './softsign';
export { Swish } from './swish';
export { PReLU } from './prelu';
export type { PReLUConfig, PReLUOptions } from './prelu';
export { InputDerivativeActivation } from './input-derivative-activation';
export { erf, erfc } from './erf';
export { ReLU6 } from './relu6';
export { Mish } from './mish';
export { CELU } from './celu';
export type { CELUConfig, CELUOptions } from './celu';
export { LogSoftmax } from './log-softmax';
export { LogSigmoid } from './log-sigmoid';
export { HardSilu } from './hard-silu';
export { HardTanh } from './hard-tanh';
export { GLU } from './glu';
export { SparsePlus } from './sparse-plus';
export { Squareplus } from './squareplus';
export type { SquareplusConfig, SquareplusOptions } from './squareplus';
export { SoftShrink } from './soft-shrink';
export type { ShrinkConfig, ShrinkOptions } from './soft-shrink';
export { HardShrink } from './hard-shrink';
export { TanhShrink } from './tanh-shrink';
export { Threshold } from './threshold';
export type { ThresholdConfig, ThresholdOptions } from './threshold';
export { Sparsemax } from './sparsemax';
export { Exponential } from './exponential';
export { SparseSigmoid } from './sparse-sigmoid';
export type { ReLUConfig, ReLUOptions } from './relu';
export { LastAxisActivation } from './last-axis-activation';

/** An activation layer in its saved form: the class name and its layer config. */
export interface SerializedActivation {
  className: string;
  config?: Partial<LayerConfig> & Record<string, unknown>;
}

type ActivationClass = (new (options?: never) => Layer) & { readonly className: string };

/** Each class with its Keras name and the other spellings worth listing. */
const BUILT_IN_TABLE = [
  ['relu', ReLU, []],
  ['leakyRelu', LeakyReLU, ['leaky_relu']],
  ['sigmoid', Sigmoid, []],
  ['tanh', Tanh, []],
  ['softmax', Softmax, []],
  ['linear', Linear, []],
  ['elu', ELU, []],
  ['selu', SELU, []],
  ['gelu', GELU, []],
  ['swish', Swish, ['silu']],
  ['softplus', Softplus, []],
  ['softsign', Softsign, []],
  ['hardSigmoid', HardSigmoid, ['hard_sigmoid']],
  ['relu6', ReLU6, []],
  ['mish', Mish, []],
  ['celu', CELU, []],
  ['logSoftmax', LogSoftmax, ['log_softmax']],
  ['logSigmoid', LogSigmoid, ['log_sigmoid']],
  ['hardSilu', HardSilu, ['hard_silu', 'hardSwish', 'hard_swish']],
  ['hardTanh', HardTanh, ['hard_tanh']],
  ['glu', GLU, []],
  ['sparsePlus', SparsePlus, ['sparse_plus']],
  ['squareplus', Squareplus, []],
  ['softShrink', SoftShrink, ['soft_shrink']],
  ['hardShrink', HardShrink, ['hard_shrink']],
  ['tanhShrink', TanhShrink, ['tanh_shrink']],
  ['threshold', Threshold, []],
  ['sparsemax', Sparsemax, []],
  ['exponential', Exponential, []],
  ['sparseSigmoid', SparseSigmoid, ['sparse_sigmoid']],
] as const satisfies readonly (readonly [string, ActivationClass, readonly string[]])[];
const BUILT_IN: readonly (readonly [string, ActivationClass, readonly string[]])[] = BUILT_IN_TABLE;

/**
 * The built-in activation names and aliases, camelCase and Keras's snake_case (`'leakyRelu'`,
 * `'leaky_relu'`, …), as the registry lists them; derived from the registration table, so they
 * cannot drift.
 */
export type ActivationName = (typeof BUILT_IN_TABLE)[number][0] | (typeof BUILT_IN_TABLE)[number][2][number];

/** Every {@link ActivationName}, in registration order. */
export const ACTIVATION_NAMES: readonly ActivationName[] = BUILT_IN_TABLE.flatMap(([name, , aliases]) => [name, ...aliases]);

/**
 * What Dense's `activation` option accepts: a name (a built-in {@link ActivationName}, which
 * editors complete, or any name registered in {@link activations}), an activation layer, or the
 * saved form.
 */
export type ActivationIdentifier = NameOr<ActivationName> | Layer | SerializedActivation;

/**
 * The activation registry. Lookups ignore case and underscores, so `'leakyRelu'`,
 * `'leaky_relu'` and the class name `'LeakyReLU'` agree. A custom activation layer registered
 * here under its class name can be given to Dense.
 */
export const activations = new Registry<Layer>('activation');
for (const [name, Cls, aliases] of BUILT_IN) {
  activations.register(name, (config) => new Cls(config as never), aliases);
}

/** Options of {@link getActivation}. */
export interface GetActivationOptions {
  /** Who asks, to prefix error messages (e.g. `'Dense'`). @defaultValue 'getActivation' */
  owner?: string;
  /** The layer name to give an activation built from a name. @defaultValue the class's default name */
  name?: string;
}

/**
 * Resolves an activation: a registered name builds a default layer (named `options.name`), a
 * registered activation layer is returned as is, and `{ className, config }` builds that class
 * from that config.
 *
 * @throws ConfigError listing the valid activation names when the name is unknown or the
 * layer is not a registered activation.
 * @example
 * ```ts
 * getActivation('leaky_relu'); // new LeakyReLU()
 * ```
 */
export function getActivation(identifier: ActivationIdentifier, options: GetActivationOptions = {}): Layer {
  const owner = options.owner ?? 'getActivation';
  const valid = (): string => activations.names().map((n) => `'${n}'`).join(', ');
  if (isInstance(identifier, Layer)) {
    if (!activations.has(identifier.className)) {
      throw new ConfigError(`${owner}: ${identifier.describe()} is not an activation. Valid activation names: ${valid()}`);
    }
    return identifier;
  }
  const isSerialized = isReadableObject(identifier) && typeof identifier.className === 'string';
  if (typeof identifier !== 'string' && !isSerialized) {
    throw new ConfigError(`${owner}: an activation must be a name, an activation layer or { className, config }, got ${formatJson(identifier)}. Valid activation names: ${valid()}`);
  }
  const [name, config] = typeof identifier === 'string'
    ? [identifier, options.name === undefined ? undefined : { name: options.name }]
    : [identifier.className, identifier.config];
  try {
    return activations.create(name, config);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${owner}: ${error.message}`);
    throw error;
  }
}

/**
 * The saved form of an activation for Dense's `getConfig()`: its Keras name (`'relu'`) when it
 * is a built-in with default options, otherwise `{ className, config }`.
 */
export function serializeActivation(layer: Layer): string | SerializedActivation {
  const builtIn = BUILT_IN.find(([, Cls]) => Cls.className === layer.className);
  if (builtIn && ownOptions(layer) === ownOptions(new builtIn[1]({ name: 'default' } as never))) return builtIn[0];
  return { className: layer.className, config: { ...layer.getConfig() } };
}

/** A layer's config without its name and trainable flag, as JSON, to compare options. */
function ownOptions(layer: Layer): string {
  const config: Record<string, unknown> = { ...layer.getConfig() };
  delete config.name;
  delete config.trainable;
  return JSON.stringify(config);
}
