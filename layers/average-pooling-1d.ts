/** {@link AveragePooling1D}: average pooling over 1 spatial axis. */
import { BasePooling, type PoolingConfig, type PoolingOptions } from './base-pooling';

/**
 * The 1-D average pooling: each output is the mean of its window in one channel over the window's `T` taps inside the input, `Y[…, c] = (1/T)·Σ X[…, c]` (padding is not counted, as in TensorFlow).
 * Windows are `poolSize` wide and `strides` apart (default: `poolSize`).
 *
 * Input: `[batch, steps, channels]`. Output: `[batch, outSteps, channels]`.
 *
 * @throws ConfigError for a `poolSize` or `strides` that is not a positive integer (or one per axis), or a bad `padding`.
 * @throws ShapeError from forward for input of another rank.
 * @example
 * ```ts
 * const pool = new AveragePooling1D({ poolSize: 2, inputShape: [100, 8] }); // output [?, 50, 8]
 * ```
 */
export class AveragePooling1D extends BasePooling {
  static override readonly className: string = 'AveragePooling1D';

  constructor(options: PoolingOptions = {}) {
    super(options, 1, false);
  }

  /** `new AveragePooling1D(config)`: rebuilds a layer from {@link BasePooling.getConfig}. */
  static fromConfig(config: PoolingConfig): AveragePooling1D {
    return new AveragePooling1D(config);
  }
}
