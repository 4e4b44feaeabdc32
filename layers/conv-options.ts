/**
 * What the convolution and pooling layers share: their window options (`kernelSize`,
 * `strides`, `padding`, `dilationRate`, `dataFormat`) resolved to tuples, the NHWC input
 * spec, and the 2-D view of a 1-D sweep.
 */
import { formatJson, isArray } from '../lib/checks';
import { ConfigError, ShapeError } from '../lib/errors';
import { axisGeometry, type Padding, type WindowOptions } from '../lib/kernels';
import { formatShape, type Shape } from '../lib/tensor';
import type { Layer } from './layer';

/** The only data format layerwise has: channels last (NHWC), Keras and TensorFlow.js's default. */
export type DataFormat = 'channels_last' | 'channelsLast';

/** A window size or step: one positive integer for every spatial axis, or one per axis. */
export type IntOrTuple = number | readonly number[];

/** A window sweep's options, resolved: one entry per spatial axis. */
export interface ResolvedWindow {
  readonly size: readonly number[];
  readonly strides: readonly number[];
  readonly dilation: readonly number[];
  readonly padding: Padding;
}

/**
 * `value` as `rank` positive integers: a number repeated, or an array of `rank` of them.
 * @throws ConfigError naming `owner`, the option and the value.
 */
export function intTuple(value: unknown, rank: number, what: string, owner: string): number[] {
  const isPositive = (d: unknown): d is number => typeof d === 'number' && Number.isInteger(d) && d > 0;
  if (isPositive(value)) return Array.from({ length: rank }, () => value);
  if (isArray(value) && value.length === rank && value.every(isPositive)) return value.slice();
  const form = rank === 1 ? 'a positive integer or [n]' : `a positive integer or ${rank} positive integers`;
  throw new ConfigError(`${owner}: ${what} must be ${form}, got ${typeof value === 'number' ? String(value) : formatJson(value)}`);
}

/** @throws ConfigError unless `value` is `'valid'` or `'same'`. */
export function paddingOption(value: unknown, owner: string): Padding {
  if (value === 'valid' || value === 'same') return value;
  throw new ConfigError(`${owner}: padding must be 'valid' or 'same', got ${formatJson(value)}`);
}

/** @throws ConfigError unless `value` means channels last (`'channels_last'`, `'channelsLast'` or absent). */
export function checkDataFormat(value: unknown, owner: string): void {
  if (value === undefined || value === 'channels_last' || value === 'channelsLast') return;
  throw new ConfigError(`${owner}: dataFormat must be 'channels_last' (layerwise is NHWC only), got ${formatJson(value)}`);
}

/**
 * The input spec of a layer over `rank` spatial axes: `[?, …spatial, channels]` from a build
 * shape of rank `rank + 2` whose channel axis is known.
 * @throws ShapeError naming the layer and both shapes.
 */
export function spatialInputSpec(layer: Layer, inputShape: Shape, rank: number): Shape {
  const axes = rank === 1 ? '[?, steps, channels]' : '[?, height, width, channels]';
  if (inputShape.length !== rank + 2 || inputShape[rank + 1] === null) {
    const hint = inputShape.length === rank + 1 ? ` (a ${rank === 1 ? '[batch, steps]' : 'single-channel image'} needs a trailing channel axis of 1: Reshape first?)` : '';
    throw new ShapeError(`${layer.describe()}: input must have rank ${rank + 2}: expected ${axes}, got ${formatShape(inputShape)}${hint}`);
  }
  return [null, ...inputShape.slice(1)];
}

/** The spatial output sizes of sweeping `window` over `spatial` (a `null` axis stays `null`). */
export function spatialOutput(spatial: Shape, window: ResolvedWindow): (number | null)[] {
  return spatial.map((d, i) => (d === null ? null : axisGeometry(d, window.size[i], window.strides[i], window.dilation[i], window.padding).outSize));
}

/**
 * An NHWC shape for the kernels: `[batch, steps, channels]` becomes `[batch, 1, steps,
 * channels]`, a rank-4 shape stays as it is.
 */
export function asImageShape(shape: readonly number[]): readonly number[] {
  return shape.length === 3 ? [shape[0], 1, shape[1], shape[2]] : shape;
}

/** The 2-D window the kernels sweep: a 1-D window `[k]` as `[1, k]`. */
export function asImageWindow(window: ResolvedWindow): WindowOptions {
  const pair = (t: readonly number[]): [number, number] => (t.length === 1 ? [1, t[0]] : [t[0], t[1]]);
  return { kernel: pair(window.size), strides: pair(window.strides), dilation: pair(window.dilation), padding: window.padding };
}

