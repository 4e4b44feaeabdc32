/**
 * Regularizers and their registry: `l1`, `l2`, `l1l2` as functions, as classes, and as the
 * Keras strings (`'l1'`, `'l2'`, `'l1_l2'`) that `kernelRegularizer`/`biasRegularizer` accept.
 */
import { formatJson, isInstance, isReadableObject, optionsObject } from '../checks';
import { ConfigError } from '../errors';
import { Registry, type NameOr } from '../registry';
import { L1, L1L2, L2, type L1L2Options } from './l1-l2';
import { Regularizer, type RegularizerConfig } from './regularizer';

export { Regularizer } from './regularizer';
export type { RegularizerConfig } from './regularizer';
export { L1, L1L2, L2 } from './l1-l2';
export type { L1L2Options } from './l1-l2';

/** A regularizer in its saved form: the class name and its config. */
export interface SerializedRegularizer {
  className: string;
  config?: RegularizerConfig;
}

/**
 * The built-in regularizer names, Keras's snake_case included. The spec
 * `spec/lib/registry-names.spec.ts` checks this list equals what {@link regularizers} registers.
 */
export const REGULARIZER_NAMES = ['l1', 'l2', 'l1l2', 'l1_l2'] as const;

/** A built-in regularizer name; see {@link REGULARIZER_NAMES}. */
export type RegularizerName = (typeof REGULARIZER_NAMES)[number];

/**
 * What a `*Regularizer` option accepts: a name (a built-in {@link RegularizerName}, which
 * editors complete, or any name registered in {@link regularizers}), an instance, or the saved form.
 */
export type RegularizerIdentifier = NameOr<RegularizerName> | Regularizer | SerializedRegularizer;

/**
 * The regularizer registry. Lookups ignore case and underscores, so `'l1_l2'`, `'l1l2'` and
 * `'L1L2'` agree. Register your own with `regularizers.register(name, create)`.
 */
export const regularizers = new Registry<Regularizer>('regularizer');
regularizers.register('l1', (config) => new L1(config as { l1?: number }));
regularizers.register('l2', (config) => new L2(config as { l2?: number }));
regularizers.register('l1l2', (config) => new L1L2(config as L1L2Options), ['l1_l2']);

/**
 * `λ·Σ|w|`, Keras's `regularizers.l1(λ)`.
 * @example
 * ```ts
 * new Dense({ units: 8, kernelRegularizer: l1(1e-4) });
 * ```
 */
export function l1(factor = 0.01): L1 {
  return new L1({ l1: factor });
}

/**
 * `λ·Σw²` (gradient `2λ·w`), Keras's `regularizers.l2(λ)`.
 * @example
 * ```ts
 * new Dense({ units: 8, kernelRegularizer: l2(1e-4) });
 * ```
 */
export function l2(factor = 0.01): L2 {
  return new L2({ l2: factor });
}

/**
 * `λ₁·Σ|w| + λ₂·Σw²`, Keras's `regularizers.l1_l2(l1, l2)`: each factor defaults to 0.01
 * here, as in Keras's function (the {@link L1L2} class defaults both to 0).
 * @throws ConfigError when `options` is not an object or a factor is not a number ≥ 0.
 * @example
 * ```ts
 * new Dense({ units: 8, kernelRegularizer: l1l2({ l1: 1e-5, l2: 1e-4 }) });
 * ```
 */
export function l1l2(options: L1L2Options = {}): L1L2 {
  const { l1, l2 } = optionsObject(options, 'l1l2', ['l1', 'l2']);
  return new L1L2({ l1: l1 ?? 0.01, l2: l2 ?? 0.01 });
}

/**
 * Resolves a `*Regularizer` option: a registered name builds a default instance (`'l2'` is
 * `l2(0.01)`), an instance is returned as is, and `{ className, config }` builds that class.
 *
 * @param owner - who asks, to prefix error messages (e.g. `'Dense'`).
 * @throws ConfigError naming the valid regularizer names when the name is unknown, or when
 * `identifier` is none of the three forms.
 */
export function getRegularizer(identifier: RegularizerIdentifier, owner = 'getRegularizer'): Regularizer {
  if (isInstance(identifier, Regularizer)) return identifier;
  const isSerialized = isReadableObject(identifier) && typeof identifier.className === 'string';
  if (typeof identifier !== 'string' && !isSerialized) {
    throw new ConfigError(`${owner}: a regularizer must be a name, a Regularizer or { className, config }, got ${formatJson(identifier)}`);
  }
  const [name, config] = typeof identifier === 'string' ? [identifier, undefined] : [identifier.className, identifier.config];
  try {
    return regularizers.create(name, config);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${owner}: ${error.message}`);
    throw error;
  }
}

/** The saved form of a regularizer for a layer's `getConfig()`: always `{ className, config }`. */
export function serializeRegularizer(regularizer: Regularizer): SerializedRegularizer {
  return { className: regularizer.className, config: regularizer.getConfig() };
}
