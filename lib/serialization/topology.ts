/**
 * `modelTopology`: a Sequential's layers to and from the Keras `Sequential` config that
 * TensorFlow.js writes (graph models: see graph-topology.ts) (`{ class_name: 'Sequential', config: { name, layers: [...] } }`).
 */
import { formatValue } from '../safe-format';
import { DataError, LayerwiseError } from '../errors';
import type { Layer } from '../../layers';
import type { SavableModel } from '../engine/engine-model';
import { formatShape, type Shape } from '../tensor';
import type { JsonObject, JsonValue, KerasObject, ModelTopology } from './format';
import { layerFromKeras, layerToKeras } from './layer-json';
import { GRAPH_CLASS_NAMES, graphToTopology, topologyToGraph, type GraphTopology } from './graph-topology';
import { brief, isJsonObject } from './json-value';
import { shapeProblem } from './limits';

/**
 * The `modelTopology` of a model. The first layer carries `batch_input_shape` (taken from the
 * built model when the layer did not declare one, since readers need it to create the weights)
 * and `dtype: 'float32'`, as TensorFlow.js writes them.
 */
export function modelToTopology(model: SavableModel, warnings: string[]): ModelTopology {
  const connections = model.connections();
  if (connections) return graphToTopology(model.name, connections, warnings);
  const layers = model.layers.map((layer) => layerToKeras(layer, warnings));
  if (layers.length > 0) {
    const first = layers[0].config;
    if (first.batch_input_shape === undefined && model.inputShape) first.batch_input_shape = model.inputShape.slice() as JsonValue;
    first.dtype = 'float32';
  }
  return { class_name: 'Sequential', config: { name: model.name, layers } };
}

/** What {@link topologyToLayers} reads: the model's name and its layers, rebuilt (not built). */
export interface TopologyLayers {
  name: string | undefined;
  layers: Layer[];
  /** Each layer's input shape, propagated from the first layer's `batch_input_shape`; all `null` without one. */
  inputShapes: (Shape | null)[];
  /** For a functional model: how to connect the layers (see `topologyToGraph`); absent for a Sequential. */
  graph?: GraphTopology;
}

/**
 * Rebuilds the layers of a `modelTopology` written by layerwise, TensorFlow.js or Keras: a
 * `Sequential` whose config is `{ name, layers }` (or, in old Keras files, the list itself),
 * possibly wrapped in `model_config`. A Keras 3 `InputLayer` gives its `batch_shape` to the
 * layer after it.
 *
 * The layers are constructed, not built: nothing sized by the file is allocated. Every shape
 * propagated through them (the first layer's input, each layer's output) must be one a tensor
 * can have (see `shapeProblem`).
 *
 * @param source - the file (or `'fromJSON'`) named in errors.
 * @throws DataError naming `source`, the layer's index and name, and what is wrong with it
 * (an unknown class name lists the registered ones, a shape names the axis or the size).
 */
export function topologyToLayers(topology: unknown, source: string): TopologyLayers {
  let top = topology;
  if (isJsonObject(top) && isJsonObject(top.model_config)) top = top.model_config;
  if (!isJsonObject(top) || typeof top.class_name !== 'string') {
    throw new DataError(`${source}: modelTopology must be { class_name: 'Sequential', config }, got ${brief(top)}`);
  }
  if (GRAPH_CLASS_NAMES.includes(top.class_name)) {
    const graph = topologyToGraph(top.config, source);
    return { name: graph.name, layers: graph.layers, inputShapes: graph.inputShapes, graph };
  }
  if (top.class_name !== 'Sequential') {
    throw new DataError(`${source}: only Sequential and functional (Model) models can be loaded; modelTopology.class_name is ${formatValue(top.class_name)}`);
  }
  const config = top.config;
  const list = Array.isArray(config) ? config : isJsonObject(config) ? config.layers : undefined;
  if (!Array.isArray(list)) throw new DataError(`${source}: modelTopology.config.layers must be an array of layers, got ${brief(list)}`);
  const name = isJsonObject(config) && typeof config.name === 'string' ? config.name : undefined;
  const layers: Layer[] = [];
  const inputShapes: (Shape | null)[] = [];
  let inputShape: JsonValue | undefined;
  let shape: Shape | null = null;
  list.forEach((entry, i) => {
    const where = `${source}: layer ${i}`;
    if (!isJsonObject(entry) || typeof entry.class_name !== 'string') throw new DataError(`${where} must be { class_name, config }, got ${brief(entry)}`);
    const layerConfig: JsonObject = isJsonObject(entry.config) ? { ...entry.config } : {};
    if (entry.class_name === 'InputLayer') {
      inputShape = layerConfig.batch_input_shape ?? layerConfig.batch_shape;
      return;
    }
    if (inputShape !== undefined && layerConfig.batch_input_shape === undefined && layerConfig.batch_shape === undefined) {
      layerConfig.batch_input_shape = inputShape;
    }
    inputShape = undefined;
    try {
      const layer = layerFromKeras({ class_name: entry.class_name, config: layerConfig } as KerasObject, shape);
      const input = layers.length === 0 ? layer.batchInputShape : shape;
      if (input) checkTensorShape(input, 'input shape');
      shape = input ? layer.computeOutputShape(input) : null;
      if (shape) checkTensorShape(shape, 'output shape');
      layers.push(layer);
      inputShapes.push(input);
    } catch (error) {
      // The config is untrusted input: whatever a constructor throws on it is a data error.
      const layerName = typeof layerConfig.name === 'string' ? ` (${formatValue(layerConfig.name)})` : '';
      const message = error instanceof LayerwiseError ? error.message : `invalid config: ${String(error)}`;
      throw new DataError(`${where}${layerName}: ${message}`);
    }
  });
  return { name, layers, inputShapes };
}

/** @throws DataError (which the caller prefixes with the layer) when `shape` is not one a tensor can have. */
function checkTensorShape(shape: Shape, what: string): void {
  const problem = shapeProblem(shape);
  if (problem !== null) throw new DataError(`${what} ${formatShape(shape)}: ${problem}`);
}
