/**
 * {@link BaseGlobalPooling}: the max or mean of each channel over all spatial positions,
 * shared by the four global pooling layers.
 */
import { globalAvgPool, globalAvgPoolBackward, globalAvgPoolMasked, globalAvgPoolMaskedBackward, globalMaxPool, maxPoolBackward } from '../lib/kernels';
import { ShapeError } from '../lib/errors';
import { formatShape } from '../lib/tensor';
import type { Mask } from './mask';
import type { Shape, Tensor } from '../lib/tensor';
import { checkDataFormat, spatialInputSpec, type DataFormat } from './conv-options';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of the global pooling layers. */
export interface GlobalPoolingOptions extends LayerOptions {
  /** Only channels last is supported. @defaultValue 'channels_last' */
  dataFormat?: DataFormat;
}

/** The JSON form of a global pooling layer. */
export interface GlobalPoolingConfig extends LayerConfig {
  dataFormat: 'channels_last';
}

/**
 * Global pooling, channels last: `Y[n, c]` is the max (or the mean) of `X[n, …, c]` over the
 * `S` spatial positions. No weights. Max caches the arg-max of each `(n, c)` when training.
 */
export abstract class BaseGlobalPooling extends Layer {
  static override readonly optionKeys: readonly string[] = ['dataFormat'];
  private readonly rank: number;
  private readonly isMax: boolean;
  private argmax = new Int32Array(0);
  private inputShapeSeen: readonly number[] | null = null;
  /** GlobalAveragePooling1D with a mask: the mask and each sample's count of data steps, from the latest training forward. */
  private maskSeen: Mask | null = null;
  private counts = new Float64Array(0);

  constructor(options: GlobalPoolingOptions, rank: number, isMax: boolean) {
    super(options);
    checkDataFormat(options.dataFormat, this.className);
    this.rank = rank;
    this.isMax = isMax;
  }

  /** Input: `[batch, …spatial, channels]`. Output: `[batch, channels]`. */
  computeOutputShape(inputShape: Shape): Shape {
    spatialInputSpec(this, inputShape, this.rank);
    return [inputShape[0], inputShape[inputShape.length - 1]];
  }

  override getConfig(): GlobalPoolingConfig {
    return { ...super.getConfig(), dataFormat: 'channels_last' };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return spatialInputSpec(this, inputShape, this.rank);
  }

  /**
   * The max (recording its position) or the mean of each channel, into the reused `[batch,
   * channels]` buffer. GlobalAveragePooling1D given a mask (after `Embedding({ maskZero })` or
   * `Masking`) averages the data steps only, as Keras does.
   */
  protected call(x: Tensor, training: boolean): Tensor {
    const channels = x.shape[x.shape.length - 1];
    const y = this.buffer('Y', [x.shape[0], channels]);
    const positions = x.size / y.size;
    const mask = !this.isMax && this.rank === 1 ? this.inputMask(0) : null;
    this.maskSeen = training ? mask : null;
    if (mask !== null) {
      if (mask.shape[0] !== x.shape[0] || mask.shape[1] !== x.shape[1]) {
        throw new ShapeError(`${this.describe()}: the mask must be [batch, steps] = [${x.shape[0]}, ${x.shape[1]}], got ${formatShape(mask.shape)}`);
      }
      if (this.counts.length !== x.shape[0]) this.counts = new Float64Array(x.shape[0]);
      globalAvgPoolMasked(y, this.counts, x, mask, positions);
    } else if (this.isMax) {
      if (this.argmax.length !== y.size) this.argmax = new Int32Array(y.size);
      globalMaxPool(y, this.argmax, x, positions);
    } else {
      globalAvgPool(y, x, positions);
    }
    this.inputShapeSeen = training ? x.shape : null;
    return y;
  }

  /**
   * Mean over `S` positions: `∂Y[n, c]/∂X[n, s, c] = 1/S`, so `dAPrev[n, s, c] = dOut[n, c]/S`;
   * masked, `m[n, s]/Σ_s m[n, s]` (0 at masked steps).
   * Max: the derivative is 1 at the arg-max and 0 elsewhere, so `dOut[n, c]` goes to the winner.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const dAPrev = this.buffer('dAPrev', this.inputShapeSeen as readonly number[]);
    if (this.maskSeen !== null) return globalAvgPoolMaskedBackward(dAPrev, dOut, this.counts, this.maskSeen, dAPrev.size / dOut.size);
    return this.isMax ? maxPoolBackward(dAPrev, dOut, this.argmax) : globalAvgPoolBackward(dAPrev, dOut, dAPrev.size / dOut.size);
  }
}
