/**
 * Argument checks shared by public entry points that take an options object or a tensor, so a
 * JavaScript caller who passes `null`, a string or a plain array gets a {@link LayerwiseError}
 * naming the function instead of a `TypeError` from deep inside it.
 */
import { ConfigError, DataError } from './errors';
import { isTensor, type Tensor } from './tensor';

/**
 * How an argument of the wrong kind is named in a message: `null`, `an array`, `a string`, ….
 * Never throws, whatever the value (symbols, null-prototype objects, revoked proxies).
 */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'undefined' ? 'undefined' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/**
 * A value as a message quotes it: numbers, booleans and bigints as written, strings quoted,
 * anything else by its {@link kindOf}. Never throws.
 */
export function formatValue(value: unknown): string {
  switch (typeof value) {
    case 'number': case 'boolean': case 'bigint': return String(value);
    case 'string': return `'${value}'`;
    default: return kindOf(value);
  }
}

/**
 * `options` itself when it is a plain options object, `{}` when it is `undefined`.
 * @param owner - how the message names the caller, e.g. `'trainTestSplit'`.
 * @throws ConfigError for `null`, arrays, tensors and anything that is not an object.
 */
export function optionsObject<T extends object>(options: T | undefined, owner: string): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options) || isTensor(options)) {
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
