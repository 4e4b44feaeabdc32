/**
 * {@link toOnnxBytes}: a built model as an ONNX inference graph (opset 17, float32, the batch
 * axis symbolic), one converter per layer call, in the graph's order.
 */
import { ConfigError, StateError } from '../../errors';
import type { Shape } from '../../tensor';
import type { Model } from '../../model';
import type { EngineModel } from '../../engine/engine-model';
import type { Graph } from '../../engine/graph';
import { NestedModel } from '../../engine/nested-model';
import { converterFor } from './converters';
import { OnnxGraphBuilder } from './graph-builder';
import { unsupported } from './layer-converter';
import { DataType, encodeModel, type ModelProtoJson, type ValueInfoJson } from './onnx-proto';

/** The ONNX opset the exported graphs use (17: the first with `LayerNormalization`). */
export const ONNX_OPSET = 17;
/** The ONNX IR version of opset 17 (ONNX 1.12). */
const IR_VERSION = 8;
/** The name of the symbolic batch dimension of every graph input and output. */
export const BATCH_DIM = 'batch';

/** A float tensor's value info: `null` axes (the batch) are the symbolic {@link BATCH_DIM}. */
function valueInfo(name: string, shape: Shape): ValueInfoJson {
  const dim = shape.map((d) => (d === null ? { dim_param: BATCH_DIM } : { dim_value: d }));
  return { name, type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim } } } };
}

/** The layers whose output carries a mask that the graph's later layers would read. */
function makesMask(config: Record<string, unknown>, className: string): boolean {
  return className === 'Masking' || (className === 'Embedding' && config.maskZero === true);
}

/**
 * Adds the nodes of every call of `graph` to `b`, its inputs read from the values `inputs`
 * (masked where `inputMasked` says), and returns the names of its outputs' values. A model
 * used as a layer is converted the same way, inline.
 */
function convertGraph(b: OnnxGraphBuilder, graph: Graph, inputs: readonly string[], inputMasked: readonly boolean[]): string[] {
  const names: string[] = new Array(graph.shapes.length);
  const masked = new Array<boolean>(graph.shapes.length).fill(false);
  graph.inputSlots.forEach((slot, k) => {
    names[slot] = inputs[k];
    masked[slot] = inputMasked[k];
  });
  for (const step of graph.steps) {
    const { layer } = step;
    const config = layer.getConfig() as unknown as Record<string, unknown>;
    const isMasked = step.inputs.some((s) => masked[s]);
    if (isMasked && ['LSTM', 'GRU', 'SimpleRNN', 'Bidirectional', 'GlobalAveragePooling1D'].includes(layer.className)) {
      throw unsupported(layer, 'reads a mask (from Embedding maskZero or Masking), which ONNX export does not carry; export a model without masking');
    }
    masked[step.output] = makesMask(config, layer.className) || (isMasked && layer.supportsMasking);
    const stepInputs = step.inputs.map((s) => names[s]);
    if (layer.className === 'InputLayer') {
      names[step.output] = stepInputs[0];
      continue;
    }
    if (layer instanceof NestedModel) {
      // The inner graph is private to the nested model; its calls are converted inline.
      const inner = (layer as unknown as { graph: Graph }).graph;
      names[step.output] = convertGraph(b, inner, stepInputs, step.inputs.map((s) => masked[s]))[0];
      continue;
    }
    const convert = converterFor(layer.className);
    if (!convert) throw unsupported(layer, 'has no ONNX form in exportOnnx');
    const converted = convert({
      b, layer, config, inputs: stepInputs, inputShapes: step.inputs.map((s) => graph.shapes[s]),
      outputShape: graph.shapes[step.output], hint: layer.name, converterFor,
    });
    // A recurrent layer with returnState names its output and then its final states.
    const outNames = typeof converted === 'string' ? [converted] : converted;
    step.outputs.forEach((slot, k) => { names[slot] = outNames[k]; });
  }
  return graph.outputSlots.map((slot) => names[slot]);
}

/**
 * The `ModelProto` of `model` as plain JSON (what {@link toOnnxBytes} encodes): graph inputs
 * and outputs named as the model's (`model.inputNames`, `model.outputNames`), shapes with a
 * symbolic batch axis, weights as float32 initializers.
 * @throws StateError when the model is not built; ConfigError naming the first layer that has
 * no ONNX form here.
 */
export function buildModelProto(model: Model): ModelProtoJson {
  const shapes = model.inputShapes;
  if (!shapes || !model.built) {
    throw new StateError(`exportOnnx: model '${model.name}' is not built yet; give its first layer an inputShape or call predict once before exporting`);
  }
  const graph = (model as unknown as EngineModel).ensureBuilt(shapes.map((s) => s.map((d) => d ?? 1)));
  const b = new OnnxGraphBuilder();
  for (const name of [...model.inputNames, ...model.outputNames]) b.reserve(name);
  const outputs = convertGraph(b, graph, model.inputNames, model.inputNames.map(() => false));
  outputs.forEach((value, k) => b.nodes.push({ name: model.outputNames[k], op_type: 'Identity', input: [value], output: [model.outputNames[k]], attribute: [] }));
  return {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: 'layerwise',
    producer_version: '0.1.0',
    doc_string: `${model.name}, exported for inference by layerwise`,
    graph: {
      name: model.name,
      node: b.nodes,
      initializer: b.initializers,
      input: model.inputNames.map((name, k) => valueInfo(name, shapes[k])),
      output: model.outputNames.map((name, k) => valueInfo(name, graph.shapes[graph.outputSlots[k]])),
    },
  };
}

/**
 * The bytes of a `.onnx` file holding `model` for inference: works anywhere (browsers too).
 * Each layer becomes the ONNX operators that compute its inference forward pass in float32:
 * channels-last data stays channels-last, with `Transpose`s around the operators that want
 * channels first (convolutions, pooling); recurrent layers are ONNX's `LSTM`, `GRU` and `RNN`.
 * Run it with ONNX Runtime: `await ort.InferenceSession.create(bytes)`, feeding the model's
 * input names.
 *
 * Graph inputs and outputs: the model's names and shapes, with the batch axis the symbolic
 * dimension `'batch'`.
 * @throws StateError when the model is not built. ConfigError naming the layer when one has
 * no ONNX form here (or uses an option that has none).
 * @example
 * ```ts
 * const bytes = toOnnxBytes(model);
 * const session = await ort.InferenceSession.create(bytes);
 * const { dense_2 } = await session.run({ input_1: new ort.Tensor('float32', x, [1, 4]) });
 * ```
 */
export function toOnnxBytes(model: Model): Uint8Array {
  if (model === null || typeof model !== 'object' || typeof (model as { inputNames?: unknown }).inputNames !== 'object') {
    throw new ConfigError(`toOnnxBytes: expected a layerwise Model or Sequential, got ${typeof model}`);
  }
  return encodeModel(buildModelProto(model));
}
