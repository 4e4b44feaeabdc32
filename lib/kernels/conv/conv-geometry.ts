/**
 * The geometry of a 2-D window sweep over NHWC input (convolution, pooling): output sizes and
 * the padding before each axis, with TensorFlow's rule for `'same'`.
 */

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** `'valid'` (no padding) or `'same'` (pad so that `out = ⌈in / stride⌉`). */
export type Padding = 'valid' | 'same';

/** One spatial axis of a window sweep: its output size and the zeros padded before it. */
export interface AxisGeometry {
  /** The number of window positions. */
  readonly outSize: number;
  /** The zero rows (or columns) before the input; any odd one left over goes after, as TensorFlow does. */
  readonly padBefore: number;
}

/**
 * The output size and leading padding of one axis, as TensorFlow computes them, with the
 * effective window `k̂ = (k − 1)·d + 1` for dilation `d`:
 * - `'valid'`: `out = ⌊(in − k̂) / s⌋ + 1` (0 when the window does not fit), no padding;
 * - `'same'`: `out = ⌈in / s⌉`, total padding `P = max((out − 1)·s + k̂ − in, 0)`, of which
 *   `⌊P/2⌋` goes before and the rest (one more when `P` is odd) after.
 */
export function axisGeometry(inSize: number, kernel: number, stride: number, dilation: number, padding: Padding): AxisGeometry {
  const effective = (kernel - 1) * dilation + 1;
  if (padding === 'valid') {
    return { outSize: inSize < effective ? 0 : math.floor((inSize - effective) / stride) + 1, padBefore: 0 };
  }
  const outSize = math.ceil(inSize / stride);
  const total = math.max((outSize - 1) * stride + effective - inSize, 0);
  return { outSize, padBefore: math.floor(total / 2) };
}

/**
 * Everything a window kernel needs about one NHWC sweep: input `[batch, inH, inW, channels]`,
 * window `[kernelH, kernelW]` moved by `stride`, sampled every `dilation`, output
 * `[batch, outH, outW, …]`. Input row `ih` of output row `oh`, window row `i` is
 * `oh·strideH − padTop + i·dilationH` (outside `[0, inH)` it reads a zero).
 */
export interface ConvGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly outH: number;
  readonly outW: number;
}

/** The window of a {@link convGeometry}: sizes, strides and dilations of its two axes, and the padding. */
export interface WindowOptions {
  readonly kernel: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly padding: Padding;
}

/** The {@link ConvGeometry} of sweeping `window` over NHWC input of `[batch, inH, inW, channels]`. */
export function convGeometry(inputShape: readonly number[], window: WindowOptions): ConvGeometry {
  const [batch, inH, inW, channels] = inputShape;
  const h = axisGeometry(inH, window.kernel[0], window.strides[0], window.dilation[0], window.padding);
  const w = axisGeometry(inW, window.kernel[1], window.strides[1], window.dilation[1], window.padding);
  return {
    batch, inH, inW, channels,
    kernelH: window.kernel[0], kernelW: window.kernel[1],
    strideH: window.strides[0], strideW: window.strides[1],
    dilationH: window.dilation[0], dilationW: window.dilation[1],
    padTop: h.padBefore, padLeft: w.padBefore, outH: h.outSize, outW: w.outSize,
  };
}

/**
 * True when the patches matrix of `g` is its input itself: a 1×1 window, stride 1, no
 * padding, so every output position reads exactly one input pixel's channels.
 */
export function isPointwise(g: ConvGeometry): boolean {
  return g.kernelH === 1 && g.kernelW === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0;
}
