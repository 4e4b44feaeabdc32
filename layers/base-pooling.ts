/**
 * {@link BasePooling}: max or average pooling over one or two spatial axes, shared by
 * {@link MaxPooling1D}, {@link MaxPooling2D}, {@link AveragePooling1D} and {@link AveragePooling2D}.
 */
import { avgPool, avgPoolBackward, convGeometry, maxPool, maxPoolBackward, type ConvGeometry, type Padding } from '../lib/kernels';
import { kernelInt32 } from '../lib/kernels/kernel-zeros';
import type { Shape, Tensor } from '../lib/tensor';
import {
  asImageShape, asImageWindow, checkDataFormat, intTuple, paddingOption, spatialInputSpec, spatialOutput,
  type DataFormat, type IntOrTuple, type ResolvedWindow,
} from './conv-options';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of the pooling layers. */
export interface PoolingOptions extends LayerOptions {
  /** The window, per spatial axis. @defaultValue 2 */
  poolSize?: IntOrTuple;
  /** The step between windows, per spatial axis. @defaultValue `poolSize` */
  strides?: IntOrTuple;
  /** `'valid'` or `'same'` (TensorFlow's rule; padding never takes part in a max or mean). @defaultValue 'valid' */
  padding?: Padding;
  /** Only channels last is supported. @defaultValue 'channels_last' */
  dataFormat?: DataFormat;
}

/** The JSON form of a pooling layer. */
export interface PoolingConfig extends LayerConfig {
  poolSize: number[];
  padding: Padding;
  strides: number[];
  dataFormat: 'channels_last';
}

/**
 * Pooling, channels last: each output is the max (or the mean) of a window of one channel,
 * taken over the window's taps inside the input. No weights. Max pooling caches the arg-max
 * of every output when training; average pooling caches only the geometry.
 */
export abstract class BasePooling extends Layer {
  static override readonly optionKeys: readonly string[] = ['poolSize', 'strides', 'padding', 'dataFormat'];
  /** The window, strides and padding, one entry per spatial axis (dilation 1). */
  readonly window: ResolvedWindow;

  private readonly rank: number;
  private readonly isMax: boolean;
  /** Max pooling's arg-max indices of the latest training forward: a view of the start of {@link BasePooling.argmaxBlock}. */
  private argmax: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** The largest arg-max block a batch has needed, reused by smaller batches (as `Layer.buffer` reuses its blocks). */
  private argmaxBlock: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private geometry: ConvGeometry | null = null;
  private inputShapeSeen: readonly number[] | null = null;

  constructor(options: PoolingOptions, rank: number, isMax: boolean) {
    super(options);
    const owner = this.className;
    checkDataFormat(options.dataFormat, owner);
    const size = intTuple(options.poolSize ?? 2, rank, 'poolSize', owner);
    this.window = {
      size,
      strides: intTuple(options.strides ?? size, rank, 'strides', owner),
      dilation: size.map(() => 1),
      padding: paddingOption(options.padding ?? 'valid', owner),
    };
    this.rank = rank;
    this.isMax = isMax;
  }

  /** Input: `[batch, …spatial, channels]`. Output: `[batch, …outSpatial, channels]`. */
  computeOutputShape(inputShape: Shape): Shape {
    spatialInputSpec(this, inputShape, this.rank);
    return [inputShape[0], ...spatialOutput(inputShape.slice(1, -1), this.window), inputShape[inputShape.length - 1]];
  }

  override getConfig(): PoolingConfig {
    return {
      ...super.getConfig(),
      poolSize: this.window.size.slice(),
      padding: this.window.padding,
      strides: this.window.strides.slice(),
      dataFormat: 'channels_last',
    };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return spatialInputSpec(this, inputShape, this.rank);
  }

  /** The max (recording its position) or the mean of each window, into the reused output buffer. */
  protected call(x: Tensor, training: boolean): Tensor {
    const g = convGeometry(asImageShape(x.shape), asImageWindow(this.window));
    const outShape = this.rank === 1 ? [g.batch, g.outW, g.channels] : [g.batch, g.outH, g.outW, g.channels];
    const y = this.buffer('Y', outShape);
    if (this.isMax) {
      if (training && this.argmax.length !== y.size) {
        if (this.argmaxBlock.length < y.size) this.argmaxBlock = kernelInt32(y.size);
        this.argmax = this.argmaxBlock.length === y.size ? this.argmaxBlock : this.argmaxBlock.subarray(0, y.size);
      }
      maxPool(y, training ? this.argmax : null, x, g);
    } else {
      avgPool(y, x, g);
    }
    this.geometry = g;
    this.inputShapeSeen = training ? x.shape : null;
    return y;
  }

  /**
   * Max: `∂ max_k x_k/∂x_j` is 1 for the arg-max and 0 elsewhere, so each `dOut` goes to the
   * input that won its window. Average over `T` taps: `∂/∂x_j = 1/T` for each tap, so each
   * `dOut/T` is spread over its window. Overlapping windows add up.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const dAPrev = this.buffer('dAPrev', this.inputShapeSeen as readonly number[]);
    return this.isMax ? maxPoolBackward(dAPrev, dOut, this.argmax) : avgPoolBackward(dAPrev, dOut, this.geometry as ConvGeometry);
  }
}
