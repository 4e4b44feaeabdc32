/** {@link AveragePooling2D}: average pooling over 2 spatial axises. */
import { BasePooling, type PoolingConfig, type PoolingOptions } from './base-pooling';

/**
 * The 2-D average pooling: each output is the mean of its window in one channel over the window's `T` taps inside the input, `Y[…, c] = (1/T)·Σ X[…, c]` (padding is not counted, as in TensorFlow).
 * Windows are `poolSize` wide and `strides` apart (default: `poolSize`).
 *
 * Input: `[batch, height, width, channels]`. Output: `[batch, outHeight, outWidth, channels]`.
 *
 * @throws ConfigError for a `poolSize` or `strides` that is not a positive integer (or one per axis), or a bad `padding`.
 * @throws ShapeError from forward for input of another rank.
 * @example
 * ```ts
 * const pool = new AveragePooling2D({ poolSize: 2, inputShape: [28, 28, 32] }); // output [?, 14, 14, 32]
 * ```
 */
export class AveragePooling2D extends BasePooling {
  static override readonly className: string = 'AveragePooling2D';

  constructor(options: PoolingOptions = {}) {
    super(options, 2, false);
  }

  /** `new AveragePooling2D(config)`: rebuilds a layer from {@link BasePooling.getConfig}. */
  static fromConfig(config: PoolingConfig): AveragePooling2D {
    return new AveragePooling2D(config);
  }
}
