/**
 * How error messages quote the values they reject. Any value can reach a message (a symbol, a
 * BigInt, a null-prototype object, an object whose `toString` or `toJSON` throws, a revoked
 * proxy), so nothing here ever throws: a plain `${value}` or `String(value)` can, and would
 * turn a clear {@link LayerwiseError} into a `TypeError` from building its message.
 *
 * This module imports nothing, so that `tensor.ts` can use it as well as `checks.ts`.
 */

/**
 * True for a proxy whose handler was revoked: every operation on it, even `Array.isArray`,
 * throws a `TypeError`.
 */
export function isRevokedProxy(value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    Array.isArray(value);
    return false;
  } catch {
    return true;
  }
}

/**
 * True for a non-null object whose properties can be read: not a revoked proxy. (A getter or a
 * live proxy's trap may still throw; that error is the caller's own and propagates.)
 */
export function isReadableObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !isRevokedProxy(value);
}

/** `Array.isArray(value)`, but false for a revoked proxy instead of a `TypeError`. */
export function isArray(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * `value instanceof Cls`, but false instead of a `TypeError` when walking the prototype chain
 * throws (a revoked proxy, or a proxy whose `getPrototypeOf` trap throws).
 */
export function isInstance<T>(value: unknown, Cls: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof Cls;
  } catch {
    return false;
  }
}

/**
 * How an argument of the wrong kind is named in a message: `null`, `an array`, `a string`,
 * `a revoked proxy`, …. Never throws, whatever the value.
 */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (isRevokedProxy(value)) return 'a revoked proxy';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'undefined' ? 'undefined' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/**
 * A value as a message quotes it: numbers and booleans as written, bigints with their `n`
 * (`1n`), symbols as `Symbol(description)`, strings quoted, anything else by its
 * {@link kindOf}. Never throws.
 */
export function formatValue(value: unknown): string {
  switch (typeof value) {
    case 'number': case 'boolean': return String(value);
    case 'symbol': return shorten(String(value));
    case 'bigint': return shorten(`${String(value)}n`);
    case 'string': return `'${shorten(value)}'`;
    default: return kindOf(value);
  }
}

/** The longest text a message quotes whole; longer values are shortened by {@link shorten}. */
export const MAX_QUOTED_LENGTH = 200;

/**
 * `text` if it has at most {@link MAX_QUOTED_LENGTH} characters, else its start and its end
 * around a count of what is left out, so that a 100 MB name never becomes a 100 MB message:
 * `'aaaa…[99999800 characters left out]…aaaa'`.
 */
export function shorten(text: string): string {
  if (text.length <= MAX_QUOTED_LENGTH) return text;
  const head = text.slice(0, 120);
  const tail = text.slice(-40);
  return `${head}…[${text.length - head.length - tail.length} characters left out]…${tail}`;
}

/**
 * `String(value)` (so `'abc'` prints unquoted and `[1, 2]` as `1,2`, as messages always
 * printed them), except that bigints and symbols print as {@link formatValue} does and a value
 * whose conversion throws (a null-prototype object, a throwing `toString`, a revoked proxy)
 * prints as its {@link kindOf}. Never throws.
 */
export function formatString(value: unknown): string {
  if (typeof value === 'bigint' || typeof value === 'symbol') return formatValue(value);
  try {
    return shorten(String(value));
  } catch {
    return kindOf(value);
  }
}

/**
 * `JSON.stringify(value)` (so `'abc'` prints as `"abc"` and `[1, 2]` as `[1,2]`, as messages
 * always printed them), except that `undefined` prints as `undefined` and anything JSON cannot
 * write (a BigInt anywhere inside, a cycle, a throwing `toJSON` or getter, a revoked proxy, a
 * function, a symbol) prints as {@link formatValue} does. Never throws.
 */
export function formatJson(value: unknown): string {
  try {
    // Long strings are cut before stringifying, so a huge one is never copied whole.
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? shorten(v) : v)) as string | undefined;
    if (text !== undefined) return shorten(text);
  } catch {
    // Not representable as JSON: fall back to the value's kind below.
  }
  return value === undefined ? 'undefined' : formatValue(value);
}

/** The most items {@link formatList} names. */
const MAX_LISTED = 10;

/**
 * Names as a message lists them: each quoted by {@link formatValue}, at most 10, then how many
 * more: `'a', 'b', … and 99990 more`. Empty for no names.
 */
export function formatList(names: readonly unknown[]): string {
  const shown = names.slice(0, MAX_LISTED).map(formatValue).join(', ');
  return names.length > MAX_LISTED ? `${shown}, … and ${names.length - MAX_LISTED} more` : shown;
}
