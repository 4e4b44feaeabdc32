/** {@link Conv1D}: the 1-D (temporal) convolution over `[batch, steps, channels]`. */
import { BaseConv, type ConvConfig, type ConvOptions } from './base-conv';

/**
 * A 1-D convolution, channels last: `Z[n, t, f] = b_f + Σ_{i,c} X[n, t·s − p + i·d, c]·W[i, c, f]`
 * (zero outside the sequence), then `Y = activation(Z)`. `W` (`kernel`) is
 * `[k, inChannels, filters]`, `b` (`bias`) `[filters]`, as in Keras. It runs as a 2-D
 * convolution of height 1 (see {@link BaseConv}). `'causal'` padding is not supported.
 *
 * Input: `[batch, steps, inChannels]`. Output: `[batch, outSteps, filters]`.
 *
 * @throws ConfigError as {@link Conv2D} does.
 * @throws ShapeError from forward for input that is not rank 3 with the built channel count.
 * @example
 * ```ts
 * const conv = new Conv1D({ filters: 8, kernelSize: 5, padding: 'same', inputShape: [100, 3] });
 * conv.computeOutputShape([null, 100, 3]); // [null, 100, 8]
 * ```
 */
export class Conv1D extends BaseConv {
  static override readonly className: string = 'Conv1D';

  constructor(options: ConvOptions = {} as ConvOptions) {
    super(options, 1);
  }

  /** `new Conv1D(config)`: rebuilds a layer from {@link BaseConv.getConfig}. */
  static fromConfig(config: ConvConfig): Conv1D {
    return new Conv1D(config);
  }
}
