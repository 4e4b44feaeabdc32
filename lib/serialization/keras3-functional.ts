/**
 * A functional (graph) model in a Keras 3 `.keras` file: `config.json`'s `Functional` config
 * as Keras 3's `Functional.get_config` and `serialize_keras_object` write it, and the paths
 * `saving_lib` gives its layers' variables (keras/src/models/functional.py,
 * keras/src/ops/function.py `map_graph`, keras/src/saving/saving_lib.py).
 *
 * The config: `{ module: 'keras.src.models.functional', class_name: 'Functional',
 * registered_name: 'Functional', config: { name, trainable, layers, input_layers,
 * output_layers }, build_config: { input_shape: null } }`. Each layer entry is the layer's
 * Keras 3 config with its `name` and its `inbound_nodes`, one `{ args, kwargs }` per call, each
 * tensor a `__keras_tensor__` with its `shape`, `dtype` and `keras_history` `[layer, node,
 * tensor]`: `args: [x]` for one input, `args: [[a, b]]` for a merge layer's list, and
 * `args: [x], kwargs: { initial_state: [h0, c0] }` for a recurrent layer given its initial
 * states; a layer whose Keras `call` takes a `mask` (a recurrent layer on its sequence alone,
 * Softmax, BatchNormalization, …) has `kwargs: { mask: null }`, as Keras fills that argument in.
 * An InputLayer has `batch_shape` and no inbound node. `input_layers` and
 * `output_layers` are one `[layer, node, tensor]` for a model given a lone tensor, a list of
 * them for a model given a list.
 *
 * The layers are listed in Keras's `model.layers` order (`map_graph`: by depth from the outputs,
 * deepest first, ties in the order a depth-first walk from the outputs first meets them), the
 * order Keras rebuilds when it loads the file and walks to save or load the weights, so each
 * layer's variables are at `layers/<snake_case class>[_n]` counted in that order, InputLayers
 * included (`layers/input_layer/vars`, an empty group).
 */
import type { Shape } from '../tensor';
import type { Layer } from '../../layers';
import { InputLayer } from '../../layers/input-layer';
import type { GraphConnections, NodeRef } from '../engine/engine-model';
import type { JsonObject, JsonValue } from './format';
import { graphToTopology } from './graph-topology';
import { callTakesMask, hasBuildConfig, isRecurrent, layerToKeras3, layerVariables, objectPaths, type LayerVariables } from './keras3-layers';

/**
 * The indices into `connections.layers` in Keras's `model.layers` order (`map_graph`): a
 * depth-first walk from each output (in output order) through each call's inputs (in order)
 * numbers each layer when first met and lists the calls inputs first; then, from the outputs
 * back, each call's depth is the largest of (the depth of a call reading it) + 1 and its layer's
 * depth so far, and a layer's depth the largest of its calls'. Layers go deepest first, ties by
 * their number; an input no output reads is at depth 0 and numbered -1, so it comes just before
 * the outputs' layers.
 */
export function kerasLayerOrder(connections: GraphConnections): number[] {
  const index = new Map<string, number>();
  connections.layers.forEach(({ layer }, i) => index.set(layer.name, i));
  const parents = (layer: number, node: number): NodeRef[] => (connections.layers[layer].inboundNodes[node] ?? []) as NodeRef[];
  const key = (layer: number, node: number): string => `${layer}:${node}`;
  const finished = new Set<string>();
  const calls: [number, number][] = [];
  const firstSeen = new Map<number, number>();
  const walk = (layer: number, node: number): void => {
    if (finished.has(key(layer, node))) return;
    if (!firstSeen.has(layer)) firstSeen.set(layer, firstSeen.size);
    for (const [name, n] of parents(layer, node)) walk(index.get(name) as number, n);
    finished.add(key(layer, node));
    calls.push([layer, node]);
  };
  for (const [name, node] of connections.outputLayers) walk(index.get(name) as number, node);
  const nodeDepth = new Map<string, number>();
  const layerDepth = new Map<number, number>();
  for (let c = calls.length - 1; c >= 0; c--) {
    const [layer, node] = calls[c];
    const depth = Math.max(nodeDepth.get(key(layer, node)) ?? 0, layerDepth.get(layer) ?? 0);
    layerDepth.set(layer, depth);
    nodeDepth.set(key(layer, node), depth);
    for (const [name, n] of parents(layer, node)) {
      const k = key(index.get(name) as number, n);
      nodeDepth.set(k, Math.max(depth + 1, nodeDepth.get(k) ?? 0));
    }
  }
  for (const [name] of connections.inputLayers) {
    const layer = index.get(name) as number;
    if (!layerDepth.has(layer)) {
      layerDepth.set(layer, 0);
      firstSeen.set(layer, -1);
    }
  }
  // Array.prototype.sort is stable: unread inputs (all numbered -1) keep their input order, as in Keras's sort.
  return [...layerDepth.keys()].sort((a, b) => (layerDepth.get(b) as number) - (layerDepth.get(a) as number) || (firstSeen.get(a) as number) - (firstSeen.get(b) as number));
}

/** A Keras 3 `__keras_tensor__`: a symbolic tensor by its shape, dtype and the call that made it. */
function kerasTensor(ref: NodeRef, shape: Shape): JsonObject {
  return { class_name: '__keras_tensor__', config: { shape: shape.slice() as JsonValue, dtype: 'float32', keras_history: [ref[0], ref[1], ref[2]] } };
}

/** The config and variables of a functional model in a `.keras` file. */
export interface FunctionalParts extends LayerVariables {
  /** `config.json` without `compile_config`. */
  config: JsonObject;
}

/**
 * The `.keras` parts of the built graph model `name` with `connections` (see the file's summary).
 * @throws ConfigError for a model used as a layer (as the TensorFlow.js format).
 */
export function functionalParts(name: string, connections: GraphConnections, warnings: string[]): FunctionalParts {
  const topology = graphToTopology(name, connections, warnings);
  const entries = (topology.config as unknown as { layers: JsonObject[] }).layers;
  const byName = new Map<string, Layer>(connections.layers.map(({ layer }) => [layer.name, layer]));
  // Every tensor's shape, by the call that makes it.
  const shapes = new Map<string, Shape>();
  const shapeOf = ([layerName, node]: NodeRef): Shape => {
    const known = shapes.get(`${layerName}:${node}`);
    if (known) return known;
    const layer = byName.get(layerName) as Layer;
    const inputs = connections.layers.find((l) => l.layer === layer)?.inboundNodes[node] ?? [];
    const shape = layer instanceof InputLayer ? [null, ...(layer.batchInputShape as Shape).slice(1)] : layer.computeOutputShapeOf(inputs.map(shapeOf));
    shapes.set(`${layerName}:${node}`, shape);
    return shape;
  };
  const order = kerasLayerOrder(connections);
  const layers: JsonObject[] = [];
  const weights: LayerVariables['weights'] = [];
  const groups: LayerVariables['groups'] = [{ path: 'vars', name }];
  const bases = objectPaths(order.map((i) => entries[i].class_name as string));
  order.forEach((i, k) => {
    const { layer, inboundNodes } = connections.layers[i];
    const variables = layerVariables(layer, bases[k]);
    weights.push(...variables.weights);
    groups.push(...variables.groups);
    if (layer instanceof InputLayer) {
      layers.push({
        module: 'keras.layers', class_name: 'InputLayer',
        config: { batch_shape: (layer.batchInputShape as Shape).slice() as JsonValue, dtype: 'float32', sparse: false, ragged: false, name: layer.name },
        registered_name: null, name: layer.name, inbound_nodes: [],
      });
      return;
    }
    const withStates = (refs: readonly NodeRef[]): boolean => isRecurrent(layer.className) && refs.length > 1;
    const node = (refs: readonly NodeRef[]): JsonObject => {
      const tensors = refs.map((r) => kerasTensor(r, shapeOf(r)));
      if (withStates(refs)) return { args: [tensors[0]], kwargs: { initial_state: tensors.slice(1) } };
      if (layer.takesInputList) return { args: [tensors], kwargs: {} };
      return { args: [tensors[0]], kwargs: callTakesMask(layer.className) ? { mask: null } : {} };
    };
    // Keras records the shapes of the first call's build: `build(input_shape)`, or a recurrent
    // layer's `build(sequences_shape, initial_state_shape)` when given its states.
    const first = inboundNodes[0] ?? [];
    const firstShapes = first.map(shapeOf) as JsonValue[];
    let buildConfig: JsonObject | null = null;
    if (hasBuildConfig(layer) && first.length > 0) {
      if (withStates(first)) buildConfig = { shapes_dict: { sequences_shape: firstShapes[0], initial_state_shape: firstShapes.slice(1) } };
      else buildConfig = { input_shape: layer.takesInputList ? firstShapes : firstShapes[0] };
    }
    const entry = layerToKeras3(entries[i], buildConfig, 'float32');
    layers.push({ ...entry, name: layer.name, inbound_nodes: inboundNodes.map(node) });
  });
  const ref = ([layerName, node, tensor]: NodeRef): JsonValue => [layerName, node, tensor];
  const refs = (list: readonly NodeRef[], asList: boolean | undefined): JsonValue => (asList === false && list.length === 1 ? ref(list[0]) : list.map(ref));
  const config: JsonObject = {
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    config: {
      name,
      trainable: true,
      layers,
      input_layers: refs(connections.inputLayers, connections.inputsAsList),
      output_layers: refs(connections.outputLayers, connections.outputsAsList),
    },
    registered_name: 'Functional',
    build_config: { input_shape: null },
  };
  return { config, weights, groups };
}
