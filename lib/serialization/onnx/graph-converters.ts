/**
 * Converters of the layers of graph models: the element-wise merges (Add → `Sum`, Subtract,
 * Multiply, Average → `Mean`, Maximum → `Max`, Minimum → `Min`), Concatenate (`Concat`), Dot
 * (`ReduceSum` of a product for vectors, a batched `MatMul` for rank 3, with the L2
 * normalisation first when asked), and TimeDistributed (its layer's converter on the steps
 * folded into the batch).
 */
import { unsupported, type LayerConversion, type LayerConverter } from './layer-converter';
import type { Layer } from '../../../layers/layer';

/** A variadic ONNX operator over every input. */
const variadic = (op: string): LayerConverter => (c) => c.b.node(op, c.inputs.slice(), c.hint);

/** The positive form of `axis` for rank `rank`. */
const positive = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

/** `x / sqrt(max(Σ x², 1e-7))` along `axis` (TensorFlow.js's `l2Normalize`, as layerwise's Dot). */
function l2Normalize(c: LayerConversion, x: string, axis: number, hint: string): string {
  const { b } = c;
  const squares = b.node('ReduceSum', [b.node('Mul', [x, x], `${hint}_sq`), b.int64s(`${hint}_axes`, [axis])], `${hint}_sumsq`, { keepdims: { int: 1 } });
  const norm = b.node('Sqrt', [b.node('Max', [squares, b.scalar(`${hint}_floor`, 1e-7)], `${hint}_floored`)], `${hint}_norm`);
  return b.node('Div', [x, norm], hint);
}

/** Keras's batched dot: `[batch, d]·[batch, d] → [batch, 1]`, rank 3 as a batched matrix product. */
const dot: LayerConverter = (c) => {
  const { b, hint } = c;
  const ranks = c.inputShapes.map((s) => s.length);
  const raw = c.config.axes as number | [number, number];
  const pair = typeof raw === 'number' ? [raw, raw] : raw;
  const axes = pair.map((a, k) => positive(a, ranks[k]));
  let [x, y] = c.inputs;
  if (c.config.normalize === true) {
    x = l2Normalize(c, x, axes[0], `${hint}/normalized_0`);
    y = l2Normalize(c, y, axes[1], `${hint}/normalized_1`);
  }
  if (ranks[0] === 2 && ranks[1] === 2) {
    return b.node('ReduceSum', [b.node('Mul', [x, y], `${hint}/product`), b.int64s(`${hint}/axes`, [1])], hint, { keepdims: { int: 1 } });
  }
  if (ranks[0] !== 3 || ranks[1] !== 3) throw unsupported(c.layer, `has inputs of ranks ${ranks.join(' and ')}; exportOnnx converts Dot of two rank-2 or two rank-3 inputs`);
  // A with its dot axis last, B with its dot axis first (after the batch): Y = A·B per sample.
  const a = axes[0] === 2 ? x : b.transpose(x, [0, 2, 1], `${hint}/a`);
  const bm = axes[1] === 1 ? y : b.transpose(y, [0, 2, 1], `${hint}/b`);
  return b.node('MatMul', [a, bm], hint);
};

/**
 * TimeDistributed: `[batch, steps, …]` reshaped to `[batch·steps, …]`, its layer converted on
 * that, and the result reshaped to `[batch, steps, …]`.
 */
const timeDistributed: LayerConverter = (c) => {
  const inner = (c.layer as unknown as { layer: Layer }).layer;
  const convert = c.converterFor(inner.className);
  if (!convert) throw unsupported(c.layer, `wraps ${inner.className} '${inner.name}', which has no ONNX form in exportOnnx`);
  const shape = c.inputShapes[0];
  const steps = shape[1] as number;
  const innerInput: (number | null)[] = [null, ...shape.slice(2)];
  const innerOutput = c.outputShape.slice(2) as number[];
  const folded = c.b.reshape(c.inputs[0], [-1, ...(shape.slice(2) as number[])], `${c.hint}/folded`);
  const y = convert({
    ...c, layer: inner, config: inner.getConfig() as unknown as Record<string, unknown>, inputs: [folded], inputShapes: [innerInput],
    outputShape: [null, ...innerOutput], hint: `${c.hint}/${inner.name}`,
  });
  // The wrapped layer's output (a TimeDistributed call has one output).
  return c.b.reshape(typeof y === 'string' ? y : y[0], [-1, steps, ...innerOutput], c.hint);
};

/** The graph layers' converters by class name. */
export const GRAPH_CONVERTERS: Record<string, LayerConverter> = {
  Add: variadic('Sum'),
  Subtract: (c) => c.b.node('Sub', [c.inputs[0], c.inputs[1]], c.hint),
  Multiply: (c) => c.inputs.slice(1).reduce((acc, x, k) => c.b.node('Mul', [acc, x], k === c.inputs.length - 2 ? c.hint : `${c.hint}/product`), c.inputs[0]),
  Average: variadic('Mean'),
  Maximum: variadic('Max'),
  Minimum: variadic('Min'),
  Concatenate: (c) => c.b.node('Concat', c.inputs.slice(), c.hint, { axis: { int: c.config.axis as number } }),
  Dot: dot,
  TimeDistributed: timeDistributed,
};
