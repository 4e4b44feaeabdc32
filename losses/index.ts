/**
 * The losses: their classes, the `losses` registry that resolves Keras and TensorFlow.js
 * names, and {@link getLoss}.
 */
import { formatString, isInstance, kindOf } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import { Registry } from '../lib/registry';
import { BinaryCrossentropy } from './binary-crossentropy';
import { CategoricalCrossentropy } from './categorical-crossentropy';
import { CategoricalHinge } from './categorical-hinge';
import { CosineSimilarity, type CosineSimilarityOptions } from './cosine-similarity';
import type { CrossentropyOptions, SmoothedCrossentropyOptions } from './crossentropy-shared';
import { Hinge } from './hinge';
import { Huber, type HuberOptions } from './huber';
import { KLDivergence } from './kl-divergence';
import { LogCosh } from './log-cosh';
import { Loss } from './loss';
import { MeanAbsoluteError } from './mean-absolute-error';
import { MeanSquaredError } from './mean-squared-error';
import { Poisson } from './poisson';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy';
import { SquaredHinge } from './squared-hinge';

export { Loss, type LossConfig } from './loss';
export { ElementwiseLoss } from './elementwise-loss';
export { MeanSquaredError } from './mean-squared-error';
export { BinaryCrossentropy } from './binary-crossentropy';
export { CategoricalCrossentropy } from './categorical-crossentropy';
export { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy';
export { MeanAbsoluteError } from './mean-absolute-error';
export { Huber, type HuberOptions, type HuberConfig } from './huber';
export { LogCosh } from './log-cosh';
export { KLDivergence } from './kl-divergence';
export { Hinge } from './hinge';
export { SquaredHinge } from './squared-hinge';
export { CategoricalHinge } from './categorical-hinge';
export { Poisson } from './poisson';
export { CosineSimilarity, type CosineSimilarityOptions, type CosineSimilarityConfig } from './cosine-similarity';
export {
  EPSILON, type CrossentropyOptions, type CrossentropyConfig,
  type SmoothedCrossentropyOptions, type SmoothedCrossentropyConfig,
} from './crossentropy-shared';

/** Each class name with the spellings Keras (`'mean_squared_error'`) and TensorFlow.js (`'meanSquaredError'`) users type. */
const aliases: Readonly<Record<string, readonly string[]>> = {
  MeanSquaredError: ['mse', 'meanSquaredError', 'mean_squared_error'],
  BinaryCrossentropy: ['binaryCrossentropy', 'binary_crossentropy'],
  CategoricalCrossentropy: ['categoricalCrossentropy', 'categorical_crossentropy'],
  SparseCategoricalCrossentropy: ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'],
  MeanAbsoluteError: ['mae', 'meanAbsoluteError', 'mean_absolute_error'],
  Huber: ['huber', 'huber_loss'],
  LogCosh: ['logcosh', 'logCosh', 'log_cosh'],
  KLDivergence: ['kld', 'klDivergence', 'kl_divergence', 'kullbackLeiblerDivergence', 'kullback_leibler_divergence'],
  Hinge: ['hinge'],
  SquaredHinge: ['squaredHinge', 'squared_hinge'],
  CategoricalHinge: ['categoricalHinge', 'categorical_hinge'],
  Poisson: ['poisson'],
  CosineSimilarity: ['cosineSimilarity', 'cosine_similarity', 'cosineProximity'],
};

/**
 * The loss registry: class names and aliases (`'mse'`, `'categorical_crossentropy'`, …) to new
 * instances, built from an optional config such as `{ fromLogits: true }`. Lookups ignore
 * case and underscores.
 *
 * @example
 * ```ts
 * const loss = losses.create('categorical_crossentropy', { fromLogits: true });
 * ```
 */
export const losses = new Registry<Loss>('loss');
losses.register('MeanSquaredError', () => new MeanSquaredError(), aliases.MeanSquaredError);
losses.register('BinaryCrossentropy', (c) => new BinaryCrossentropy(c as SmoothedCrossentropyOptions), aliases.BinaryCrossentropy);
losses.register('CategoricalCrossentropy', (c) => new CategoricalCrossentropy(c as SmoothedCrossentropyOptions), aliases.CategoricalCrossentropy);
losses.register('SparseCategoricalCrossentropy', (c) => new SparseCategoricalCrossentropy(c as CrossentropyOptions), aliases.SparseCategoricalCrossentropy);
losses.register('MeanAbsoluteError', () => new MeanAbsoluteError(), aliases.MeanAbsoluteError);
losses.register('Huber', (c) => new Huber(c as HuberOptions), aliases.Huber);
losses.register('LogCosh', () => new LogCosh(), aliases.LogCosh);
losses.register('KLDivergence', () => new KLDivergence(), aliases.KLDivergence);
losses.register('Hinge', () => new Hinge(), aliases.Hinge);
losses.register('SquaredHinge', () => new SquaredHinge(), aliases.SquaredHinge);
losses.register('CategoricalHinge', () => new CategoricalHinge(), aliases.CategoricalHinge);
losses.register('Poisson', () => new Poisson(), aliases.Poisson);
losses.register('CosineSimilarity', (c) => new CosineSimilarity(c as CosineSimilarityOptions), aliases.CosineSimilarity);

/**
 * The loss for `compile({ loss })`: a {@link Loss} instance is returned as is; a name or alias
 * gets a new instance with default options.
 *
 * @throws ConfigError listing the valid names for an unknown name or anything that is neither
 * a string nor a Loss.
 * @example
 * ```ts
 * getLoss('mse');                                        // a MeanSquaredError
 * getLoss(new CategoricalCrossentropy({ fromLogits: true })); // that instance
 * ```
 */
export function getLoss(nameOrInstance: string | Loss): Loss {
  if (isInstance(nameOrInstance, Loss)) return nameOrInstance;
  if (typeof nameOrInstance === 'string') return losses.create(nameOrInstance);
  const valid = Object.entries(aliases).flatMap(([name, spellings]) => [name, ...spellings]).sort().map((n) => `'${n}'`).join(', ');
  throw new ConfigError(`getLoss: expected a loss name or a Loss instance, got ${describe(nameOrInstance)}. Valid loss names: ${valid}`);
}

/** A rejected `getLoss` argument: its `String` form, or an object's constructor name; never throws. */
function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return formatString(value);
  try {
    const name: unknown = value.constructor?.name;
    return typeof name === 'string' ? name : 'an object';
  } catch {
    return kindOf(value);
  }
}
