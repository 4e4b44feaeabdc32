/**
 * Name conversions between layerwise configs (camelCase keys, `className`) and the Keras form
 * that `model.json` uses (snake_case keys, `class_name`), with TensorFlow.js's rules.
 */
import type { JsonObject, JsonValue } from './format';

/**
 * `useBias` → `use_bias`, `batchInputShape` → `batch_input_shape`, `beta1` → `beta1`: an
 * underscore before each capital that starts a word, then lower case (tfjs-layers' rule).
 */
export function toSnakeCase(name: string): string {
  return name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** `use_bias` → `useBias`, `fan_avg` → `fanAvg`; names without underscores are unchanged. */
export function toCamelCase(name: string): string {
  return name.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A config in Keras form: every object key snake_cased, `className` written `class_name`, at
 * any depth. String values are unchanged.
 */
export function toKerasKeys(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(toKerasKeys);
  if (typeof value !== 'object' || value === null) return value as JsonValue;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[key === 'className' ? 'class_name' : toSnakeCase(key)] = toKerasKeys(v);
  }
  return out;
}

/** The inverse of {@link toKerasKeys}: every key camelCased, `class_name` read as `className`. */
export function fromKerasKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(fromKerasKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    out[key === 'class_name' ? 'className' : toCamelCase(key)] = fromKerasKeys(v);
  }
  return out;
}
