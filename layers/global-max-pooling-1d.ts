/** {@link GlobalMaxPooling1D}: the max of each channel over every position. */
import { BaseGlobalPooling, type GlobalPoolingConfig, type GlobalPoolingOptions } from './base-global-pooling';

/**
 * The global max pooling over 1 spatial axis: `Y[n, c] = max_s X[n, s, c]` over the `S` spatial positions `s`.
 *
 * Input: `[batch, steps, channels]`. Output: `[batch, channels]`.
 *
 * @throws ShapeError from forward for input of another rank.
 * @example
 * ```ts
 * const pool = new GlobalMaxPooling1D({ inputShape: [100, 8] }); // output [?, 8]
 * ```
 */
export class GlobalMaxPooling1D extends BaseGlobalPooling {
  static override readonly className: string = 'GlobalMaxPooling1D';

  constructor(options: GlobalPoolingOptions = {}) {
    super(options, 1, true);
  }

  /** `new GlobalMaxPooling1D(config)`: rebuilds a layer from {@link BaseGlobalPooling.getConfig}. */
  static fromConfig(config: GlobalPoolingConfig): GlobalMaxPooling1D {
    return new GlobalMaxPooling1D(config);
  }
}
