/** {@link GlobalMaxPooling2D}: the max of each channel over every position. */
import { BaseGlobalPooling, type GlobalPoolingConfig, type GlobalPoolingOptions } from './base-global-pooling';

/**
 * The global max pooling over 2 spatial axises: `Y[n, c] = max_s X[n, s, c]` over the `S` spatial positions `s`.
 *
 * Input: `[batch, height, width, channels]`. Output: `[batch, channels]`.
 *
 * @throws ShapeError from forward for input of another rank.
 * @example
 * ```ts
 * const pool = new GlobalMaxPooling2D({ inputShape: [7, 7, 64] }); // output [?, 64]
 * ```
 */
export class GlobalMaxPooling2D extends BaseGlobalPooling {
  static override readonly className: string = 'GlobalMaxPooling2D';

  constructor(options: GlobalPoolingOptions = {}) {
    super(options, 2, true);
  }

  /** `new GlobalMaxPooling2D(config)`: rebuilds a layer from {@link BaseGlobalPooling.getConfig}. */
  static fromConfig(config: GlobalPoolingConfig): GlobalMaxPooling2D {
    return new GlobalMaxPooling2D(config);
  }
}
