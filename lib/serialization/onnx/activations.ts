/**
 * The ONNX form of every activation layerwise has (the activation layers, `Activation`, and
 * Dense's `activation` option): one operator where ONNX has it, else a short composition.
 */
import type { Layer } from '../../../layers/layer';
import type { OnnxGraphBuilder } from './graph-builder';

/** A converter of one activation: its ONNX output for input `x`. */
type ActivationConverter = (b: OnnxGraphBuilder, x: string, hint: string, config: Record<string, unknown>, layer: Layer) => string;

/** `x ⊙ g(x)` for the single-input operator `g`. */
const gated = (op: string) => (b: OnnxGraphBuilder, x: string, hint: string) => b.node('Mul', [x, b.node(op, [x], `${hint}_gate`)], hint);

/** `y = where(x > t, min(x, m), α·(x − t))`, Keras's general relu (plain Relu or Clip when it reduces to them). */
function relu(b: OnnxGraphBuilder, x: string, hint: string, config: Record<string, unknown>): string {
  const maxValue = config.maxValue as number | null;
  const slope = config.negativeSlope as number;
  const t = config.threshold as number;
  if (slope === 0 && t === 0) {
    return maxValue === null ? b.node('Relu', [x], hint) : b.node('Clip', [x, b.scalar(`${hint}_min`, 0), b.scalar(`${hint}_max`, maxValue)], hint);
  }
  const kept = maxValue === null ? x : b.node('Min', [x, b.scalar(`${hint}_max`, maxValue)], `${hint}_kept`);
  const damped = b.node('Mul', [b.node('Sub', [x, b.scalar(`${hint}_t`, t)], `${hint}_shift`), b.scalar(`${hint}_slope`, slope)], `${hint}_damped`);
  return b.node('Where', [b.node('Greater', [x, b.scalar(`${hint}_threshold`, t)], `${hint}_above`), kept, damped], hint);
}

/** Exact GELU `x/2·(1 + erf(x/√2))`, or the tanh form `x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`. */
function gelu(b: OnnxGraphBuilder, x: string, hint: string, config: Record<string, unknown>): string {
  let inner: string;
  if (config.approximate === true) {
    const cube = b.node('Mul', [b.node('Mul', [x, x], `${hint}_sq`), x], `${hint}_cube`);
    const poly = b.node('Add', [x, b.node('Mul', [cube, b.scalar(`${hint}_c`, 0.044715)], `${hint}_cubic`)], `${hint}_poly`);
    inner = b.node('Tanh', [b.node('Mul', [poly, b.scalar(`${hint}_k`, Math.sqrt(2 / Math.PI))], `${hint}_arg`)], `${hint}_tanh`);
  } else {
    inner = b.node('Erf', [b.node('Mul', [x, b.scalar(`${hint}_rsqrt2`, Math.SQRT1_2)], `${hint}_arg`)], `${hint}_erf`);
  }
  const half = b.node('Mul', [x, b.scalar(`${hint}_half`, 0.5)], `${hint}_halfx`);
  return b.node('Mul', [half, b.node('Add', [inner, b.scalar(`${hint}_one`, 1)], `${hint}_1p`)], hint);
}

/** `clip(x, lo, hi)`. */
const clip = (lo: number, hi: number) => (b: OnnxGraphBuilder, x: string, hint: string) =>
  b.node('Clip', [x, b.scalar(`${hint}_min`, lo), b.scalar(`${hint}_max`, hi)], hint);

/** Each convertible activation by class name. */
const CONVERTERS: Record<string, ActivationConverter> = {
  Linear: (b, x, hint) => b.node('Identity', [x], hint),
  ReLU: relu,
  ReLU6: clip(0, 6),
  HardTanh: clip(-1, 1),
  SparseSigmoid: (b, x, hint) => b.node('Clip', [b.node('Mul', [b.node('Add', [x, b.scalar(`${hint}_one`, 1)], `${hint}_1p`), b.scalar(`${hint}_half`, 0.5)], `${hint}_lin`), b.scalar(`${hint}_min`, 0), b.scalar(`${hint}_max`, 1)], hint),
  LeakyReLU: (b, x, hint, c) => b.node('LeakyRelu', [x], hint, { alpha: c.alpha as number }),
  ELU: (b, x, hint, c) => b.node('Elu', [x], hint, { alpha: c.alpha as number }),
  CELU: (b, x, hint, c) => b.node('Celu', [x], hint, { alpha: c.alpha as number }),
  // ONNX's defaults are Klambauer et al.'s constants, as layerwise's.
  SELU: (b, x, hint) => b.node('Selu', [x], hint),
  Sigmoid: (b, x, hint) => b.node('Sigmoid', [x], hint),
  Tanh: (b, x, hint) => b.node('Tanh', [x], hint),
  Softplus: (b, x, hint) => b.node('Softplus', [x], hint),
  Softsign: (b, x, hint) => b.node('Softsign', [x], hint),
  Exponential: (b, x, hint) => b.node('Exp', [x], hint),
  // relu6(x + 3)/6 = clip(x/6 + 1/2, 0, 1): ONNX's HardSigmoid with α = 1/6, β = 1/2.
  HardSigmoid: (b, x, hint) => b.node('HardSigmoid', [x], hint, { alpha: 1 / 6, beta: 0.5 }),
  HardSilu: (b, x, hint) => b.node('HardSwish', [x], hint),
  Swish: gated('Sigmoid'),
  Mish: (b, x, hint) => b.node('Mul', [x, b.node('Tanh', [b.node('Softplus', [x], `${hint}_sp`)], `${hint}_gate`)], hint),
  GELU: gelu,
  Softmax: (b, x, hint) => b.node('Softmax', [x], hint, { axis: { int: -1 } }),
  LogSoftmax: (b, x, hint) => b.node('LogSoftmax', [x], hint, { axis: { int: -1 } }),
  // log σ(x) = −softplus(−x).
  LogSigmoid: (b, x, hint) => b.node('Neg', [b.node('Softplus', [b.node('Neg', [x], `${hint}_neg`)], `${hint}_sp`)], hint),
  TanhShrink: (b, x, hint) => b.node('Sub', [x, b.node('Tanh', [x], `${hint}_tanh`)], hint),
  SoftShrink: (b, x, hint, c) => b.node('Shrink', [x], hint, { lambd: c.threshold as number, bias: c.threshold as number }),
  HardShrink: (b, x, hint, c) => b.node('Shrink', [x], hint, { lambd: c.threshold as number, bias: 0 }),
  Threshold: (b, x, hint, c) =>
    b.node('Where', [b.node('Greater', [x, b.scalar(`${hint}_t`, c.threshold as number)], `${hint}_above`), x, b.scalar(`${hint}_value`, c.defaultValue as number)], hint),
  Squareplus: (b, x, hint, c) => {
    const root = b.node('Sqrt', [b.node('Add', [b.node('Mul', [x, x], `${hint}_sq`), b.scalar(`${hint}_b`, c.b as number)], `${hint}_sum`)], `${hint}_root`);
    return b.node('Mul', [b.node('Add', [x, root], `${hint}_num`), b.scalar(`${hint}_half`, 0.5)], hint);
  },
  // 0 for x ≤ −1, (x + 1)²/4 between, x for x ≥ 1.
  SparsePlus: (b, x, hint) => {
    const shifted = b.node('Clip', [b.node('Add', [x, b.scalar(`${hint}_one`, 1)], `${hint}_1p`), b.scalar(`${hint}_min`, 0), b.scalar(`${hint}_max`, 2)], `${hint}_clip`);
    const quad = b.node('Mul', [b.node('Mul', [shifted, shifted], `${hint}_sq`), b.scalar(`${hint}_quarter`, 0.25)], `${hint}_quad`);
    return b.node('Where', [b.node('Less', [x, b.scalar(`${hint}_hi`, 1)], `${hint}_below`), quad, x], hint);
  },
  GLU: (b, x, hint) => {
    const [a, gate] = b.nodeN('Split', [x], hint, 2, { axis: { int: -1 } });
    return b.node('Mul', [a, b.node('Sigmoid', [gate], `${hint}_gate`)], hint);
  },
  PReLU: (b, x, hint, _c, layer) => b.node('PRelu', [x, b.weight(`${hint}_alpha`, layer.params()[0].value)], hint),
};

/** True when `className` names an activation this module converts. */
export function isConvertibleActivation(className: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONVERTERS, className);
}

/**
 * The ONNX output of activation layer `activation` applied to `x`, or `null` when ONNX has no
 * form for it here (the caller names the layer in its error).
 */
export function convertActivation(b: OnnxGraphBuilder, activation: Layer, x: string, hint: string): string | null {
  if (!isConvertibleActivation(activation.className)) return null;
  return CONVERTERS[activation.className](b, x, hint, activation.getConfig() as unknown as Record<string, unknown>, activation);
}
