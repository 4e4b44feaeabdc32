/**
 * Option checks shared by the optimizers and learning-rate schedules. Each returns the checked
 * value or throws a {@link ConfigError} of the form `Adam: beta1 must be a number in [0, 1), got 1`.
 */
import { formatJson, formatString } from '../lib/checks';
import { ConfigError } from '../lib/errors';

/**
 * How a rejected value is printed: strings quoted, arrays and objects as JSON, anything else as
 * `String(value)`. Never throws: what JSON or `String` cannot print (a BigInt, a symbol, a cycle,
 * a null-prototype object, a throwing `toString`, a revoked proxy) prints as its kind or value
 * (see `formatJson` and `formatString` in lib/checks).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object' && value !== null) return formatJson(value);
  return formatString(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * `value` when it is a finite number `>= 0`.
 * @throws ConfigError `"<owner>: <name> must be a finite number >= 0, got -1"`.
 */
export function checkNonNegative(owner: string, name: string, value: unknown): number {
  if (!isFiniteNumber(value) || value < 0) {
    throw new ConfigError(`${owner}: ${name} must be a finite number >= 0, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * `value` when it is a finite number `> 0`.
 * @throws ConfigError `"<owner>: <name> must be a finite number > 0, got 0"`.
 */
export function checkPositive(owner: string, name: string, value: unknown): number {
  if (!isFiniteNumber(value) || value <= 0) {
    throw new ConfigError(`${owner}: ${name} must be a finite number > 0, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * `value` when it is a finite number `>= min`.
 * @throws ConfigError `"<owner>: <name> must be a finite number >= 1, got 0.5"`.
 */
export function checkAtLeast(owner: string, name: string, value: unknown, min: number): number {
  if (!isFiniteNumber(value) || value < min) {
    throw new ConfigError(`${owner}: ${name} must be a finite number >= ${min}, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * `value` when it is a decay factor in `[0, 1)` (a momentum, `β1`, `β2` or `ρ`).
 * @throws ConfigError `"<owner>: <name> must be a number in [0, 1), got 1"`.
 */
export function checkFraction(owner: string, name: string, value: unknown): number {
  if (!isFiniteNumber(value) || value < 0 || value >= 1) {
    throw new ConfigError(`${owner}: ${name} must be a number in [0, 1), got ${describeValue(value)}`);
  }
  return value;
}

/**
 * `value` when it is a boolean.
 * @throws ConfigError `"<owner>: <name> must be a boolean, got 'yes'"`.
 */
export function checkBoolean(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ConfigError(`${owner}: ${name} must be a boolean, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * `null` when `value` is `null` or `undefined`, otherwise `value` if it is a finite number `> 0`
 * (an optional threshold such as `clipNorm`).
 * @throws ConfigError `"<owner>: <name> must be a finite number > 0 or null, got -1"`.
 */
export function checkOptionalPositive(owner: string, name: string, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (!isFiniteNumber(value) || value <= 0) {
    throw new ConfigError(`${owner}: ${name} must be a finite number > 0 or null, got ${describeValue(value)}`);
  }
  return value;
}
