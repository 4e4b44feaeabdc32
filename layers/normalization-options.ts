/**
 * What BatchNormalization and LayerNormalization share: the `epsilon`/`center`/`scale` options
 * with their checks, and the learned per-feature scale `γ` and offset `β` they create.
 */
import { formatJson } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import {
  getInitializer, serializeInitializer,
  type Initializer, type InitializerIdentifier, type SerializedInitializer,
} from '../lib/initializers';
import type { LayerOptions, Param } from './layer';

/** Options both normalization layers accept. */
export interface NormalizationOptions extends LayerOptions {
  /** Added to the variance before the square root, for stability; positive. @defaultValue 1e-3 */
  epsilon?: number;
  /** Whether to learn the offset `β` (weight name `beta`); without it `β = 0`. @defaultValue true */
  center?: boolean;
  /** Whether to learn the scale `γ` (weight name `gamma`); without it `γ = 1`. @defaultValue true */
  scale?: boolean;
  /** How `β` starts: a name, an Initializer or `{ className, config }`. @defaultValue 'zeros' */
  betaInitializer?: InitializerIdentifier;
  /** How `γ` starts: a name, an Initializer or `{ className, config }`. @defaultValue 'ones' */
  gammaInitializer?: InitializerIdentifier;
}

/** The JSON form of {@link NormalizationOptions}, defaults resolved. */
export interface NormalizationConfig {
  epsilon: number;
  center: boolean;
  scale: boolean;
  betaInitializer: string | SerializedInitializer;
  gammaInitializer: string | SerializedInitializer;
}

/** The checked options, with initializers resolved. */
export interface ResolvedNormalization {
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
}

/**
 * Checks and resolves the shared options; `owner` prefixes the messages (`'BatchNormalization'`).
 * @throws ConfigError for a non-positive `epsilon`, a non-boolean `center`/`scale`, or an unknown initializer.
 */
export function resolveNormalization(options: NormalizationOptions, owner: string): ResolvedNormalization {
  const { epsilon = 1e-3, center = true, scale = true, betaInitializer = 'zeros', gammaInitializer = 'ones' } = options;
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0) {
    throw new ConfigError(`${owner}: epsilon must be a positive number, got ${typeof epsilon === 'number' ? String(epsilon) : formatJson(epsilon)}`);
  }
  for (const [key, value] of [['center', center], ['scale', scale]] as const) {
    if (typeof value !== 'boolean') throw new ConfigError(`${owner}: ${key} must be a boolean, got ${formatJson(value)}`);
  }
  return {
    epsilon, center, scale,
    betaInitializer: getInitializer(betaInitializer, owner),
    gammaInitializer: getInitializer(gammaInitializer, owner),
  };
}

/** The JSON form of resolved options, for `getConfig()`. */
export function serializeNormalization(n: ResolvedNormalization): NormalizationConfig {
  return {
    epsilon: n.epsilon,
    center: n.center,
    scale: n.scale,
    betaInitializer: serializeInitializer(n.betaInitializer),
    gammaInitializer: serializeInitializer(n.gammaInitializer),
  };
}

/** The affine parameters of a normalization layer: `γ` and `β`, each present only when enabled. */
export interface AffineParams {
  gamma: Param | null;
  beta: Param | null;
}

/**
 * Declares `γ` (when `scale`) and `β` (when `center`), each `[features]`, through the layer's
 * `addWeight`, in TensorFlow.js order.
 */
export function declareAffineParams(
  n: ResolvedNormalization, features: number | null,
  addWeight: (name: string, shape: readonly (number | null)[], initializer: Initializer) => Param,
): AffineParams {
  return {
    gamma: n.scale ? addWeight('gamma', [features], n.gammaInitializer) : null,
    beta: n.center ? addWeight('beta', [features], n.betaInitializer) : null,
  };
}
