/**
 * Converters of the recurrent layers: LSTM, GRU and SimpleRNN as ONNX's `LSTM`, `GRU` and
 * `RNN`, and Bidirectional as the same operator with `direction = 'bidirectional'`.
 *
 * ONNX's recurrent operators are time-major (`X: [steps, batch, features]`), so the input is
 * transposed in and the output back. Weights per direction: `W: [k·units, features]` and
 * `R: [k·units, units]` (Keras's kernels transposed, gate by gate in ONNX's order: LSTM
 * `i, o, f, c` from Keras's `i, f, c, o`; GRU `z, r, h` as Keras), `B: [2·k·units]` (the input
 * bias, then the recurrent one: GRU's second bias row with `resetAfter`, which is ONNX's
 * `linear_before_reset = 1`; zeros otherwise). `returnSequences: false` reads the last state
 * `Y_h`; `goBackwards` reverses the steps before the operator, as Keras does.
 */
import { tensorValues, type AttributeValue, type OnnxGraphBuilder } from './graph-builder';
import { requireWeight, unsupported, weightOf, type LayerConversion, type LayerConverter } from './layer-converter';
import type { Layer } from '../../../layers/layer';

/** What the converter reads from a recurrent layer. */
interface RecurrentLayer extends Layer {
  readonly units: number;
  readonly activation: { readonly name: string };
  readonly recurrentActivation?: { readonly name: string };
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly resetAfter?: boolean;
}

/** The ONNX operator of each recurrent class, its gate count and the Keras gate of each ONNX gate. */
const KINDS: Record<string, { op: string; gates: number; kerasGate: readonly number[] }> = {
  LSTM: { op: 'LSTM', gates: 4, kerasGate: [0, 3, 1, 2] },
  GRU: { op: 'GRU', gates: 3, kerasGate: [0, 1, 2] },
  SimpleRNN: { op: 'RNN', gates: 1, kerasGate: [0] },
};

/** Keras step activations as ONNX's recurrent activation names, with their α and β where they take them. */
const STEP_ACTIVATIONS: Record<string, { name: string; alpha?: number; beta?: number }> = {
  tanh: { name: 'Tanh' },
  sigmoid: { name: 'Sigmoid' },
  relu: { name: 'Relu' },
  softsign: { name: 'Softsign' },
  // Keras 3's hard_sigmoid, relu6(x + 3)/6 = clip(x/6 + 1/2, 0, 1).
  hard_sigmoid: { name: 'HardSigmoid', alpha: 1 / 6, beta: 0.5 },
  // Keras 2's and TensorFlow.js's, clip(0.2·x + 0.5, 0, 1): ONNX's own default α and β.
  hard_sigmoid_keras2: { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 },
  linear: { name: 'Affine', alpha: 1, beta: 0 },
};

/** The layer's activations in ONNX's order: LSTM `f, g, h`, GRU `f, g`, RNN `f` (f the gates', g the candidate's). */
function activationsOf(outer: Layer, layer: RecurrentLayer): { name: string; alpha?: number; beta?: number }[] {
  const names = layer.className === 'SimpleRNN' ? [layer.activation.name]
    : layer.className === 'GRU' ? [layer.recurrentActivation?.name ?? 'sigmoid', layer.activation.name]
    : [layer.recurrentActivation?.name ?? 'sigmoid', layer.activation.name, layer.activation.name];
  return names.map((name) => {
    const found = STEP_ACTIVATIONS[name];
    if (!found) throw unsupported(outer, `uses the recurrent activation '${name}', which ONNX's recurrent operators do not have`);
    return found;
  });
}

/** `M: [rows, k·units]` (Keras, gates side by side) as ONNX's `[k·units, rows]`, gates reordered. */
function gateMajor(M: Float64Array, rows: number, units: number, kerasGate: readonly number[]): Float64Array {
  const k = kerasGate.length;
  const out = new Float64Array(M.length);
  for (let g = 0; g < k; g++) {
    for (let u = 0; u < units; u++) {
      const column = kerasGate[g] * units + u;
      for (let r = 0; r < rows; r++) out[(g * units + u) * rows + r] = M[r * k * units + column];
    }
  }
  return out;
}

/** A bias vector of `k·units` reordered to ONNX's gate order. */
function gateOrder(v: Float64Array, units: number, kerasGate: readonly number[]): Float64Array {
  const out = new Float64Array(v.length);
  kerasGate.forEach((kg, g) => out.set(v.subarray(kg * units, (kg + 1) * units), g * units));
  return out;
}

/** The W, R and B initializers of one operator over `layers` (one per direction). */
function weightsOf(b: OnnxGraphBuilder, hint: string, layers: readonly RecurrentLayer[], features: number): string[] {
  const { gates, kerasGate } = KINDS[layers[0].className];
  const units = layers[0].units;
  const width = gates * units;
  const W = new Float64Array(layers.length * width * features);
  const R = new Float64Array(layers.length * width * units);
  const B = new Float64Array(layers.length * 2 * width);
  layers.forEach((layer, d) => {
    W.set(gateMajor(tensorValues(requireWeight(layer, 'kernel')), features, units, kerasGate), d * width * features);
    R.set(gateMajor(tensorValues(requireWeight(layer, 'recurrent_kernel')), units, units, kerasGate), d * width * units);
    const bias = weightOf(layer, 'bias');
    if (!bias) return;
    const values = tensorValues(bias);
    B.set(gateOrder(values.subarray(0, width), units, kerasGate), d * 2 * width);
    if (values.length === 2 * width) B.set(gateOrder(values.subarray(width), units, kerasGate), d * 2 * width + width);
  });
  const n = layers.length;
  return [b.floats(`${hint}/W`, [n, width, features], W), b.floats(`${hint}/R`, [n, width, units], R), b.floats(`${hint}/B`, [n, 2 * width], B)];
}

/** The checks that a recurrent layer's options have an ONNX form. */
function checkOptions(outer: Layer, layer: RecurrentLayer): void {
  if (layer.stateful) throw unsupported(outer, 'is stateful; export a stateless copy (the same weights with stateful: false), whose predictions start from zero states');
}

/**
 * The recurrent operator over `layers` (one, or Bidirectional's forward and backward) on the
 * time-major input `xt`, starting from `initialStates` (`[directions, batch, units]` each; none:
 * zeros): its outputs `Y: [steps, directions, batch, units]`, `Y_h: [directions, batch, units]`
 * and, for LSTM, `Y_c` of the same shape.
 */
function recurrentOp(c: LayerConversion, layers: readonly RecurrentLayer[], xt: string, initialStates: readonly string[] = []): string[] {
  const first = layers[0];
  const kind = KINDS[first.className];
  const features = c.inputShapes[0][2] as number;
  const activations = layers.flatMap((l) => activationsOf(c.layer, l));
  const alphas = activations.filter((a) => a.alpha !== undefined);
  const attributes: Record<string, AttributeValue> = {
    hidden_size: { int: first.units },
    activations: { strings: activations.map((a) => a.name) },
    direction: layers.length === 2 ? 'bidirectional' : 'forward',
  };
  if (alphas.length > 0) {
    attributes.activation_alpha = { floats: alphas.map((a) => a.alpha as number) };
    attributes.activation_beta = { floats: alphas.map((a) => a.beta as number) };
  }
  if (first.className === 'GRU') attributes.linear_before_reset = { int: first.resetAfter ? 1 : 0 };
  // Inputs X, W, R, B, then sequence_lens (omitted: '') and initial_h (, initial_c).
  const stateInputs = initialStates.length > 0 ? ['', ...initialStates] : [];
  return c.b.nodeN(kind.op, [xt, ...weightsOf(c.b, c.hint, layers, features), ...stateInputs], `${c.hint}/${kind.op.toLowerCase()}`, first.className === 'LSTM' ? 3 : 2, attributes);
}

/** `[batch, steps, features]` → time-major, the steps reversed for `goBackwards`. */
function timeMajor(c: LayerConversion, goBackwards: boolean): string {
  const { b, hint } = c;
  const xt = b.transpose(c.inputs[0], [1, 0, 2], `${hint}/time_major`);
  if (!goBackwards) return xt;
  return b.node('Slice', [xt, b.int64s(`${hint}/rev_starts`, [-1]), b.int64s(`${hint}/rev_ends`, [-(2 ** 62)]), b.int64s(`${hint}/rev_axes`, [0]), b.int64s(`${hint}/rev_steps`, [-1])], `${hint}/reversed`);
}

/** Squeeze of `axis`. */
const squeeze = (c: LayerConversion, x: string, axis: number, hint: string): string => c.b.node('Squeeze', [x, c.b.int64s(`${hint}_axes`, [axis])], hint);

/**
 * LSTM, GRU, SimpleRNN: the output, then with returnState the final states (`Y_h`, and `Y_c`
 * for LSTM, each `[batch, units]`). Initial states given as inputs (`[x, h0(, c0)]`) go in as
 * `initial_h` (and `initial_c`) with a direction axis in front.
 */
const recurrent: LayerConverter = (c) => {
  const layer = c.layer as RecurrentLayer & { returnState?: boolean };
  checkOptions(layer, layer);
  const initial = c.inputs.slice(1).map((state, k) => c.b.node('Unsqueeze', [state, c.b.int64s(`${c.hint}/state_${k}_axes`, [0])], `${c.hint}/initial_${k}`));
  const [Y, Yh, Yc] = recurrentOp(c, [layer], timeMajor(c, layer.goBackwards), initial);
  const output = layer.returnSequences ? c.b.transpose(squeeze(c, Y, 1, `${c.hint}/steps`), [1, 0, 2], c.hint) : squeeze(c, Yh, 0, c.hint);
  if (!layer.returnState) return output;
  const h = layer.returnSequences ? squeeze(c, Yh, 0, `${c.hint}/h`) : output;
  return Yc === undefined ? [output, h] : [output, h, squeeze(c, Yc, 0, `${c.hint}/c`)];
};

/**
 * Bidirectional: one operator in both directions, the two outputs merged as `mergeMode` says;
 * with returnState the forward direction's final states, then the backward one's (`Y_h`, and
 * `Y_c` for LSTM, split by direction), as Keras orders them.
 */
const bidirectional: LayerConverter = (c) => {
  const outer = c.layer as unknown as { forwardLayer: RecurrentLayer & { returnState?: boolean }; backwardLayer: RecurrentLayer; mergeMode: string | null };
  const { forwardLayer, backwardLayer, mergeMode } = outer;
  if (!KINDS[forwardLayer.className]) throw unsupported(c.layer, `wraps a ${forwardLayer.className}, which exportOnnx does not convert`);
  checkOptions(c.layer, forwardLayer);
  if (forwardLayer.goBackwards || !backwardLayer.goBackwards) throw unsupported(c.layer, 'wraps a layer with goBackwards, which exportOnnx does not export inside Bidirectional');
  const [Y, Yh, Yc] = recurrentOp(c, [forwardLayer, backwardLayer], timeMajor(c, false));
  const output = mergedDirections(c, Y, Yh, forwardLayer.units, forwardLayer.returnSequences, mergeMode);
  if (!forwardLayer.returnState) return output;
  const byDirection = (states: string, name: string): string[] => c.b.nodeN('Split', [states], `${c.hint}/${name}_directions`, 2, { axis: { int: 0 } })
    .map((s, d) => squeeze(c, s, 0, `${c.hint}/${d === 0 ? 'forward' : 'backward'}_${name}`));
  const [hForward, hBackward] = byDirection(Yh, 'h');
  if (Yc === undefined) return [output, hForward, hBackward];
  const [cForward, cBackward] = byDirection(Yc, 'c');
  return [output, hForward, cForward, hBackward, cBackward];
};

/** Bidirectional's output from the operator's `Y` (`[steps, 2, batch, units]`) or `Y_h` (`[2, batch, units]`), merged as `mergeMode` says. */
function mergedDirections(c: LayerConversion, Y: string, Yh: string, units: number, sequences: boolean, mergeMode: string | null): string {
  const { b, hint } = c;
  if (mergeMode === 'concat') {
    if (!sequences) return b.reshape(b.transpose(Yh, [1, 0, 2], `${hint}/batch_major`), [0, 2 * units], hint);
    return b.reshape(b.transpose(Y, [2, 0, 1, 3], `${hint}/batch_major`), [0, 0, 2 * units], hint);
  }
  const directionAxis = sequences ? 1 : 0;
  const [forward, backward] = b.nodeN('Split', [sequences ? Y : Yh], `${hint}/directions`, 2, { axis: { int: directionAxis } });
  let merged: string;
  if (mergeMode === 'sum') merged = b.node('Add', [forward, backward], `${hint}/sum`);
  else if (mergeMode === 'mul') merged = b.node('Mul', [forward, backward], `${hint}/mul`);
  else if (mergeMode === 'ave') merged = b.node('Mul', [b.node('Add', [forward, backward], `${hint}/sum`), b.scalar(`${hint}/half`, 0.5)], `${hint}/ave`);
  else throw unsupported(c.layer, `has mergeMode ${String(mergeMode)}, which exportOnnx does not export`);
  if (!sequences) return squeeze(c, merged, 0, hint);
  return b.transpose(squeeze(c, merged, 1, `${hint}/steps`), [1, 0, 2], hint);
}

/** The recurrent layers' converters by class name. */
export const RECURRENT_CONVERTERS: Record<string, LayerConverter> = {
  LSTM: recurrent,
  GRU: recurrent,
  SimpleRNN: recurrent,
  Bidirectional: bidirectional,
};
