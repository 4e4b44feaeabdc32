/** Small helpers for untrusted JSON read from a saved model. */
import { DataError } from '../errors';
import { formatJson, formatString, isArray, isReadableObject, isRevokedProxy, kindOf, shorten } from '../safe-format';
import type { JsonObject, JsonValue } from './format';

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return isReadableObject(value) && !isArray(value);
}

/** A short JSON rendering of any value for error messages (at most 80 characters; never throws). */
export function brief(value: unknown): string {
  const text = formatJson(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** How deeply a saved model's JSON may nest (objects and arrays within each other); Keras configs need fewer than 10 levels. */
export const MAX_JSON_DEPTH = 100;

/**
 * A copy of `value` made only of JSON data (objects, arrays, strings, finite or non-finite
 * numbers, booleans, null; keys whose value is `undefined` are dropped, as `JSON.stringify`
 * drops them), read once, so that everything after it works on plain data: a revoked proxy, a
 * throwing getter or a value JSON has no form for is refused here, naming where it is, and so
 * is nesting deeper than {@link MAX_JSON_DEPTH} levels (which would otherwise overflow the stack
 * of every recursive reader).
 *
 * @param where - the path of `value` for messages, e.g. `'fromJSON: modelJson'`.
 * @throws DataError naming the path of the offending value.
 */
export function toPlainJson(value: unknown, where: string): JsonValue {
  const path: string[] = [];
  const fail = (what: string): never => {
    throw new DataError(`${where}${path.join('')}: ${what}`);
  };
  const copy = (v: unknown, depth: number): JsonValue => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v !== 'object') return fail(`${kindOf(v)} is not a JSON value`);
    if (isRevokedProxy(v)) return fail('a revoked proxy is not a JSON value');
    if (depth >= MAX_JSON_DEPTH) return fail(`nested more than ${MAX_JSON_DEPTH} levels deep, the most a saved model may nest`);
    try {
      if (isArray(v)) {
        const out: JsonValue[] = new Array<JsonValue>(v.length);
        for (let i = 0; i < v.length; i++) {
          path.push(`[${i}]`);
          out[i] = copy(v[i], depth + 1);
          path.pop();
        }
        return out;
      }
      const out: JsonObject = {};
      for (const key of Object.keys(v)) {
        path.push(`.${shorten(key)}`);
        const item = (v as Record<string, unknown>)[key];
        if (item !== undefined) Object.defineProperty(out, key, { value: copy(item, depth + 1), enumerable: true, writable: true, configurable: true });
        path.pop();
      }
      return out;
    } catch (error) {
      if (error instanceof DataError) throw error;
      return fail(`cannot be read: ${formatString(error)}`);
    }
  };
  return copy(value, 0);
}
