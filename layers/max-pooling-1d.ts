/** {@link MaxPooling1D}: max pooling over 1 spatial axis. */
import { BasePooling, type PoolingConfig, type PoolingOptions } from './base-pooling';

/**
 * The 1-D max pooling: each output is the largest value of its window in one channel, `Y[…, c] = max over the window's taps inside the input of X[…, c]`.
 * Windows are `poolSize` wide and `strides` apart (default: `poolSize`).
 *
 * Input: `[batch, steps, channels]`. Output: `[batch, outSteps, channels]`.
 *
 * @throws ConfigError for a `poolSize` or `strides` that is not a positive integer (or one per axis), or a bad `padding`.
 * @throws ShapeError from forward for input of another rank.
 * @example
 * ```ts
 * const pool = new MaxPooling1D({ poolSize: 2, inputShape: [100, 8] }); // output [?, 50, 8]
 * ```
 */
export class MaxPooling1D extends BasePooling {
  static override readonly className: string = 'MaxPooling1D';

  constructor(options: PoolingOptions = {}) {
    super(options, 1, true);
  }

  /** `new MaxPooling1D(config)`: rebuilds a layer from {@link BasePooling.getConfig}. */
  static fromConfig(config: PoolingConfig): MaxPooling1D {
    return new MaxPooling1D(config);
  }
}
