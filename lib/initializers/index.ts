/**
 * Initializers and their registry: the Keras string names (`'glorotUniform'`, `'glorot_uniform'`,
 * `'heNormal'`, `'zeros'`, …) resolve here, and saved `{ className, config }` forms load here.
 */
import { formatJson, isInstance, isReadableObject } from '../checks';
import { ConfigError } from '../errors';
import { Registry, type NameOr } from '../registry';
import { Constant, Ones, Zeros } from './constant';
import { Initializer, type InitializerConfig } from './initializer';
import { IdentityInitializer } from './identity';
import { Orthogonal } from './orthogonal';
import { RandomNormal } from './random-normal';
import { TruncatedNormal } from './truncated-normal';
import { RandomUniform } from './random-uniform';
import {
  GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform, VarianceScaling,
} from './variance-scaling';

export { computeFans, Initializer } from './initializer';
export type { Fans, InitializerConfig, SeedOptions } from './initializer';
export { Constant, Ones, Zeros } from './constant';
export type { ConstantOptions } from './constant';
export { IdentityInitializer } from './identity';
export type { IdentityInitializerOptions } from './identity';
export { TruncatedNormal } from './truncated-normal';
export { Orthogonal } from './orthogonal';
export type { OrthogonalOptions } from './orthogonal';
export { RandomNormal } from './random-normal';
export type { RandomNormalOptions } from './random-normal';
export { RandomUniform } from './random-uniform';
export type { RandomUniformOptions } from './random-uniform';
export {
  GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform, VarianceScaling,
} from './variance-scaling';
export type { FanMode, VarianceDistribution, VarianceScalingOptions } from './variance-scaling';

/** An initializer in its saved form: the class name and its config. */
export interface SerializedInitializer {
  className: string;
  config?: InitializerConfig;
}

type InitializerClass = (new (options?: never) => Initializer) & { readonly className: string };

/** Each class with its name (the TensorFlow.js string) and the Keras spelling when it differs. */
const BUILT_IN_TABLE = [
  ['glorotUniform', GlorotUniform, ['glorot_uniform']],
  ['glorotNormal', GlorotNormal, ['glorot_normal']],
  ['heNormal', HeNormal, ['he_normal']],
  ['heUniform', HeUniform, ['he_uniform']],
  ['lecunNormal', LecunNormal, ['lecun_normal']],
  ['lecunUniform', LecunUniform, ['lecun_uniform']],
  ['varianceScaling', VarianceScaling, ['variance_scaling']],
  ['orthogonal', Orthogonal, []],
  // 'normal', 'uniform', 'zero' and 'one' are Keras 3's aliases (keras/src/initializers/__init__.py).
  ['randomNormal', RandomNormal, ['random_normal', 'normal']],
  ['randomUniform', RandomUniform, ['random_uniform', 'uniform']],
  ['truncatedNormal', TruncatedNormal, ['truncated_normal']],
  ['identity', IdentityInitializer, ['IdentityInitializer']],
  ['constant', Constant, []],
  ['zeros', Zeros, ['zero']],
  ['ones', Ones, ['one']],
] as const satisfies readonly (readonly [string, InitializerClass, readonly string[]])[];
const BUILT_IN: readonly (readonly [string, InitializerClass, readonly string[]])[] = BUILT_IN_TABLE;

/**
 * The built-in initializer names, camelCase and Keras's snake_case (`'heNormal'`,
 * `'he_normal'`, …), as the registry lists them; derived from the registration table.
 */
export type InitializerName = (typeof BUILT_IN_TABLE)[number][0] | (typeof BUILT_IN_TABLE)[number][2][number];

/** Every {@link InitializerName}, in registration order. */
export const INITIALIZER_NAMES: readonly InitializerName[] = BUILT_IN_TABLE.flatMap(([name, , aliases]) => [name, ...aliases]);

/**
 * What an `*Initializer` option accepts: a name (a built-in {@link InitializerName}, which
 * editors complete, or any name registered in {@link initializers}), an instance, or the saved form.
 */
export type InitializerIdentifier = NameOr<InitializerName> | Initializer | SerializedInitializer;

/**
 * The initializer registry. Lookups ignore case and underscores, so the class name
 * (`'GlorotUniform'`), the TensorFlow.js name (`'glorotUniform'`) and the Keras name
 * (`'glorot_uniform'`) all resolve. Register your own with `initializers.register(name, create)`.
 */
export const initializers = new Registry<Initializer>('initializer');
for (const [name, Cls, aliases] of BUILT_IN) {
  initializers.register(name, (config) => new Cls(config as never), aliases);
}

/**
 * Resolves an `*Initializer` option: a registered name builds a default instance, an instance
 * is returned as is, and `{ className, config }` builds that class from that config.
 *
 * @param owner - who asks, to prefix error messages (e.g. `'Dense'`).
 * @throws ConfigError naming the valid initializer names when the name is unknown, or when
 * `identifier` is none of the three forms.
 * @example
 * ```ts
 * getInitializer('he_normal');                                   // new HeNormal()
 * getInitializer({ className: 'RandomNormal', config: { stddev: 0.1 } });
 * ```
 */
export function getInitializer(identifier: InitializerIdentifier, owner = 'getInitializer'): Initializer {
  if (isInstance(identifier, Initializer)) return identifier;
  const isSerialized = isReadableObject(identifier) && typeof identifier.className === 'string';
  if (typeof identifier !== 'string' && !isSerialized) {
    throw new ConfigError(`${owner}: an initializer must be a name, an Initializer or { className, config }, got ${formatJson(identifier)}`);
  }
  const [name, config] = typeof identifier === 'string' ? [identifier, undefined] : [identifier.className, identifier.config];
  try {
    return initializers.create(name, config);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${owner}: ${error.message}`);
    throw error;
  }
}

/**
 * The saved form of an initializer for a layer's `getConfig()`: its name (`'glorotUniform'`)
 * when it is a built-in with an empty config, otherwise `{ className, config }`.
 */
export function serializeInitializer(initializer: Initializer): string | SerializedInitializer {
  const config = initializer.getConfig();
  const builtIn = BUILT_IN.find(([, Cls]) => Cls.className === initializer.className);
  if (builtIn && Object.keys(config).length === 0) return builtIn[0];
  return { className: initializer.className, config };
}
