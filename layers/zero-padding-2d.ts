/** {@link ZeroPadding2D}: rows and columns of zeros around each image. */
import type { Shape, Tensor } from '../lib/tensor';
import { cropImage, padImage } from '../lib/kernels';
import { checkDataFormat, spatialInputSpec, type DataFormat } from './conv-options';
import { resolveMargins, type Margins, type MarginsOption } from './image-margins';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of {@link ZeroPadding2D}. */
export interface ZeroPadding2DOptions extends LayerOptions {
  /** The zeros added: `p` on every side, `[rows, cols]` on both sides of each axis, or `[[top, bottom], [left, right]]`. @defaultValue 1 */
  padding?: MarginsOption;
  /** Only channels last is supported. @defaultValue 'channels_last' */
  dataFormat?: DataFormat;
}

/** The JSON form of a {@link ZeroPadding2D}. */
export interface ZeroPadding2DConfig extends LayerConfig {
  padding: Margins;
  dataFormat: 'channels_last';
}

/**
 * Pads each image with zeros: `Y[n, top + h, left + w, c] = X[n, h, w, c]`, zero elsewhere.
 *
 * Input: `[batch, height, width, channels]`. Output: `[batch, top + height + bottom, left + width + right, channels]`.
 * @throws ConfigError for padding that is not a non-negative integer in one of the three forms.
 * @example
 * ```ts
 * const pad = new ZeroPadding2D({ padding: [[1, 2], [0, 1]], inputShape: [4, 4, 3] }); // output [?, 7, 5, 3]
 * ```
 */
export class ZeroPadding2D extends Layer {
  static override readonly className: string = 'ZeroPadding2D';
  static override readonly optionKeys: readonly string[] = ['padding', 'dataFormat'];

  /** `[[top, bottom], [left, right]]`. */
  readonly padding: Margins;

  constructor(options: ZeroPadding2DOptions = {}) {
    super(options);
    checkDataFormat(options.dataFormat, 'ZeroPadding2D');
    this.padding = resolveMargins(options.padding ?? 1, 'padding', 'ZeroPadding2D');
  }

  /** `new ZeroPadding2D(config)`: rebuilds a layer from {@link ZeroPadding2D.getConfig}. */
  static fromConfig(config: ZeroPadding2DConfig): ZeroPadding2D {
    return new ZeroPadding2D(config);
  }

  /** Input: `[batch, h, w, c]`. Output: `[batch, t + h + b, l + w + r, c]`. */
  computeOutputShape(inputShape: Shape): Shape {
    spatialInputSpec(this, inputShape, 2);
    const [[top, bottom], [left, right]] = this.padding;
    const [batch, h, w, c] = inputShape;
    return [batch, h === null ? null : top + h + bottom, w === null ? null : left + w + right, c];
  }

  override getConfig(): ZeroPadding2DConfig {
    return { ...super.getConfig(), padding: [[...this.padding[0]], [...this.padding[1]]], dataFormat: 'channels_last' };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return spatialInputSpec(this, inputShape, 2);
  }

  /** `X` copied into the middle of the reused zero-bordered output buffer. */
  protected call(x: Tensor): Tensor {
    return padImage(this.buffer('Y', this.computeOutputShape(x.shape) as number[]), x, this.padding[0][0], this.padding[1][0]);
  }

  /** `Y` is `X` placed at `(top, left)`, so `∂L/∂X` is the same window of `dOut`: the padding's gradient is dropped. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const [batch, h, w, c] = dOut.shape;
    const [[top, bottom], [left, right]] = this.padding;
    return cropImage(this.buffer('dAPrev', [batch, h - top - bottom, w - left - right, c]), dOut, top, left);
  }
}
