/** {@link Cropping2D}: rows and columns cut from the edges of each image. */
import { ShapeError } from '../lib/errors';
import { cropImage, padImage } from '../lib/kernels';
import { formatShape, type Shape, type Tensor } from '../lib/tensor';
import { checkDataFormat, spatialInputSpec, type DataFormat } from './conv-options';
import { resolveMargins, type Margins, type MarginsOption } from './image-margins';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of {@link Cropping2D}. */
export interface Cropping2DOptions extends LayerOptions {
  /** The rows and columns cut: `k` from every side, `[rows, cols]` from both sides of each axis, or `[[top, bottom], [left, right]]`. @defaultValue 0 */
  cropping?: MarginsOption;
  /** Only channels last is supported. @defaultValue 'channels_last' */
  dataFormat?: DataFormat;
}

/** The JSON form of a {@link Cropping2D}. */
export interface Cropping2DConfig extends LayerConfig {
  cropping: Margins;
  dataFormat: 'channels_last';
}

/**
 * Crops each image: `Y[n, h, w, c] = X[n, top + h, left + w, c]`.
 *
 * Input: `[batch, height, width, channels]`. Output: `[batch, height − top − bottom, width − left − right, channels]`.
 * @throws ConfigError for cropping that is not a non-negative integer in one of the three forms.
 * @throws ShapeError when the cropping leaves no row or column.
 * @example
 * ```ts
 * const crop = new Cropping2D({ cropping: [[2, 2], [4, 4]], inputShape: [28, 28, 3] }); // output [?, 24, 20, 3]
 * ```
 */
export class Cropping2D extends Layer {
  static override readonly className: string = 'Cropping2D';
  static override readonly optionKeys: readonly string[] = ['cropping', 'dataFormat'];

  /** `[[top, bottom], [left, right]]`. */
  readonly cropping: Margins;

  constructor(options: Cropping2DOptions = {}) {
    super(options);
    checkDataFormat(options.dataFormat, 'Cropping2D');
    this.cropping = resolveMargins(options.cropping ?? 0, 'cropping', 'Cropping2D');
  }

  /** `new Cropping2D(config)`: rebuilds a layer from {@link Cropping2D.getConfig}. */
  static fromConfig(config: Cropping2DConfig): Cropping2D {
    return new Cropping2D(config);
  }

  /** Input: `[batch, h, w, c]`. Output: `[batch, h − t − b, w − l − r, c]`. */
  computeOutputShape(inputShape: Shape): Shape {
    spatialInputSpec(this, inputShape, 2);
    const [[top, bottom], [left, right]] = this.cropping;
    const [batch, h, w, c] = inputShape;
    const outH = h === null ? null : h - top - bottom, outW = w === null ? null : w - left - right;
    if ((outH !== null && outH <= 0) || (outW !== null && outW <= 0)) {
      throw new ShapeError(`${this.describe()}: cropping ${JSON.stringify(this.cropping)} leaves nothing of the input: expected more than ${top + bottom} rows and ${left + right} columns, got ${formatShape(inputShape)}`);
    }
    return [batch, outH, outW, c];
  }

  override getConfig(): Cropping2DConfig {
    return { ...super.getConfig(), cropping: [[...this.cropping[0]], [...this.cropping[1]]], dataFormat: 'channels_last' };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    this.computeOutputShape(inputShape);
    return spatialInputSpec(this, inputShape, 2);
  }

  /** The window of `X` at `(top, left)` into the reused output buffer. */
  protected call(x: Tensor): Tensor {
    return cropImage(this.buffer('Y', this.computeOutputShape(x.shape) as number[]), x, this.cropping[0][0], this.cropping[1][0]);
  }

  /** `Y` is a window of `X`, so `∂L/∂X` is `dOut` at `(top, left)` and zero on the cropped edges. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const [batch, h, w, c] = dOut.shape;
    const [[top, bottom], [left, right]] = this.cropping;
    return padImage(this.buffer('dAPrev', [batch, h + top + bottom, w + left + right, c]), dOut, top, left);
  }
}
