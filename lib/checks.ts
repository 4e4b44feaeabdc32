/**
 * Argument checks shared by public entry points that take an options object or a tensor, so a
 * JavaScript caller who passes `null`, a string or a plain array gets a {@link LayerwiseError}
 * naming the function instead of a `TypeError` from deep inside it.
 */
import { ConfigError, DataError } from './errors';
import { formatValue, isArray, isRevokedProxy, kindOf } from './safe-format';
import { isTensor, type Tensor } from './tensor';

export {
  formatJson, formatString, formatValue, isArray, isInstance, isReadableObject, isRevokedProxy, kindOf,
} from './safe-format';

/**
 * `options` itself when it is a plain options object, `{}` when it is `undefined`.
 * @param owner - how the message names the caller, e.g. `'trainTestSplit'`.
 * @throws ConfigError for `null`, arrays, tensors, revoked proxies and anything that is not an
 * object. (An options object whose getters throw still throws their error when an option is read.)
 */
export function optionsObject<T extends object>(options: T | undefined, owner: string): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || isRevokedProxy(options) || isArray(options) || isTensor(options)) {
    throw new ConfigError(`${owner}: options must be an object, got ${kindOf(options)}`);
  }
  return options;
}

/**
 * `value` when it is a tensor.
 * @param what - how the message names the argument, e.g. `'trainTestSplit: x'`.
 * @throws DataError for anything else (wrap nested arrays with `tensor(...)` first).
 */
export function requireTensor(value: unknown, what: string): Tensor {
  if (!isTensor(value)) throw new DataError(`${what} must be a tensor (use tensor(values) to make one), got ${kindOf(value)}`);
  return value;
}

/**
 * `value`, or `fallback` when it is `undefined` or `null`, checked to be a positive integer.
 * @param what - how the message names the option, e.g. `'fit: batchSize'`.
 * @throws ConfigError for anything else.
 */
export function positiveInteger(value: unknown, what: string, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ConfigError(`${what} must be a positive integer, got ${formatValue(v)}`);
  return v;
}
