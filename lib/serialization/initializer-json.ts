/**
 * Initializers in `model.json`: layerwise's identifiers (`'glorotUniform'`,
 * `{ className, config }`) to and from the Keras form TensorFlow.js writes
 * (`{ class_name: 'VarianceScaling', config: { scale, mode: 'fan_avg', distribution, seed } }`).
 */
import {
  GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform, VarianceScaling,
  getInitializer, serializeInitializer,
  type Initializer, type InitializerConfig, type InitializerIdentifier, type SerializedInitializer,
} from '../initializers';
import { ConfigError } from '../errors';
import type { JsonObject, JsonValue, KerasObject } from './format';
import { fromKerasKeys, toCamelCase, toKerasKeys, toSnakeCase } from './keras-case';
import { isJsonObject } from './json-value';

/** The named VarianceScaling presets, to recognise them in a plain `VarianceScaling` config. */
const PRESETS = [GlorotUniform, GlorotNormal, HeNormal, HeUniform, LecunNormal, LecunUniform];

/**
 * The Keras distribution name. layerwise's `truncatedNormal` is Keras's `truncated_normal`
 * (TensorFlow.js reads it too; TensorFlow.js itself writes the legacy `'normal'`).
 */
function kerasDistribution(distribution: string): string {
  return toSnakeCase(distribution);
}

/** layerwise's distribution name for a Keras or TensorFlow.js one (`'normal'` is truncated, as in Keras 2). */
function layerwiseDistribution(distribution: JsonValue): JsonValue {
  if (typeof distribution !== 'string') return distribution;
  return distribution === 'normal' ? 'truncatedNormal' : toCamelCase(distribution);
}

/**
 * The Keras JSON of an initializer: VarianceScaling and its presets as
 * `{ class_name: 'VarianceScaling', config: { scale, mode, distribution, seed } }` (what
 * TensorFlow.js writes for `glorotUniform` and friends), any other as its class name and its
 * config with snake_case keys.
 */
export function initializerToKeras(identifier: InitializerIdentifier): KerasObject {
  const init = getInitializer(identifier);
  if (init instanceof VarianceScaling) {
    return {
      class_name: 'VarianceScaling',
      config: {
        scale: init.scale,
        mode: toSnakeCase(init.mode),
        distribution: kerasDistribution(init.distribution),
        seed: (init.getConfig().seed as number | undefined) ?? null,
      },
    };
  }
  return { class_name: init.className, config: toKerasKeys(init.getConfig()) as JsonObject };
}

/** `init` itself, or the named preset it equals (a `VarianceScaling` with Glorot's settings is a GlorotUniform). */
function canonical(init: Initializer): Initializer {
  if (!(init instanceof VarianceScaling) || init.className !== VarianceScaling.className) return init;
  const seed = init.getConfig().seed as number | undefined;
  for (const Preset of PRESETS) {
    const preset = new Preset({ seed });
    if (preset.scale === init.scale && preset.mode === init.mode && preset.distribution === init.distribution) return preset;
  }
  return init;
}

/**
 * The layerwise identifier for an initializer in a saved config: a name stays a name,
 * `{ class_name, config }` is read with Keras's and TensorFlow.js's spellings (snake_case keys
 * and modes, `seed: null`, the legacy `'normal'` distribution), and a VarianceScaling equal to
 * a preset comes back as that preset, so `getConfig()` matches the model that was saved.
 *
 * @throws ConfigError for an unknown initializer (listing the valid names) or a bad config.
 */
export function initializerFromKeras(value: JsonValue): string | SerializedInitializer {
  if (typeof value === 'string') return serializeInitializer(canonical(getInitializer(value)));
  if (!isJsonObject(value) || typeof value.class_name !== 'string') {
    throw new ConfigError(`expected an initializer name or { class_name, config }, got ${JSON.stringify(value)}`);
  }
  const raw = isJsonObject(value.config) ? (fromKerasKeys(value.config) as JsonObject) : {};
  const config: InitializerConfig = {};
  for (const [key, v] of Object.entries(raw)) {
    if (v === null) continue;
    if (key === 'mode' && typeof v === 'string') config.mode = toCamelCase(v);
    else if (key === 'distribution') config.distribution = layerwiseDistribution(v) as string;
    else config[key] = v as number | string;
  }
  return serializeInitializer(canonical(getInitializer({ className: value.class_name, config })));
}
