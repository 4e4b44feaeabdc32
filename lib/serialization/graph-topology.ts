/**
 * `modelTopology` of a graph model: Keras's functional config, as TensorFlow.js writes it
 * (`{ class_name: 'Model', config: { name, layers, input_layers, output_layers } }`, each layer
 * with `inbound_nodes`), and back, reading Keras 3's `Functional` form too.
 */
import { ConfigError, DataError, LayerwiseError } from '../errors';
import { NestedModel } from '../engine/nested-model';
import { InputLayer } from '../../layers/input-layer';
import type { Layer } from '../../layers/layer';
import type { SymbolicTensor } from '../../layers/symbolic-tensor';
import { formatShape, type DType, type Shape } from '../tensor';
import type { GraphConnections, NodeRef } from '../engine/engine-model';
import type { JsonObject, JsonValue, KerasObject, ModelTopology } from './format';
import { layerFromKeras, layerToKeras } from './layer-json';
import { brief, isJsonObject } from './json-value';
import { formatValue } from '../safe-format';
import { shapeProblem } from './limits';

/** The class names a functional model's topology may carry. */
export const GRAPH_CLASS_NAMES: readonly string[] = ['Model', 'Functional'];

/** The `modelTopology` of a graph model named `name` with `connections`. */
export function graphToTopology(name: string, connections: GraphConnections, warnings: string[]): ModelTopology {
  const refJson = ([layer, node, tensor]: NodeRef): JsonValue => [layer, node, tensor];
  const layers = connections.layers.map(({ layer, inboundNodes }): JsonObject => {
    if (layer instanceof NestedModel) {
      throw new ConfigError(`${name}: ${layer.describe()} is a model used as a layer, which saving does not support yet; save the inner model on its own, or build the outer graph from its layers`);
    }
    const json = layer instanceof InputLayer ? inputLayerToKeras(layer) : layerToKeras(layer, warnings);
    return {
      class_name: json.class_name,
      config: json.config,
      name: layer.name,
      inbound_nodes: inboundNodes.map((node) => node.map(([l, n, t]) => [l, n, t, {}] as JsonValue)),
    };
  });
  return {
    class_name: 'Model',
    config: { name, layers, input_layers: connections.inputLayers.map(refJson), output_layers: connections.outputLayers.map(refJson) },
  } as unknown as ModelTopology;
}

/** An InputLayer as TensorFlow.js writes it. */
function inputLayerToKeras(layer: InputLayer): KerasObject {
  return { class_name: 'InputLayer', config: { batch_input_shape: (layer.batchInputShape as Shape).slice() as JsonValue, dtype: 'float32', sparse: false, name: layer.name } };
}

/** What {@link topologyToGraph} reads: the layers (constructed, not built) and how to connect them. */
export interface GraphTopology {
  readonly name: string | undefined;
  /** Every layer, input layers included, in the file's order. */
  readonly layers: Layer[];
  /** Each layer's input shape at its first call (an input layer's own shape), for the weight plan. */
  readonly inputShapes: (Shape | null)[];
  /**
   * Calls the layers on symbolic tensors as the file connects them (building them) and
   * returns the model's inputs and outputs (a lone tensor where the file has one reference,
   * as Keras 3 writes a model given one tensor, a list otherwise); the input layers take `dtype`.
   */
  connect(dtype: DType): { inputs: SymbolicTensor | SymbolicTensor[]; outputs: SymbolicTensor | SymbolicTensor[] };
}

/** One parsed layer entry: the layer and, per call, the `[layer, node, tensor]` references it reads. */
interface Entry {
  readonly layer: Layer;
  readonly nodes: NodeRef[][];
}

/**
 * Reads a functional `modelTopology` config. Shapes are propagated through every call without
 * building anything (`computeOutputShapeOf`), and each must be one a tensor can have, so
 * nothing sized by the file is allocated before the weights are checked against the manifest.
 *
 * @throws DataError naming `source`, the layer and what is wrong: a malformed entry, a
 * reference to a layer or call that does not exist, a cycle, a bad shape.
 */
export function topologyToGraph(config: unknown, source: string): GraphTopology {
  if (!isJsonObject(config) || !Array.isArray(config.layers)) throw new DataError(`${source}: modelTopology.config must be { name, layers, input_layers, output_layers }, got ${brief(config)}`);
  const name = typeof config.name === 'string' ? config.name : undefined;
  const entries = new Map<string, Entry>();
  const order: Entry[] = [];
  config.layers.forEach((raw, i) => {
    const where = `${source}: layer ${i}`;
    if (!isJsonObject(raw) || typeof raw.class_name !== 'string') throw new DataError(`${where} must be { class_name, config, inbound_nodes }, got ${brief(raw)}`);
    const layerConfig: JsonObject = isJsonObject(raw.config) ? { ...raw.config } : {};
    if (typeof raw.name === 'string' && layerConfig.name === undefined) layerConfig.name = raw.name;
    const layer = guarded(where, layerConfig, () => (raw.class_name === 'InputLayer' ? inputLayerFromKeras(layerConfig) : layerFromKeras({ class_name: raw.class_name, config: layerConfig } as KerasObject)));
    if (entries.has(layer.name)) throw new DataError(`${where}: two layers are named '${layer.name}'`);
    const nodes = Array.isArray(raw.inbound_nodes) ? raw.inbound_nodes.map((node, k) => parseNode(node, `${where} ('${layer.name}') inbound_nodes[${k}]`)) : [];
    const entry = { layer, nodes };
    entries.set(layer.name, entry);
    order.push(entry);
  });
  const refs = (value: unknown, what: string): NodeRef[] => {
    if (!Array.isArray(value)) throw new DataError(`${source}: ${what} must be a list of [layer, node, tensor], got ${brief(value as JsonValue)}`);
    const list = isLoneRef(value) ? [value] : value;
    return list.map((r, k) => parseRef(r, `${source}: ${what}[${k}]`));
  };
  const inputRefs = refs(config.input_layers, 'input_layers');
  const outputRefs = refs(config.output_layers, 'output_layers');
  const loneInput = isLoneRef(config.input_layers);
  const loneOutput = isLoneRef(config.output_layers);

  // Resolve every call in an order where its inputs come first (Keras's files are in that order
  // already; the loop only needs more than one pass for hand-made files).
  const shapes = new Map<string, Shape>();
  const key = ([l, n, t]: NodeRef) => `${l}\u0000${n}\u0000${t}`;
  const calls: { entry: Entry; node: number }[] = [];
  const firstInputShape = new Map<Layer, Shape>();
  for (const entry of order) {
    if (entry.layer instanceof InputLayer) {
      const shape: Shape = [null, ...(entry.layer.batchInputShape as Shape).slice(1)];
      shapes.set(key([entry.layer.name, 0, 0]), shape);
      firstInputShape.set(entry.layer, shape);
    }
  }
  const pending = order.flatMap((entry) => (entry.layer instanceof InputLayer ? [] : entry.nodes.map((_, node) => ({ entry, node }))));
  while (pending.length > 0) {
    const ready = pending.findIndex(({ entry, node }) => entry.nodes[node].every((r) => shapes.has(key(r))));
    if (ready < 0) {
      const { entry, node } = pending[0];
      const missing = entry.nodes[node].find((r) => !shapes.has(key(r))) as NodeRef;
      const exists = entries.has(missing[0]);
      throw new DataError(`${source}: layer '${entry.layer.name}' reads ${exists ? `call ${missing[1]} of '${missing[0]}', which never runs (a cycle or a missing call)` : `'${missing[0]}', which is not a layer of the model`}`);
    }
    const [{ entry, node }] = pending.splice(ready, 1);
    const inShapes = entry.nodes[node].map((r) => shapes.get(key(r)) as Shape);
    const outs = guarded(`${source}: layer '${entry.layer.name}'`, {}, () => {
      inShapes.forEach((s) => checkTensorShape(s, 'input shape'));
      const out = entry.layer.computeOutputShapesOf(inShapes);
      out.forEach((shape) => checkTensorShape(shape, 'output shape'));
      return out;
    });
    outs.forEach((shape, tensor) => shapes.set(key([entry.layer.name, node, tensor]), shape));
    if (!firstInputShape.has(entry.layer)) firstInputShape.set(entry.layer, inShapes[0]);
    calls.push({ entry, node });
  }
  for (const r of [...inputRefs, ...outputRefs]) {
    if (!shapes.has(key(r))) throw new DataError(`${source}: input_layers/output_layers name output ${r[2]} of call ${r[1]} of '${r[0]}', which the model does not have`);
  }
  for (const r of inputRefs) {
    if (!(entries.get(r[0])?.layer instanceof InputLayer)) throw new DataError(`${source}: input_layers names '${r[0]}', which is not an InputLayer`);
  }

  return {
    name,
    layers: order.map((e) => e.layer),
    inputShapes: order.map((e) => firstInputShape.get(e.layer) ?? null),
    connect(dtype: DType) {
      const tensors = new Map<string, SymbolicTensor>();
      const inputsByName = new Map<string, SymbolicTensor>();
      for (const entry of order) {
        if (!(entry.layer instanceof InputLayer)) continue;
        const typed = dtype === entry.layer.inputDtype ? entry.layer : new InputLayer({ name: entry.layer.name, batchInputShape: entry.layer.batchInputShape as Shape, dtype });
        tensors.set(key([entry.layer.name, 0, 0]), typed.output);
        inputsByName.set(entry.layer.name, typed.output);
      }
      for (const { entry, node } of calls) {
        const ins = entry.nodes[node].map((r) => tensors.get(key(r)) as SymbolicTensor);
        const made: SymbolicTensor | SymbolicTensor[] = entry.layer.apply(entry.layer.takesInputList || ins.length > 1 ? ins : ins[0]);
        (Array.isArray(made) ? made : [made]).forEach((t, tensor) => tensors.set(key([entry.layer.name, node, tensor]), t));
      }
      const inputs = inputRefs.map((r) => tensors.get(key(r)) as SymbolicTensor);
      const outputs = outputRefs.map((r) => tensors.get(key(r)) as SymbolicTensor);
      return { inputs: loneInput ? inputs[0] : inputs, outputs: loneOutput ? outputs[0] : outputs };
    },
  };
}

/** A Keras `InputLayer` config (TensorFlow.js's `batch_input_shape` or Keras 3's `batch_shape`). */
function inputLayerFromKeras(config: JsonObject): InputLayer {
  const shape = config.batch_input_shape ?? config.batch_shape;
  if (!Array.isArray(shape)) throw new DataError(`batch_input_shape must be a list, got ${brief(shape as JsonValue)}`);
  // Keras 3's optional inputs (which a call may leave out) have no layerwise counterpart.
  if (config.optional === true) throw new DataError('optional inputs (Keras 3\'s InputLayer optional: true) are not supported');
  return new InputLayer({ ...(typeof config.name === 'string' ? { name: config.name } : {}), batchInputShape: shape as Shape });
}

/** True for one `[layerName, node, tensor]` reference (Keras 3's form for a model given a lone tensor), not a list of them. */
function isLoneRef(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === 'string';
}

/**
 * One call's inputs: TensorFlow.js's `[[layer, node, tensor, kwargs], …]` or Keras 3's
 * `{ args: [tensor or [tensors]], kwargs }` with each tensor's `keras_history`. A recurrent
 * layer's Keras 3 `kwargs: { initial_state: [tensors] }` come after the sequence, as the list
 * `[x, h0, c0]` layerwise's recurrent layers take; `mask: null` (which Keras writes for layers
 * whose call takes a mask) is ignored; any other keyword argument is refused.
 */
function parseNode(node: unknown, where: string): NodeRef[] {
  if (Array.isArray(node)) return node.map((r, k) => parseRef(r, `${where}[${k}]`));
  if (isJsonObject(node) && Array.isArray(node.args)) {
    const tensorRef = (arg: JsonValue, what: string): NodeRef => {
      const history = isJsonObject(arg) && isJsonObject(arg.config) ? arg.config.keras_history : undefined;
      return parseRef(history, `${where}.${what}.config.keras_history`);
    };
    const args = node.args.length === 1 && Array.isArray(node.args[0]) ? node.args[0] : node.args;
    const refs = args.map((arg, k) => tensorRef(arg, `args[${k}]`));
    const kwargs = node.kwargs ?? {};
    if (!isJsonObject(kwargs)) throw new DataError(`${where}.kwargs must be an object, got ${brief(kwargs)}`);
    for (const [name, value] of Object.entries(kwargs)) {
      // Keras fills in `mask: null` for layers whose call takes a mask; layerwise propagates masks itself.
      if (name === 'mask' && value === null) continue;
      if (name === 'mask') throw new DataError(`${where}.kwargs.mask: a mask given as a tensor is not supported (layerwise propagates masks from Embedding and Masking itself), got ${brief(value)}`);
      if (name !== 'initial_state') throw new DataError(`${where}.kwargs: the keyword argument ${formatValue(name)} is not supported (only a recurrent layer's initial_state, and mask: null)`);
      const states = Array.isArray(value) ? value : [value];
      states.forEach((state, k) => refs.push(tensorRef(state, `kwargs.initial_state[${k}]`)));
    }
    return refs;
  }
  throw new DataError(`${where} must be a list of [layer, node, tensor] or { args, kwargs }, got ${brief(node as JsonValue)}`);
}

/** `[layerName, nodeIndex, tensorIndex, …]` (a missing tensor index is 0). */
function parseRef(value: unknown, where: string): NodeRef {
  const isIndex = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  const ok = Array.isArray(value) && typeof value[0] === 'string' && isIndex(value[1]) && (value[2] === undefined || isIndex(value[2]));
  if (!ok) throw new DataError(`${where} must be [layerName, nodeIndex ≥ 0, tensorIndex ≥ 0], got ${brief(value as JsonValue)}`);
  return [(value as string[])[0], (value as number[])[1], (value as number[])[2] ?? 0];
}

/** Runs `make`, turning whatever it throws on the untrusted config into a DataError naming `where` and the layer. */
function guarded<T>(where: string, layerConfig: JsonObject, make: () => T): T {
  try {
    return make();
  } catch (error) {
    const layerName = typeof layerConfig.name === 'string' ? ` ('${layerConfig.name}')` : '';
    if (error instanceof DataError && !layerName) throw error;
    const message = error instanceof LayerwiseError ? error.message : `invalid config: ${String(error)}`;
    throw new DataError(`${where}${layerName}: ${message}`);
  }
}

/** @throws DataError when `shape` is not one a tensor can have. */
function checkTensorShape(shape: Shape, what: string): void {
  const problem = shapeProblem(shape);
  if (problem !== null) throw new DataError(`${what} ${formatShape(shape)}: ${problem}`);
}
