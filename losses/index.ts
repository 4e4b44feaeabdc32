/**
 * The losses: their classes, the `losses` registry that resolves Keras and TensorFlow.js
 * names, and {@link getLoss}.
 */
import { ConfigError } from '../lib/errors';
import { Registry } from '../lib/registry';
import { BinaryCrossentropy } from './binary-crossentropy';
import { CategoricalCrossentropy } from './categorical-crossentropy';
import type { CrossentropyOptions } from './crossentropy-shared';
import { Loss } from './loss';
import { MeanSquaredError } from './mean-squared-error';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy';

export { Loss, type LossConfig } from './loss';
export { MeanSquaredError } from './mean-squared-error';
export { BinaryCrossentropy } from './binary-crossentropy';
export { CategoricalCrossentropy } from './categorical-crossentropy';
export { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy';
export { EPSILON, type CrossentropyOptions, type CrossentropyConfig } from './crossentropy-shared';

/** Each class name with the spellings Keras (`'mean_squared_error'`) and TensorFlow.js (`'meanSquaredError'`) users type. */
const aliases: Readonly<Record<string, readonly string[]>> = {
  MeanSquaredError: ['mse', 'meanSquaredError', 'mean_squared_error'],
  BinaryCrossentropy: ['binaryCrossentropy', 'binary_crossentropy'],
  CategoricalCrossentropy: ['categoricalCrossentropy', 'categorical_crossentropy'],
  SparseCategoricalCrossentropy: ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'],
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
losses.register('BinaryCrossentropy', (c) => new BinaryCrossentropy(c as CrossentropyOptions), aliases.BinaryCrossentropy);
losses.register('CategoricalCrossentropy', (c) => new CategoricalCrossentropy(c as CrossentropyOptions), aliases.CategoricalCrossentropy);
losses.register('SparseCategoricalCrossentropy', (c) => new SparseCategoricalCrossentropy(c as CrossentropyOptions), aliases.SparseCategoricalCrossentropy);

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
  if (nameOrInstance instanceof Loss) return nameOrInstance;
  if (typeof nameOrInstance === 'string') return losses.create(nameOrInstance);
  const valid = Object.entries(aliases).flatMap(([name, spellings]) => [name, ...spellings]).sort().map((n) => `'${n}'`).join(', ');
  throw new ConfigError(`getLoss: expected a loss name or a Loss instance, got ${describe(nameOrInstance)}. Valid loss names: ${valid}`);
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return value.constructor?.name ?? 'an object';
}
