/**
 * Converters of the convolutions (Conv1D, Conv2D, DepthwiseConv2D, SeparableConv2D,
 * Conv2DTranspose). layerwise is channels-last and ONNX's `Conv` channels-first, so each
 * convolution is `Transpose → Conv → Transpose` (consecutive pairs cancel in any optimizer);
 * kernels are reordered to ONNX's `[out, in/group, …window]`, and 'same' padding becomes the
 * explicit pads layerwise (and TensorFlow) use: the extra row, if any, at the end.
 */
import { axisGeometry, type Padding } from '../../kernels';
import type { Tensor } from '../../tensor';
import { tensorValues, type OnnxGraphBuilder } from './graph-builder';
import { applyOwnActivation, requireWeight, spatialSizes, weightOf, type LayerConversion, type LayerConverter } from './layer-converter';

/** The window options every convolution resolves (`layer.window`). */
interface Window {
  readonly size: readonly number[];
  readonly strides: readonly number[];
  readonly dilation: readonly number[];
  readonly padding: Padding;
}

/** channels-last → channels-first and back, for `rank` spatial axes. */
export const toChannelsFirst = (rank: number): number[] => [0, rank + 1, ...Array.from({ length: rank }, (_, i) => i + 1)];
export const toChannelsLast = (rank: number): number[] => [0, ...Array.from({ length: rank }, (_, i) => i + 2), 1];

/** ONNX's `pads` (`[begin…, end…]`) for `window` over inputs of `sizes`, as layerwise pads. */
export function explicitPads(sizes: readonly number[], window: Window): number[] {
  const begin: number[] = [];
  const end: number[] = [];
  sizes.forEach((inSize, i) => {
    const { outSize, padBefore } = axisGeometry(inSize, window.size[i], window.strides[i], window.dilation[i], window.padding);
    const effective = (window.size[i] - 1) * window.dilation[i] + 1;
    const total = window.padding === 'valid' ? 0 : Math.max((outSize - 1) * window.strides[i] + effective - inSize, 0);
    begin.push(padBefore);
    end.push(total - padBefore);
  });
  return [...begin, ...end];
}

/** `Transpose → op → Transpose` of a channels-last input: `op` gets and returns channels-first values. */
export function channelsFirst(c: LayerConversion, rank: number, op: (x: string) => string): string {
  const x = c.b.transpose(c.inputs[0], toChannelsFirst(rank), `${c.hint}/nchw`);
  return c.b.transpose(op(x), toChannelsLast(rank), `${c.hint}/nhwc`);
}

/** A float32 initializer of `t`'s values with its axes in the order `perm`. */
function permutedWeight(b: OnnxGraphBuilder, hint: string, t: Tensor, perm: readonly number[]): string {
  return b.weight(hint, t.transpose(...perm));
}

/** The attributes of one `Conv` over `sizes`. */
function convAttributes(c: LayerConversion, window: Window, group = 1): Record<string, { ints: number[] } | { int: number }> {
  return {
    kernel_shape: { ints: window.size.slice() }, strides: { ints: window.strides.slice() }, dilations: { ints: window.dilation.slice() },
    pads: { ints: explicitPads(spatialSizes(c), window) }, group: { int: group },
  };
}

const windowOf = (c: LayerConversion): Window => (c.layer as unknown as { window: Window }).window;

/** Conv1D and Conv2D: kernel `[…window, in, out]` → `[out, in, …window]`. */
const conv: LayerConverter = (c) => {
  const window = windowOf(c);
  const rank = window.size.length;
  const W = requireWeight(c.layer, 'kernel');
  const bias = weightOf(c.layer, 'bias');
  const z = channelsFirst(c, rank, (x) => {
    const inputs = [x, permutedWeight(c.b, `${c.hint}/kernel`, W, [rank + 1, rank, ...Array.from({ length: rank }, (_, i) => i)])];
    if (bias) inputs.push(c.b.weight(`${c.hint}/bias`, bias));
    return c.b.node('Conv', inputs, `${c.hint}/conv`, convAttributes(c, window));
  });
  return applyOwnActivation(c, z);
};

/**
 * A depthwise kernel `[kh, kw, C, M]` as ONNX's grouped kernel `[C·M, 1, kh, kw]`: output
 * channel `c·M + m` is filter `m` of input channel `c`, as layerwise orders them.
 */
function depthwiseKernel(b: OnnxGraphBuilder, hint: string, K: Tensor): string {
  const [kh, kw, C, M] = K.shape;
  const values = tensorValues(K);
  const out = new Float64Array(values.length);
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let o = 0; o < C * M; o++) out[(o * kh + i) * kw + j] = values[(i * kw + j) * C * M + o];
  return b.floats(hint, [C * M, 1, kh, kw], out);
}

/** DepthwiseConv2D: a `Conv` with one group per input channel. */
const depthwiseConv: LayerConverter = (c) => {
  const window = windowOf(c);
  const K = requireWeight(c.layer, 'depthwise_kernel');
  const bias = weightOf(c.layer, 'bias');
  const z = channelsFirst(c, 2, (x) => {
    const inputs = [x, depthwiseKernel(c.b, `${c.hint}/depthwise_kernel`, K)];
    if (bias) inputs.push(c.b.weight(`${c.hint}/bias`, bias));
    return c.b.node('Conv', inputs, `${c.hint}/conv`, convAttributes(c, window, K.shape[2]));
  });
  return applyOwnActivation(c, z);
};

/** SeparableConv2D: the depthwise `Conv` (window, strides, padding), then a 1×1 `Conv` with the bias. */
const separableConv: LayerConverter = (c) => {
  const window = windowOf(c);
  const K = requireWeight(c.layer, 'depthwise_kernel');
  const P = requireWeight(c.layer, 'pointwise_kernel');
  const bias = weightOf(c.layer, 'bias');
  const z = channelsFirst(c, 2, (x) => {
    const depthwise = c.b.node('Conv', [x, depthwiseKernel(c.b, `${c.hint}/depthwise_kernel`, K)], `${c.hint}/depthwise`, convAttributes(c, window, K.shape[2]));
    const inputs = [depthwise, permutedWeight(c.b, `${c.hint}/pointwise_kernel`, P, [3, 2, 0, 1])];
    if (bias) inputs.push(c.b.weight(`${c.hint}/bias`, bias));
    return c.b.node('Conv', inputs, `${c.hint}/pointwise`, { kernel_shape: { ints: [1, 1] } });
  });
  return applyOwnActivation(c, z);
};

/**
 * Conv2DTranspose: kernel `[kh, kw, out, in]` → ONNX's `[in, out, kh, kw]`; the output size is
 * given as `output_shape` (layerwise's: `in·s` for 'same', `(in − 1)·s + k_eff` for 'valid'),
 * from which ONNX Runtime derives the pads, placing the odd one at the end as TensorFlow does.
 */
const convTranspose: LayerConverter = (c) => {
  const window = windowOf(c);
  const W = requireWeight(c.layer, 'kernel');
  const bias = weightOf(c.layer, 'bias');
  spatialSizes(c);
  const outSizes = c.outputShape.slice(1, -1) as number[];
  const z = channelsFirst(c, 2, (x) => {
    const inputs = [x, permutedWeight(c.b, `${c.hint}/kernel`, W, [3, 2, 0, 1])];
    if (bias) inputs.push(c.b.weight(`${c.hint}/bias`, bias));
    return c.b.node('ConvTranspose', inputs, `${c.hint}/conv_transpose`, {
      kernel_shape: { ints: window.size.slice() }, strides: { ints: window.strides.slice() }, dilations: { ints: window.dilation.slice() },
      output_shape: { ints: outSizes }, auto_pad: 'SAME_UPPER',
    });
  });
  return applyOwnActivation(c, z);
};

/** The convolutions' converters by class name. */
export const CONV_CONVERTERS: Record<string, LayerConverter> = {
  Conv1D: conv,
  Conv2D: conv,
  DepthwiseConv2D: depthwiseConv,
  SeparableConv2D: separableConv,
  Conv2DTranspose: convTranspose,
};
