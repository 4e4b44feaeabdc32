/**
 * Converters of the pooling and spatial layers: MaxPooling and AveragePooling (1-D and 2-D, as
 * channels-first `MaxPool`/`AveragePool` between Transposes; 'same' average pooling divides by
 * the window's cells inside the input, ONNX's `count_include_pad = 0`), the global poolings
 * (`ReduceMean`/`ReduceMax` over the spatial axes, channels-last as they are), ZeroPadding2D
 * (`Pad`), Cropping1D/2D (`Slice`) and UpSampling2D (nearest: reshape, expand, reshape).
 */
import type { Padding } from '../../kernels';
import { channelsFirst, explicitPads } from './conv-converters';
import { spatialSizes, type LayerConverter } from './layer-converter';

/** The window options every pooling layer resolves (`layer.window`; dilation 1). */
interface PoolWindow {
  readonly size: readonly number[];
  readonly strides: readonly number[];
  readonly padding: Padding;
}

/** MaxPool or AveragePool over the layer's window. */
const pool = (op: 'MaxPool' | 'AveragePool'): LayerConverter => (c) => {
  const window = (c.layer as unknown as { window: PoolWindow }).window;
  const rank = window.size.length;
  const pads = explicitPads(spatialSizes(c), { ...window, dilation: window.size.map(() => 1) });
  return channelsFirst(c, rank, (x) => c.b.node(op, [x], `${c.hint}/${op.toLowerCase()}`, {
    kernel_shape: { ints: window.size.slice() }, strides: { ints: window.strides.slice() }, pads: { ints: pads },
    ...(op === 'AveragePool' ? { count_include_pad: { int: 0 } } : {}),
  }));
};

/** The mean or maximum over the spatial axes `1…rank` of a channels-last input. */
const globalPool = (op: 'ReduceMean' | 'ReduceMax', rank: number): LayerConverter => (c) =>
  c.b.node(op, [c.inputs[0]], c.hint, { axes: { ints: Array.from({ length: rank }, (_, i) => i + 1) }, keepdims: { int: 0 } });

/** `Pad` with zeros: `[[top, bottom], [left, right]]` → ONNX's `[0, top, left, 0, 0, bottom, right, 0]`. */
const zeroPadding2D: LayerConverter = (c) => {
  const [[top, bottom], [left, right]] = c.config.padding as [[number, number], [number, number]];
  return c.b.node('Pad', [c.inputs[0], c.b.int64s(`${c.hint}/pads`, [0, top, left, 0, 0, bottom, right, 0])], c.hint);
};

/** `Slice` of the spatial axes, `margins[i] = [start, end]` cut from axis `i + 1`. */
function crop(c: Parameters<LayerConverter>[0], margins: readonly (readonly [number, number])[]): string {
  const sizes = spatialSizes(c);
  const starts = margins.map((m) => m[0]);
  const ends = margins.map((m, i) => sizes[i] - m[1]);
  const axes = margins.map((_, i) => i + 1);
  const { b, hint } = c;
  return b.node('Slice', [c.inputs[0], b.int64s(`${hint}/starts`, starts), b.int64s(`${hint}/ends`, ends), b.int64s(`${hint}/axes`, axes)], hint);
}

/** Nearest-neighbour upsampling: `[N, H, W, C]` → `[N, H, 1, W, 1, C]`, expanded to `[N, H, sh, W, sw, C]`, → `[N, H·sh, W·sw, C]`. */
const upSampling2D: LayerConverter = (c) => {
  const [H, W] = spatialSizes(c);
  const C = c.inputShapes[0][3] as number;
  const [sh, sw] = c.config.size as number[];
  const { b, hint } = c;
  const split = b.reshape(c.inputs[0], [0, H, 1, W, 1, C], `${hint}/split`);
  const expanded = b.node('Expand', [split, b.int64s(`${hint}/repeat`, [1, H, sh, W, sw, C])], `${hint}/expand`);
  return b.reshape(expanded, [0, H * sh, W * sw, C], hint);
};

/** The pooling and spatial layers' converters by class name. */
export const SPATIAL_CONVERTERS: Record<string, LayerConverter> = {
  MaxPooling1D: pool('MaxPool'),
  MaxPooling2D: pool('MaxPool'),
  AveragePooling1D: pool('AveragePool'),
  AveragePooling2D: pool('AveragePool'),
  GlobalAveragePooling1D: globalPool('ReduceMean', 1),
  GlobalAveragePooling2D: globalPool('ReduceMean', 2),
  GlobalMaxPooling1D: globalPool('ReduceMax', 1),
  GlobalMaxPooling2D: globalPool('ReduceMax', 2),
  ZeroPadding2D: zeroPadding2D,
  Cropping1D: (c) => crop(c, [c.config.cropping as [number, number]]),
  Cropping2D: (c) => crop(c, c.config.cropping as [[number, number], [number, number]]),
  UpSampling2D: upSampling2D,
};
