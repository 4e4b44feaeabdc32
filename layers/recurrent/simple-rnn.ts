/** {@link SimpleRNN}: the fully connected recurrent layer, with backpropagation through time written out. */
import { matmul } from '../../lib/kernels';
import type { Tensor } from '../../lib/tensor';
import type { Param } from '../layer';
import { BaseRNN, type RNNConfig, type RNNOptions } from './base-rnn';

/**
 * Keras's `SimpleRNN`: `h_t = φ(x_t·W + h_{t−1}·U + b)`, `φ` the activation (tanh by default).
 *
 * Weights: `kernel` `[features, units]`, `recurrent_kernel` `[units, units]`, `bias` `[units]`.
 * Input `[batch, time, features]`, output `[batch, units]` or `[batch, time, units]`.
 *
 * @throws ConfigError for a bad option (see {@link RNNOptions}).
 * @example
 * ```ts
 * const rnn = new SimpleRNN({ units: 8, returnSequences: true, inputShape: [10, 3] });
 * ```
 */
export class SimpleRNN<R extends boolean = false> extends BaseRNN<R> {
  static override readonly className: string = 'SimpleRNN';

  protected readonly gateCount = 1;
  readonly stateCount = 1;

  constructor(options: RNNOptions & { returnState?: R } = {} as RNNOptions & { returnState?: R }) {
    super(options);
  }

  /** `new SimpleRNN(config)`: rebuilds a layer from {@link SimpleRNN.getConfig}. */
  static fromConfig(config: RNNConfig): SimpleRNN<boolean> {
    return new SimpleRNN(config);
  }

  /** Step `s`: `h' = φ(XW_s + h·U)`; a masked sample keeps `h`. */
  protected forwardStep(s: number): void {
    const { batch, steps, units } = this.sizes;
    const rec = this.buffer('rec', [batch, units]);
    matmul(rec, this.recurrentInput(s), (this.U as Param).value);
    const xw = (this.XW as Tensor).data;
    const hIn = this.stateBefore(0, s), hOut = this.stateAfter(0, s);
    const phi = this.activation.apply;
    for (let b = 0; b < batch; b++) {
      const hp = hIn.offset + b * hIn.stride[0], hn = hOut.offset + b * hOut.stride[0];
      if (!this.isData(b, s)) {
        for (let j = 0; j < units; j++) hOut.data[hn + j] = hIn.data[hp + j];
        continue;
      }
      const z = (b * steps + s) * units;
      for (let j = 0; j < units; j++) hOut.data[hn + j] = xw[z + j] + rec.data[b * units + j];
      phi(hOut.data, hn, units);
    }
  }

  /**
   * Step `s` backward: `dz = dh'⊙φ'(h')` (φ' from the output, e.g. `1 − h'²` for tanh), then
   * `dh_prev = dz·Uᵀ` (⊙ the recurrent-dropout mask); a masked sample's `dz` is 0 and its `dh` passes through.
   */
  protected backwardStep(s: number): void {
    const { batch, steps, units } = this.sizes;
    const dZ = (this.dZ as Tensor).data;
    const dh = this.dState[0].data;
    const hOut = this.stateAfter(0, s);
    const slope = this.activation.scaleBySlope;
    for (let b = 0; b < batch; b++) {
      const z = (b * steps + s) * units;
      if (!this.isData(b, s)) {
        dZ.fill(0, z, z + units);
        continue;
      }
      for (let j = 0; j < units; j++) {
        dZ[z + j] = dh[b * units + j];
        dh[b * units + j] = 0; // h reaches step s only through h·U, added below
      }
      slope(dZ, z, hOut.data, hOut.offset + b * hOut.stride[0], units);
    }
    this.addRecurrentGradient(s, this.dZ as Tensor);
  }
}
