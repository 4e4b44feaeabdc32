/** {@link LSTM}: the long short-term memory layer, with backpropagation through time written out. */
import { formatJson } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import { Initializer, type Fans, type InitializerConfig } from '../../lib/initializers';
import { matmul } from '../../lib/kernels';
import type { Random } from '../../lib/random';
import { dtypeOf, type Tensor } from '../../lib/tensor';
import type { Param } from '../layer';
import { BaseRNN, type RNNConfig, type RNNOptions } from './base-rnn';
import { getStepActivation, type StepActivation, type StepActivationKerasName, type StepActivationName } from './step-activation';

/** Options of {@link LSTM}: those of every recurrent layer, and the gates' activation and the forget bias. */
export interface LSTMOptions extends RNNOptions {
  /** The activation of the input, forget and output gates. @defaultValue 'sigmoid' */
  recurrentActivation?: StepActivationName;
  /** Add 1 to the forget gate's bias at initialization (Jozefowicz et al., 2015), as Keras. @defaultValue true */
  unitForgetBias?: boolean;
}

/** The JSON form of an {@link LSTM}. */
export interface LSTMConfig extends RNNConfig {
  recurrentActivation: StepActivationKerasName;
  unitForgetBias: boolean;
}

/**
 * Keras's `LSTM`. With `z = x_t·W + h_{t−1}·U + b` split into four blocks of `units` in Keras's
 * order `i, f, c, o`, `σ` the recurrent activation and `φ` the activation:
 *
 * ```
 * i = σ(z_i)   f = σ(z_f)   g = φ(z_c)   o = σ(z_o)
 * c_t = f ⊙ c_{t−1} + i ⊙ g
 * h_t = o ⊙ φ(c_t)
 * ```
 *
 * Weights: `kernel` `[features, 4·units]`, `recurrent_kernel` `[units, 4·units]`, `bias`
 * `[4·units]` (ones on the forget block with unitForgetBias), interchangeable with Keras and
 * TensorFlow.js. Input `[batch, time, features]`, output `[batch, units]` or `[batch, time, units]`.
 *
 * @throws ConfigError for a bad option (see {@link RNNOptions}).
 * @example
 * ```ts
 * const model = new Sequential([new LSTM({ units: 32, inputShape: [20, 8] }), new Dense({ units: 1 })]);
 * ```
 */
export class LSTM<R extends boolean = false> extends BaseRNN<R> {
  static override readonly className: string = 'LSTM';
  static override readonly optionKeys: readonly string[] = ['recurrentActivation', 'unitForgetBias'];

  /** The gates' activation `σ`. */
  readonly recurrentActivation: StepActivation;
  /** Whether the forget bias starts at 1. */
  readonly unitForgetBias: boolean;

  protected readonly gateCount = 4;
  readonly stateCount = 2;

  constructor(options: LSTMOptions & { returnState?: R } = {} as LSTMOptions & { returnState?: R }) {
    super(options);
    const { recurrentActivation = 'sigmoid', unitForgetBias = true } = options;
    this.recurrentActivation = getStepActivation(recurrentActivation, 'LSTM', 'recurrentActivation');
    if (typeof unitForgetBias !== 'boolean') throw new ConfigError(`LSTM: unitForgetBias must be a boolean, got ${formatJson(unitForgetBias)}`);
    this.unitForgetBias = unitForgetBias;
  }

  /** `new LSTM(config)`: rebuilds a layer from {@link LSTM.getConfig}. */
  static fromConfig(config: LSTMConfig): LSTM<boolean> {
    return new LSTM(config);
  }

  override getConfig(): LSTMConfig {
    return { ...super.getConfig(), recurrentActivation: this.recurrentActivation.name, unitForgetBias: this.unitForgetBias };
  }

  /** With unitForgetBias: the bias initializer on `i`, `c`, `o` and ones on `f`, as Keras. */
  protected override biasStart(): Initializer {
    return this.unitForgetBias ? new UnitForgetBias(this.biasInitializer, this.units) : this.biasInitializer;
  }

  /**
   * Step `s`: `z = XW_s + h·U`, the gates, then `c' = f⊙c + i⊙g` and `h' = o⊙φ(c')`; caches the
   * activated gates and `φ(c')`. A masked sample keeps `h` and `c`.
   */
  protected forwardStep(s: number): void {
    const { batch, steps, units } = this.sizes;
    const width = 4 * units;
    const rec = this.buffer('rec', [batch, width]);
    matmul(rec, this.recurrentInput(s), (this.U as Param).value);
    const gates = this.buffer('gates', [batch, steps, width]).data;
    const tanhC = this.buffer('tanhC', [batch, steps, units]).data;
    const xw = (this.XW as Tensor).data;
    const r = rec.data;
    const hIn = this.stateBefore(0, s), cIn = this.stateBefore(1, s);
    const hOut = this.stateAfter(0, s), cOut = this.stateAfter(1, s);
    const sigma = this.recurrentActivation.apply, phi = this.activation.apply;
    for (let b = 0; b < batch; b++) {
      const row = b * steps + s;
      const hp = hIn.offset + b * hIn.stride[0], cp = cIn.offset + b * cIn.stride[0];
      const hn = hOut.offset + b * hOut.stride[0], cn = cOut.offset + b * cOut.stride[0];
      if (!this.isData(b, s)) {
        // A masked step: the states pass on unchanged.
        for (let j = 0; j < units; j++) {
          hOut.data[hn + j] = hIn.data[hp + j];
          cOut.data[cn + j] = cIn.data[cp + j];
        }
        continue;
      }
      const z = row * width, q = b * width, t = row * units;
      // z = XW_s + h·U for the four blocks, then i = σ, f = σ, g = φ, o = σ of their blocks.
      for (let k = 0; k < width; k++) gates[z + k] = xw[z + k] + r[q + k];
      sigma(gates, z, 2 * units);
      phi(gates, z + 2 * units, units);
      sigma(gates, z + 3 * units, units);
      for (let j = 0; j < units; j++) {
        // c' = f⊙c + i⊙g
        const c = gates[z + units + j] * cIn.data[cp + j] + gates[z + j] * gates[z + 2 * units + j];
        cOut.data[cn + j] = c;
        tanhC[t + j] = c;
      }
      phi(tanhC, t, units);
      // h' = o⊙φ(c')
      for (let j = 0; j < units; j++) hOut.data[hn + j] = gates[z + 3 * units + j] * tanhC[t + j];
    }
  }

  /**
   * Step `s` backward, with `dh`, `dc` the gradients of `h'`, `c'` after the step:
   * - `h' = o⊙φ(c')`: `do = dh⊙φ(c')`, and `dc += dh⊙o⊙φ'(c')` (the cell state's total gradient);
   * - `c' = f⊙c + i⊙g`: `di = dc⊙g`, `dg = dc⊙i`, `df = dc⊙c`, and `dc_prev = dc⊙f`;
   * - through the activations: `dz_i = di⊙σ'`, `dz_f = df⊙σ'`, `dz_c = dg⊙φ'`, `dz_o = do⊙σ'`;
   * - `z = … + h·U`: `dh_prev = dZ_s·Uᵀ` (⊙ the recurrent-dropout mask).
   * A masked sample's `dZ` is 0 and its `dh`, `dc` pass through.
   */
  protected backwardStep(s: number): void {
    const { batch, steps, units } = this.sizes;
    const width = 4 * units;
    const gates = this.buffer('gates', [batch, steps, width]).data;
    const tanhC = this.buffer('tanhC', [batch, steps, units]).data;
    const dCell = this.buffer('dCell', [batch, units]).data;
    const dZ = (this.dZ as Tensor).data;
    const dh = this.dState[0].data, dc = this.dState[1].data;
    const cIn = this.stateBefore(1, s);
    const sigmaSlope = this.recurrentActivation.scaleBySlope, phiSlope = this.activation.scaleBySlope;
    for (let b = 0; b < batch; b++) {
      const row = b * steps + s;
      const z = row * width, t = row * units, u = b * units;
      if (!this.isData(b, s)) {
        dZ.fill(0, z, z + width);
        continue;
      }
      const cp = cIn.offset + b * cIn.stride[0];
      // dc += dh⊙o⊙φ'(c'): ∂h'/∂c' = o·φ'(c')
      for (let j = 0; j < units; j++) dCell[u + j] = dh[u + j] * gates[z + 3 * units + j];
      phiSlope(dCell, u, tanhC, t, units);
      for (let j = 0; j < units; j++) {
        const dC = dCell[u + j] + dc[u + j];
        dZ[z + j] = dC * gates[z + 2 * units + j]; // ∂c'/∂i = g
        dZ[z + units + j] = dC * cIn.data[cp + j]; // ∂c'/∂f = c
        dZ[z + 2 * units + j] = dC * gates[z + j]; // ∂c'/∂g = i
        dZ[z + 3 * units + j] = dh[u + j] * tanhC[t + j]; // ∂h'/∂o = φ(c')
        dc[u + j] = dC * gates[z + units + j]; // ∂c'/∂c = f
        dh[u + j] = 0; // h reaches step s only through h·U, added below
      }
      // Through the activations: σ' on i and f, φ' on g, σ' on o (from the cached outputs).
      sigmaSlope(dZ, z, gates, z, 2 * units);
      phiSlope(dZ, z + 2 * units, gates, z + 2 * units, units);
      sigmaSlope(dZ, z + 3 * units, gates, z + 3 * units, units);
    }
    this.addRecurrentGradient(s, this.dZ as Tensor);
  }
}

/** Keras's LSTM bias start with unitForgetBias: `[init([units]), ones([units]), init([2·units])]` for `i`, `f`, `c`, `o`. */
class UnitForgetBias extends Initializer {
  static override readonly className: string = 'UnitForgetBias';

  constructor(private readonly base: Initializer, private readonly units: number) {
    super();
  }

  getConfig(): InitializerConfig {
    return {};
  }

  protected generate(out: Tensor, fans: Fans, rng: Random): void {
    void fans;
    const u = this.units;
    const dtype = dtypeOf(out);
    out.data.set(this.base.init([u], dtype, rng).data, 0);
    out.data.fill(1, u, 2 * u);
    out.data.set(this.base.init([2 * u], dtype, rng).data, 2 * u);
  }
}
