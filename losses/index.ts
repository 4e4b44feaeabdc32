/**
 * The losses: their classes, the `losses` registry that resolves Keras and TensorFlow.js
 * names, and {@link getLoss}.
 */
import { formatString, isInstance, kindOf } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import { Registry, type NameOr } from '../lib/registry';
import { BinaryCrossentropy } from './binary-crossentropy';
import { CategoricalCrossentropy } from './categorical-crossentropy';
import { CategoricalHinge } from './categorical-hinge';
import { CosineSimilarity, type CosineSimilarityOptions } from './cosine-similarity';
import type { CrossentropyOptions, SmoothedCrossentropyOptions } from './crossentropy-shared';
export { MeanAbsolutePercentageError } from './mean-absolute-percentage-error';
export { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error';
export {
  BinaryFocalCrossentropy, type BinaryFocalCrossentropyOptions, type BinaryFocalCrossentropyConfig,
} from './binary-focal-crossentropy';
export {
  CategoricalFocalCrossentropy, type CategoricalFocalCrossentropyOptions, type CategoricalFocalCrossentropyConfig,
} from './categorical-focal-crossentropy';
export type { FocalOptions, FocalConfig } from './focal-options';
export { OverlapLoss, type OverlapOptions, type OverlapConfig, type OverlapSums } from './overlap-loss';
export { Dice } from './dice';
export { Tversky, type TverskyOptions, type TverskyConfig } from './tversky';
export {
  CategoricalGeneralizedCrossEntropy, type CategoricalGeneralizedCrossEntropyOptions,
  type CategoricalGeneralizedCrossEntropyConfig,
} from './categorical-generalized-cross-entropy';
export { Circle, type CircleOptions, type CircleConfig } from './circle';
import { Circle, type CircleOptions } from './circle';
export { CTC } from './ctc';
import { CTC } from './ctc';
import { Hinge } from './hinge';
import { Huber, type HuberOptions } from './huber';
import { KLDivergence } from './kl-divergence';
import { LogCosh } from './log-cosh';
import { Loss, type LossOptions } from './loss';
import { MeanAbsoluteError } from './mean-absolute-error';
import { MeanSquaredError } from './mean-squared-error';
import { Poisson } from './poisson';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy';
import { SquaredHinge } from './squared-hinge';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error';
import { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error';
import { BinaryFocalCrossentropy, type BinaryFocalCrossentropyOptions } from './binary-focal-crossentropy';
import { CategoricalFocalCrossentropy, type CategoricalFocalCrossentropyOptions } from './categorical-focal-crossentropy';
import { Dice } from './dice';
import type { OverlapOptions } from './overlap-loss';
import { Tversky, type TverskyOptions } from './tversky';
import {
  CategoricalGeneralizedCrossEntropy, type CategoricalGeneralizedCrossEntropyOptions,
} from './categorical-generalized-cross-entropy';

export { Loss, type LossConfig, type LossOptions, type LossReduction } from './loss';
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
const aliases = {
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
  MeanAbsolutePercentageError: ['mape', 'meanAbsolutePercentageError', 'mean_absolute_percentage_error'],
  MeanSquaredLogarithmicError: ['msle', 'meanSquaredLogarithmicError', 'mean_squared_logarithmic_error'],
  BinaryFocalCrossentropy: ['binaryFocalCrossentropy', 'binary_focal_crossentropy'],
  CategoricalFocalCrossentropy: ['categoricalFocalCrossentropy', 'categorical_focal_crossentropy'],
  Dice: ['dice'],
  Tversky: ['tversky'],
  CategoricalGeneralizedCrossEntropy: ['categoricalGeneralizedCrossEntropy', 'categorical_generalized_cross_entropy'],
  Circle: ['circle'],
  CTC: ['ctc'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/**
 * The built-in loss names: each class name and its aliases, Keras's snake_case included
 * (`'MeanSquaredError'`, `'mse'`, `'mean_squared_error'`, …); derived from the alias table the
 * registrations below read, so they cannot drift.
 */
export type LossName = keyof typeof aliases | (typeof aliases)[keyof typeof aliases][number];

/** Every {@link LossName}, each class name followed by its aliases. */
export const LOSS_NAMES: readonly LossName[] = (Object.entries(aliases) as [keyof typeof aliases, readonly LossName[]][])
  .flatMap(([name, spellings]) => [name, ...spellings]);

/**
 * A loss as `compile` takes it: an instance, or a name (a built-in {@link LossName}, which
 * editors complete, or any name registered in {@link losses}).
 */
export type LossIdentifier = Loss | NameOr<LossName>;

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
losses.register('MeanSquaredError', (c) => new MeanSquaredError(c as LossOptions), aliases.MeanSquaredError);
losses.register('BinaryCrossentropy', (c) => new BinaryCrossentropy(c as SmoothedCrossentropyOptions), aliases.BinaryCrossentropy);
losses.register('CategoricalCrossentropy', (c) => new CategoricalCrossentropy(c as SmoothedCrossentropyOptions), aliases.CategoricalCrossentropy);
losses.register('SparseCategoricalCrossentropy', (c) => new SparseCategoricalCrossentropy(c as CrossentropyOptions), aliases.SparseCategoricalCrossentropy);
losses.register('MeanAbsoluteError', (c) => new MeanAbsoluteError(c as LossOptions), aliases.MeanAbsoluteError);
losses.register('Huber', (c) => new Huber(c as HuberOptions), aliases.Huber);
losses.register('LogCosh', (c) => new LogCosh(c as LossOptions), aliases.LogCosh);
losses.register('KLDivergence', (c) => new KLDivergence(c as LossOptions), aliases.KLDivergence);
losses.register('Hinge', (c) => new Hinge(c as LossOptions), aliases.Hinge);
losses.register('SquaredHinge', (c) => new SquaredHinge(c as LossOptions), aliases.SquaredHinge);
losses.register('CategoricalHinge', (c) => new CategoricalHinge(c as LossOptions), aliases.CategoricalHinge);
losses.register('Poisson', (c) => new Poisson(c as LossOptions), aliases.Poisson);
losses.register('CosineSimilarity', (c) => new CosineSimilarity(c as CosineSimilarityOptions), aliases.CosineSimilarity);
losses.register('MeanAbsolutePercentageError', (c) => new MeanAbsolutePercentageError(c as LossOptions), aliases.MeanAbsolutePercentageError);
losses.register('MeanSquaredLogarithmicError', (c) => new MeanSquaredLogarithmicError(c as LossOptions), aliases.MeanSquaredLogarithmicError);
losses.register('BinaryFocalCrossentropy', (c) => new BinaryFocalCrossentropy(c as BinaryFocalCrossentropyOptions), aliases.BinaryFocalCrossentropy);
losses.register('CategoricalFocalCrossentropy', (c) => new CategoricalFocalCrossentropy(c as CategoricalFocalCrossentropyOptions), aliases.CategoricalFocalCrossentropy);
losses.register('Dice', (c) => new Dice(c as OverlapOptions), aliases.Dice);
losses.register('Tversky', (c) => new Tversky(c as TverskyOptions), aliases.Tversky);
losses.register(
  'CategoricalGeneralizedCrossEntropy', (c) => new CategoricalGeneralizedCrossEntropy(c as CategoricalGeneralizedCrossEntropyOptions),
  aliases.CategoricalGeneralizedCrossEntropy,
);
losses.register('Circle', (c) => new Circle(c as CircleOptions), aliases.Circle);
losses.register('CTC', (c) => new CTC(c as LossOptions), aliases.CTC);

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
export function getLoss(nameOrInstance: LossIdentifier): Loss {
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
