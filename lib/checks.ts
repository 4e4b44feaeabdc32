/**
 * Argument checks shared by public entry points that take an options object or a tensor, so a
 * JavaScript caller who passes `null`, a string or a plain array gets a {@link LayerwiseError}
 * naming the function instead of a `TypeError` from deep inside it.
 */
import { ConfigError, DataError } from './errors';
import { formatValue, isArray, isRevokedProxy, kindOf, shorten } from './safe-format';
import { isTensor, type Tensor } from './tensor';

export {
  formatJson, formatString, formatValue, isArray, isInstance, isReadableObject, isRevokedProxy, kindOf,
} from './safe-format';

/**
 * `options` itself when it is a plain options object, `{}` when it is `undefined`.
 * @param owner - how the message names the caller, e.g. `'trainTestSplit'`.
 * @param knownKeys - the keys the caller reads; any other key throws (see {@link rejectUnknownKeys}).
 * @throws ConfigError for an unknown key, for `null`, arrays, tensors, revoked proxies and anything that is not an
 * object. (An options object whose getters throw still throws their error when an option is read.)
 */
export function optionsObject<T extends object>(options: T | undefined, owner: string, knownKeys?: Iterable<string>): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || isRevokedProxy(options) || isArray(options) || isTensor(options)) {
    throw new ConfigError(`${owner}: options must be an object, got ${kindOf(options)}`);
  }
  if (knownKeys !== undefined) rejectUnknownKeys(options, [...knownKeys], owner);
  return options;
}

/**
 * A class whose constructor takes an options object declares the keys it reads itself (not its
 * base class's) in a static `optionKeys`; {@link classOptionKeys} joins them along the class chain,
 * so a subclass that adds options lists only the new ones.
 */
export interface DeclaresOptionKeys {
  readonly optionKeys?: readonly string[];
}

/**
 * Every option key that `cls` and its base classes declare in their own static `optionKeys`.
 * @example
 * ```ts
 * class Dense extends Layer { static readonly optionKeys = ['units', 'activation']; }
 * classOptionKeys(Dense); // Dense's keys and Layer's: 'units', 'activation', 'name', 'inputShape', …
 * ```
 */
export function classOptionKeys(cls: unknown): Set<string> {
  const keys = new Set<string>();
  for (let c = cls; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    if (Object.prototype.hasOwnProperty.call(c, 'optionKeys')) {
      for (const key of (c as DeclaresOptionKeys).optionKeys ?? []) keys.add(key);
    }
  }
  return keys;
}

/** Keras's names (and Keras 2's) that are not a snake_case spelling of ours, mapped to ours. */
const RENAMED_KEYS: Readonly<Record<string, string>> = {
  lr: 'learningRate', inputDim: 'inputShape', nbEpoch: 'epochs',
};

/**
 * Throws when `options` has a key (with a defined value) outside `known`, naming the key and the
 * likely meant one: the camelCase form of a snake_case key (`validation_split` → `validationSplit`),
 * a Keras rename (`lr` → `learningRate`), or the known key within a small edit distance.
 * @throws ConfigError `fit: unknown option 'validation_split'; did you mean 'validationSplit'? Valid options: …`
 */
export function rejectUnknownKeys(options: object, known: readonly string[], owner: string): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key) || (options as Record<string, unknown>)[key] === undefined) continue;
    const guess = suggestKey(key, known);
    const hint = guess === null ? '.' : `; did you mean '${guess}'?`;
    const valid = [...known].sort().map((k) => `'${k}'`).join(', ');
    throw new ConfigError(`${owner}: unknown option '${shorten(key)}'${hint} Valid options: ${valid}`);
  }
}

/** Keys longer than this get no suggestion (the edit distance would take time for nothing). */
const MAX_SUGGESTED_LENGTH = 100;

/** The known key `key` most likely stands for, or `null`. */
export function suggestKey(key: string, known: readonly string[]): string | null {
  if (key.length > MAX_SUGGESTED_LENGTH) return null;
  const camel = key.replace(/[_-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  const renamed = RENAMED_KEYS[camel];
  for (const candidate of [camel, renamed]) {
    if (candidate !== undefined && known.includes(candidate)) return candidate;
  }
  const folded = camel.toLowerCase();
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(folded.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(folded, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from `a` to `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[b.length];
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
