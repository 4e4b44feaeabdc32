/** {@link MaxPooling2D}: max pooling over 2 spatial axises. */
import { BasePooling, type PoolingConfig, type PoolingOptions } from './base-pooling';

/**
 * The 2-D max pooling: each output is the largest value of its window in one channel, `Y[…, c] = max over the window's taps inside the input of X[…, c]`.
 * Windows are `poolSize` wide and `strides` apart (default: `poolSize`).
 *
 * Input: `[batch, height, width, channels]`. Output: `[batch, outHeight, outWidth, channels]`.
 *
 * @throws ConfigError for a `poolSize` or `strides` that is not a positive integer (or one per axis), or a bad `padding`.
 * @throws ShapeError from forward for input of another rank.
 * @example
 * ```ts
 * const pool = new MaxPooling2D({ poolSize: 2, inputShape: [28, 28, 32] }); // output [?, 14, 14, 32]
 * ```
 */
export class MaxPooling2D extends BasePooling {
  static override readonly className: string = 'MaxPooling2D';

  constructor(options: PoolingOptions = {}) {
    super(options, 2, true);
  }

  /** `new MaxPooling2D(config)`: rebuilds a layer from {@link BasePooling.getConfig}. */
  static fromConfig(config: PoolingConfig): MaxPooling2D {
    return new MaxPooling2D(config);
  }
}
