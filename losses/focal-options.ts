/** The options the focal cross-entropy losses share: `alpha` and `gamma` beside the cross-entropy ones. */
import { formatJson, formatValue, isArray } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import type { SmoothedCrossentropyConfig, SmoothedCrossentropyOptions } from './crossentropy-shared';

/** Options of `BinaryFocalCrossentropy` and `CategoricalFocalCrossentropy`. */
export interface FocalOptions extends SmoothedCrossentropyOptions {
  /** The focusing exponent `γ ≥ 0`: `(1 − p_t)^γ` down-weights easy examples; 0 is the plain cross-entropy. @defaultValue 2 */
  gamma?: number;
}

/** The JSON form of {@link FocalOptions}, defaults resolved. */
export interface FocalConfig extends SmoothedCrossentropyConfig {
  gamma: number;
}

/**
 * `gamma` when it is a finite number `≥ 0`, else the default 2 when it is undefined.
 * @throws ConfigError naming the loss otherwise.
 */
export function resolveGamma(lossName: string, gamma: unknown): number {
  const value = gamma ?? 2;
  if (typeof value !== 'number' || !(value >= 0 && value < Infinity)) {
    throw new ConfigError(`${lossName}: gamma must be a finite number >= 0, got ${formatValue(value)}`);
  }
  return value;
}

/**
 * `alpha` when it is a number in `[0, 1]` (or, with `isListAllowed`, an array of them), else
 * the default 0.25 when it is undefined.
 * @throws ConfigError naming the loss otherwise.
 */
export function resolveAlpha(lossName: string, alpha: unknown, isListAllowed: boolean): number | number[] {
  const value = alpha ?? 0.25;
  const isUnit = (v: unknown): boolean => typeof v === 'number' && v >= 0 && v <= 1;
  if (isUnit(value)) return value as number;
  if (isListAllowed && isArray(value) && value.length > 0 && value.every(isUnit)) return (value as number[]).slice();
  const what = isListAllowed ? 'a number in [0, 1] or a non-empty array of them' : 'a number in [0, 1]';
  throw new ConfigError(`${lossName}: alpha must be ${what}, got ${isArray(value) ? formatJson(value) : formatValue(value)}`);
}
