/** {@link GlobalAveragePooling2D}: the average of each channel over every position. */
import { BaseGlobalPooling, type GlobalPoolingConfig, type GlobalPoolingOptions } from './base-global-pooling';

/**
 * The global average pooling over 2 spatial axises: `Y[n, c] = (1/S)·Σ_s X[n, s, c]` over the `S` spatial positions `s`.
 *
 * Input: `[batch, height, width, channels]`. Output: `[batch, channels]`.
 *
 * @throws ShapeError from forward for input of another rank.
 * @example
 * ```ts
 * const pool = new GlobalAveragePooling2D({ inputShape: [7, 7, 64] }); // output [?, 64]
 * ```
 */
export class GlobalAveragePooling2D extends BaseGlobalPooling {
  static override readonly className: string = 'GlobalAveragePooling2D';

  constructor(options: GlobalPoolingOptions = {}) {
    super(options, 2, false);
  }

  /** `new GlobalAveragePooling2D(config)`: rebuilds a layer from {@link BaseGlobalPooling.getConfig}. */
  static fromConfig(config: GlobalPoolingConfig): GlobalAveragePooling2D {
    return new GlobalAveragePooling2D(config);
  }
}
