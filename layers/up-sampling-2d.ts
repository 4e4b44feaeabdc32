/** {@link UpSampling2D}: nearest-neighbour upsampling of each image. */
import { formatJson } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import { upsampleNearest, upsampleNearestBackward } from '../lib/kernels';
import type { Shape, Tensor } from '../lib/tensor';
import { checkDataFormat, intTuple, spatialInputSpec, type DataFormat, type IntOrTuple } from './conv-options';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of {@link UpSampling2D}. */
export interface UpSampling2DOptions extends LayerOptions {
  /** The repeat factor of rows and columns. @defaultValue 2 */
  size?: IntOrTuple;
  /** Only `'nearest'` is supported. @defaultValue 'nearest' */
  interpolation?: 'nearest';
  /** Only channels last is supported. @defaultValue 'channels_last' */
  dataFormat?: DataFormat;
}

/** The JSON form of an {@link UpSampling2D}. */
export interface UpSampling2DConfig extends LayerConfig {
  size: number[];
  interpolation: 'nearest';
  dataFormat: 'channels_last';
}

/**
 * Repeats every pixel into an `sh × sw` block: `Y[n, h, w, c] = X[n, ⌊h/sh⌋, ⌊w/sw⌋, c]`.
 *
 * Input: `[batch, height, width, channels]`. Output: `[batch, height·sh, width·sw, channels]`.
 * @throws ConfigError for a size that is not a positive integer (or two), or an interpolation other than `'nearest'`.
 * @example
 * ```ts
 * const up = new UpSampling2D({ size: 2, inputShape: [7, 7, 16] }); // output [?, 14, 14, 16]
 * ```
 */
export class UpSampling2D extends Layer {
  static override readonly className: string = 'UpSampling2D';
  static override readonly optionKeys: readonly string[] = ['size', 'interpolation', 'dataFormat'];

  /** `[sh, sw]`. */
  readonly size: readonly number[];

  constructor(options: UpSampling2DOptions = {}) {
    super(options);
    checkDataFormat(options.dataFormat, 'UpSampling2D');
    if (options.interpolation !== undefined && options.interpolation !== 'nearest') {
      throw new ConfigError(`UpSampling2D: interpolation must be 'nearest', got ${formatJson(options.interpolation)}`);
    }
    this.size = intTuple(options.size ?? 2, 2, 'size', 'UpSampling2D');
  }

  /** `new UpSampling2D(config)`: rebuilds a layer from {@link UpSampling2D.getConfig}. */
  static fromConfig(config: UpSampling2DConfig): UpSampling2D {
    return new UpSampling2D(config);
  }

  /** Input: `[batch, h, w, c]`. Output: `[batch, h·sh, w·sw, c]`. */
  computeOutputShape(inputShape: Shape): Shape {
    spatialInputSpec(this, inputShape, 2);
    const [batch, h, w, c] = inputShape;
    return [batch, h === null ? null : h * this.size[0], w === null ? null : w * this.size[1], c];
  }

  override getConfig(): UpSampling2DConfig {
    return { ...super.getConfig(), size: this.size.slice(), interpolation: 'nearest', dataFormat: 'channels_last' };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return spatialInputSpec(this, inputShape, 2);
  }

  /** Each pixel repeated into its block of the reused output buffer. */
  protected call(x: Tensor): Tensor {
    return upsampleNearest(this.buffer('Y', this.computeOutputShape(x.shape) as number[]), x, this.size[0], this.size[1]);
  }

  /** Each output copies one input, so `∂L/∂X[n, h, w, c]` is the sum of `dOut` over that pixel's block. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const [batch, h, w, c] = dOut.shape;
    return upsampleNearestBackward(this.buffer('dAPrev', [batch, h / this.size[0], w / this.size[1], c]), dOut, this.size[0], this.size[1]);
  }
}
