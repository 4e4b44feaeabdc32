/** Small helpers for untrusted JSON read from a saved model. */
import { formatJson, isArray, isReadableObject } from '../safe-format';
import type { JsonObject } from './format';

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return isReadableObject(value) && !isArray(value);
}

/** A short JSON rendering of any value for error messages (at most 80 characters; never throws). */
export function brief(value: unknown): string {
  const text = formatJson(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
