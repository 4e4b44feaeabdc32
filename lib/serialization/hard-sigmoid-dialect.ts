/**
 * What `'hard_sigmoid'` means in a file. Keras 3 and layerwise define it as `relu6(x + 3)/6`;
 * Keras 2 and TensorFlow.js as `clip(0.2·x + 0.5, 0, 1)`, and TensorFlow.js's LSTM and GRU use
 * it by default as their recurrent activation. A recurrent layer read from a file TensorFlow.js
 * or Keras 2 wrote therefore gets layerwise's `'hard_sigmoid_keras2'` wherever its config says
 * `'hard_sigmoid'`, so it predicts what TensorFlow.js predicts. layerwise writes that activation
 * under TensorFlow.js's name `'hard_sigmoid'` (TensorFlow.js loads it as it was) and lists the
 * layers that use it in its own metadata, so that it reads them back the same.
 */
import type { Layer } from '../../layers/layer';
import type { JsonObject, JsonValue } from './format';
import { isJsonObject } from './json-value';

/** Layer's step-activation name for the Keras 2 / TensorFlow.js hard sigmoid. */
export const KERAS2_HARD_SIGMOID = 'hard_sigmoid_keras2';

/** The recurrent classes, whose `activation` and `recurrent_activation` the dialect concerns (other layers' hard sigmoid is Keras 3's everywhere). */
const RECURRENT = new Set(['LSTM', 'GRU', 'SimpleRNN']);

/** Whether a file without layerwise's metadata reads `'hard_sigmoid'` as Keras 2's: every writer but Keras 3 (`generatedBy: 'keras 3.…'`). */
export function readsKeras2HardSigmoid(generatedBy: unknown): boolean {
  return !(typeof generatedBy === 'string' && /^keras v?3\./.test(generatedBy));
}

/** The names of `layers` whose config (or a wrapped layer's) uses {@link KERAS2_HARD_SIGMOID}: what the save records. */
export function keras2HardSigmoidLayers(layers: readonly Layer[]): string[] {
  const uses = (value: unknown): boolean => value === KERAS2_HARD_SIGMOID
    || (Array.isArray(value) ? value.some(uses) : typeof value === 'object' && value !== null && Object.values(value).some(uses));
  return layers.filter((layer) => uses(layer.getConfig())).map((layer) => layer.name);
}

/**
 * `topology` with `'hard_sigmoid'` read as {@link KERAS2_HARD_SIGMOID} in the recurrent layers of
 * the top-level entries named in `names` (`'all'`: every entry), wrapped ones included (a
 * Bidirectional's layer). A copy: the parsed file is left as it was.
 */
export function withKeras2HardSigmoid(topology: JsonValue, names: readonly string[] | 'all'): JsonValue {
  const rewrite = (value: JsonValue, className: string | null): JsonValue => {
    if (Array.isArray(value)) return value.map((v) => rewrite(v, null));
    if (!isJsonObject(value)) return value;
    const own = typeof value.class_name === 'string' ? value.class_name : className;
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(value)) {
      const isActivation = (key === 'activation' || key === 'recurrent_activation') && v === 'hard_sigmoid' && own !== null && RECURRENT.has(own);
      out[key] = isActivation ? KERAS2_HARD_SIGMOID : rewrite(v as JsonValue, key === 'config' ? own : null);
    }
    return out;
  };
  const selected = (entry: JsonValue): boolean => {
    if (names === 'all') return true;
    if (!isJsonObject(entry)) return false;
    const name = entry.name ?? (isJsonObject(entry.config) ? entry.config.name : undefined);
    return typeof name === 'string' && names.includes(name);
  };
  const walkModel = (model: JsonValue): JsonValue => {
    if (!isJsonObject(model)) return model;
    if (isJsonObject(model.model_config)) return { ...model, model_config: walkModel(model.model_config) };
    const config = model.config;
    const list = Array.isArray(config) ? config : isJsonObject(config) && Array.isArray(config.layers) ? config.layers : null;
    if (list === null) return model;
    const layers = list.map((entry) => (selected(entry) ? rewrite(entry, null) : entry));
    return { ...model, config: Array.isArray(config) ? layers : { ...(config as JsonObject), layers } };
  };
  return walkModel(topology);
}
