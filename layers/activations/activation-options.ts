/** The option check shared by the activation layers that take numeric options (ReLU, CELU, Threshold, …). */
import { formatJson } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';

/**
 * `value` when it is a finite number, at least `min` (or above it, with `exclusive`) when
 * `min` is given.
 * @throws ConfigError of the form `ReLU: threshold must be a finite number >= 0, got -1`.
 */
export function numberOption(owner: string, name: string, value: unknown, min?: number, exclusive = false): number {
  const isNumber = typeof value === 'number' && Number.isFinite(value);
  if (!isNumber || (min !== undefined && (exclusive ? value <= min : value < min))) {
    const bound = min === undefined ? '' : ` ${exclusive ? '>' : '>='} ${min}`;
    throw new ConfigError(`${owner}: ${name} must be a finite number${bound}, got ${typeof value === 'number' ? String(value) : formatJson(value)}`);
  }
  return value;
}
