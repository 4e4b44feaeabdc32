/** {@link GlobalAveragePooling1D}: the average of each channel over every position. */
import { BaseGlobalPooling, type GlobalPoolingConfig, type GlobalPoolingOptions } from './base-global-pooling';

/**
 * The global average pooling over 1 spatial axis: `Y[n, c] = (1/S)·Σ_s X[n, s, c]` over the `S` spatial positions `s`.
 *
 * Input: `[batch, steps, channels]`. Output: `[batch, channels]`.
 *
 * @throws ShapeError from forward for input of another rank.
 * @example
 * ```ts
 * const pool = new GlobalAveragePooling1D({ inputShape: [100, 8] }); // output [?, 8]
 * ```
 */
export class GlobalAveragePooling1D extends BaseGlobalPooling {
  static override readonly className: string = 'GlobalAveragePooling1D';

  constructor(options: GlobalPoolingOptions = {}) {
    super(options, 1, false);
  }

  /** `new GlobalAveragePooling1D(config)`: rebuilds a layer from {@link BaseGlobalPooling.getConfig}. */
  static fromConfig(config: GlobalPoolingConfig): GlobalAveragePooling1D {
    return new GlobalAveragePooling1D(config);
  }
}
