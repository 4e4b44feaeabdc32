/** The `[[top, bottom], [left, right]]` margins of {@link ZeroPadding2D} and {@link Cropping2D}. */
import { formatJson, isArray } from '../lib/checks';
import { ConfigError } from '../lib/errors';

/** Margins in rows and columns: one number for all four sides, `[rows, cols]` symmetric, or `[[top, bottom], [left, right]]`. */
export type MarginsOption = number | readonly [number, number] | readonly [readonly [number, number], readonly [number, number]];

/** Resolved margins: `[[top, bottom], [left, right]]`. */
export type Margins = [[number, number], [number, number]];

/**
 * `value` as `[[top, bottom], [left, right]]` of non-negative integers (Keras's three forms).
 * @throws ConfigError naming `owner`, the option and the value.
 */
export function resolveMargins(value: unknown, what: string, owner: string): Margins {
  const isCount = (d: unknown): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 0;
  const isPair = (p: unknown): p is [number, number] => isArray(p) && p.length === 2 && p.every(isCount);
  if (isCount(value)) return [[value, value], [value, value]];
  if (isPair(value)) return [[value[0], value[0]], [value[1], value[1]]];
  if (isArray(value) && value.length === 2 && value.every(isPair)) return [[value[0][0], value[0][1]], [value[1][0], value[1][1]]];
  throw new ConfigError(`${owner}: ${what} must be a non-negative integer, [rows, cols] or [[top, bottom], [left, right]], got ${formatJson(value)}`);
}
