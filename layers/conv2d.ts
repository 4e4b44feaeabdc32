/** {@link Conv2D}: the 2-D convolution over NHWC images. */
import { BaseConv, type ConvConfig, type ConvOptions } from './base-conv';

/**
 * A 2-D convolution, channels last: `Z[n, oh, ow, f] = b_f + Σ_{i,j,c} X[n, oh·sh − pt + i·dh,
 * ow·sw − pl + j·dw, c]·W[i, j, c, f]` (zero outside the image), then `Y = activation(Z)`.
 * `W` (`kernel`) is `[kh, kw, inChannels, filters]` and `b` (`bias`) `[filters]`, as in Keras.
 * `'same'` padding gives `⌈in / stride⌉` outputs with TensorFlow's split of the padding (the
 * odd one after). Computed as one GEMM on the `im2col` patches (see {@link BaseConv}).
 *
 * Input: `[batch, height, width, inChannels]`. Output: `[batch, outHeight, outWidth, filters]`.
 *
 * @throws ConfigError for a `filters`, `kernelSize`, `strides` or `dilationRate` that is not a
 * positive integer (or one per axis), a `padding` other than `'valid'`/`'same'`, a data format
 * other than channels last, or an unknown activation, initializer or regularizer.
 * @throws ShapeError from forward for input that is not rank 4 with the built channel count.
 * @example
 * ```ts
 * const conv = new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] });
 * conv.computeOutputShape([null, 28, 28, 1]); // [null, 26, 26, 32]
 * ```
 */
export class Conv2D extends BaseConv {
  static override readonly className: string = 'Conv2D';

  constructor(options: ConvOptions = {} as ConvOptions) {
    super(options, 2);
  }

  /** `new Conv2D(config)`: rebuilds a layer from {@link BaseConv.getConfig}. */
  static fromConfig(config: ConvConfig): Conv2D {
    return new Conv2D(config);
  }
}
