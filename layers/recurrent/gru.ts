/** {@link GRU}: the gated recurrent unit, with backpropagation through time written out. */
import { formatJson } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import { addBias, matmul, sumColumns } from '../../lib/kernels';
import type { Tensor } from '../../lib/tensor';
import type { Param } from '../layer';
import { asRows } from '../last-axis-input';
import { BaseRNN, type RNNConfig, type RNNOptions } from './base-rnn';
import { getStepActivation, type StepActivation, type StepActivationKerasName, type StepActivationName } from './step-activation';

/** Options of {@link GRU}: those of every recurrent layer, the gates' activation and where the reset gate applies. */
export interface GRUOptions extends RNNOptions {
  /** The activation of the update and reset gates. @defaultValue 'sigmoid' */
  recurrentActivation?: StepActivationName;
  /**
   * Apply the reset gate after the recurrent product (`r⊙(h·U_h + b_rh)`, Keras 3's and cuDNN's
   * default, with a second bias row for the recurrent side) rather than before (`(r⊙h)·U_h`,
   * TensorFlow.js's only form). @defaultValue true
   */
  resetAfter?: boolean;
}

/** The JSON form of a {@link GRU}. */
export interface GRUConfig extends RNNConfig {
  recurrentActivation: StepActivationKerasName;
  resetAfter: boolean;
}

/**
 * Keras's `GRU`. With `x·W + b` split into blocks `x_z, x_r, x_h` (Keras's gate order `z, r, h`),
 * `σ` the recurrent activation and `φ` the activation:
 *
 * ```
 * z = σ(x_z + h·U_z)         r = σ(x_r + h·U_r)
 * ĥ = φ(x_h + r⊙(h·U_h + b_rh))     (resetAfter: true)
 * ĥ = φ(x_h + (r⊙h)·U_h)            (resetAfter: false)
 * h_t = z⊙h + (1 − z)⊙ĥ
 * ```
 * With resetAfter the recurrent part has its own bias (`h·U + b_r`, all three blocks), so
 * `bias` is `[2, 3·units]` (input row, recurrent row) as in Keras; otherwise `[3·units]`.
 *
 * Weights: `kernel` `[features, 3·units]`, `recurrent_kernel` `[units, 3·units]`.
 * Input `[batch, time, features]`, output `[batch, units]` or `[batch, time, units]`.
 *
 * @throws ConfigError for a bad option (see {@link RNNOptions}).
 */
export class GRU<R extends boolean = false> extends BaseRNN<R> {
  static override readonly className: string = 'GRU';
  static override readonly optionKeys: readonly string[] = ['recurrentActivation', 'resetAfter'];

  /** The gates' activation `σ`. */
  readonly recurrentActivation: StepActivation;
  /** Whether the reset gate applies after the recurrent product. */
  readonly resetAfter: boolean;

  protected readonly gateCount = 3;
  readonly stateCount = 1;

  /** resetAfter: the gradient of `h·U + b_r`'s pre-activations, `[batch, time, 3·units]`; without: unused. */
  private dZRecurrent: Tensor | null = null;

  constructor(options: GRUOptions & { returnState?: R } = {} as GRUOptions & { returnState?: R }) {
    super(options);
    const { recurrentActivation = 'sigmoid', resetAfter = true } = options;
    this.recurrentActivation = getStepActivation(recurrentActivation, 'GRU', 'recurrentActivation');
    if (typeof resetAfter !== 'boolean') throw new ConfigError(`GRU: resetAfter must be a boolean, got ${formatJson(resetAfter)}`);
    this.resetAfter = resetAfter;
  }

  /** `new GRU(config)`: rebuilds a layer from {@link GRU.getConfig}. */
  static fromConfig(config: GRUConfig): GRU<boolean> {
    return new GRU(config);
  }

  override getConfig(): GRUConfig {
    return { ...super.getConfig(), recurrentActivation: this.recurrentActivation.name, resetAfter: this.resetAfter };
  }

  /** `[2, 3·units]` with resetAfter (input and recurrent rows), else `[3·units]`. */
  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  /** The bias added to `XW`: the input row with resetAfter, else the whole bias. */
  protected override inputBias(): Tensor | null {
    if (!this.b) return null;
    return this.resetAfter ? this.b.value.pick(0, null) : this.b.value;
  }

  /**
   * Step `s`: the recurrent product (all three blocks with resetAfter, plus `b_r`; `z` and `r`
   * only without, then `(r⊙h)·U_h`), the gates, and `h' = z⊙h + (1 − z)⊙ĥ`. Caches `z`, `r`,
   * `ĥ` and `h·U_h + b_rh` (resetAfter) or `r⊙h` (without). A masked sample keeps `h`.
   */
  protected forwardStep(s: number): void {
    const { batch, steps, units } = this.sizes;
    const width = 3 * units;
    const U = (this.U as Param).value;
    const hR = this.recurrentInput(s);
    const rec = this.buffer('rec', [batch, width]);
    const gates = this.buffer('gates', [batch, steps, width]).data;
    const xw = (this.XW as Tensor).data;
    const hIn = this.stateBefore(0, s), hOut = this.stateAfter(0, s);
    const sigma = this.recurrentActivation.apply, phi = this.activation.apply;
    if (this.resetAfter) {
      matmul(rec, hR, U);
      if (this.b) addBias(rec, rec, this.b.value.pick(1, null));
    } else {
      matmul(rec.hi(batch, 2 * units), hR, U.hi(units, 2 * units));
    }
    const r = rec.data;
    const resetH = this.buffer('resetH', [batch, steps, units]);
    for (let b = 0; b < batch; b++) {
      const z = (b * steps + s) * width, q = b * width;
      // z = σ(x_z + h·U_z), r = σ(x_r + h·U_r): the first two blocks.
      for (let k = 0; k < 2 * units; k++) gates[z + k] = xw[z + k] + r[q + k];
      sigma(gates, z, 2 * units);
    }
    if (!this.resetAfter) {
      // (r⊙h)·U_h: the reset gate applies to h before the product.
      for (let b = 0; b < batch; b++) {
        const z = (b * steps + s) * width;
        const hp = hR.offset + b * hR.stride[0];
        for (let j = 0; j < units; j++) resetH.data[(b * steps + s) * units + j] = gates[z + units + j] * hR.data[hp + j];
      }
      matmul(rec.lo(0, 2 * units), resetH.pick(null, s, null), U.lo(0, 2 * units));
    }
    for (let b = 0; b < batch; b++) {
      const z = (b * steps + s) * width, q = b * width, t = (b * steps + s) * units;
      const hp = hIn.offset + b * hIn.stride[0], hn = hOut.offset + b * hOut.stride[0];
      if (!this.isData(b, s)) {
        for (let j = 0; j < units; j++) hOut.data[hn + j] = hIn.data[hp + j];
        continue;
      }
      for (let j = 0; j < units; j++) {
        const recH = r[q + 2 * units + j];
        // resetAfter: x_h + r⊙(h·U_h + b_rh), caching m = h·U_h + b_rh; otherwise x_h + (r⊙h)·U_h, already in recH.
        if (this.resetAfter) resetH.data[t + j] = recH;
        gates[z + 2 * units + j] = xw[z + 2 * units + j] + (this.resetAfter ? gates[z + units + j] * recH : recH);
      }
      phi(gates, z + 2 * units, units);
      // h' = z⊙h + (1 − z)⊙ĥ
      for (let j = 0; j < units; j++) {
        const zg = gates[z + j];
        hOut.data[hn + j] = zg * hIn.data[hp + j] + (1 - zg) * gates[z + 2 * units + j];
      }
    }
  }

  /**
   * Step `s` backward, with `dh` the gradient of `h'` after the step:
   * - `h' = z⊙h + (1 − z)⊙ĥ`: `dz = dh⊙(h − ĥ)`, `dĥ = dh⊙(1 − z)`, and `dh_prev = dh⊙z` directly;
   * - `ĥ = φ(a_h)`: `da_h = dĥ⊙φ'(ĥ)`;
   * - resetAfter, `a_h = x_h + r⊙m` with `m = h·U_h + b_rh`: `dr = da_h⊙m`, `dm = da_h⊙r`;
   *   without, `a_h = x_h + (r⊙h)·U_h`: `d(r⊙h) = da_h·U_hᵀ`, so `dr = d(r⊙h)⊙h` and `dh_prev += d(r⊙h)⊙r`;
   * - `dz_z = dz⊙σ'(z)`, `dz_r = dr⊙σ'(r)`;
   * - `dh_prev += [dz_z, dz_r, dm]·Uᵀ` (resetAfter) or `[dz_z, dz_r]·U_zrᵀ` (without), ⊙ the recurrent-dropout mask.
   * A masked sample's gradients are 0 and its `dh` passes through.
   */
  protected backwardStep(s: number): void {
    const { batch, steps, units } = this.sizes;
    const width = 3 * units;
    const gates = this.buffer('gates', [batch, steps, width]).data;
    const resetH = this.buffer('resetH', [batch, steps, units]);
    const dZ = (this.dZ as Tensor).data;
    const dh = this.dState[0].data;
    const hIn = this.stateBefore(0, s);
    const sigmaSlope = this.recurrentActivation.scaleBySlope, phiSlope = this.activation.scaleBySlope;
    const dZRec = this.resetAfter ? this.buffer('dZRecurrent', [batch, steps, width]) : null;
    this.dZRecurrent = dZRec;
    const dHh = this.buffer('dHh', [batch, units]).data; // da_h per sample and unit
    for (let b = 0; b < batch; b++) {
      const z = (b * steps + s) * width;
      if (!this.isData(b, s)) {
        dZ.fill(0, z, z + width);
        if (dZRec) dZRec.data.fill(0, z, z + width);
        dHh.fill(0, b * units, (b + 1) * units);
        continue;
      }
      const hp = hIn.offset + b * hIn.stride[0];
      for (let j = 0; j < units; j++) {
        const zg = gates[z + j], hh = gates[z + 2 * units + j];
        const dH = dh[b * units + j];
        dZ[z + j] = dH * (hIn.data[hp + j] - hh); // ∂h'/∂z = h − ĥ, σ' below
        dZ[z + 2 * units + j] = dH * (1 - zg); // ∂h'/∂ĥ = 1 − z, φ' below
        dh[b * units + j] = dH * zg; // ∂h'/∂h = z directly; the recurrent paths are added below
      }
      phiSlope(dZ, z + 2 * units, gates, z + 2 * units, units); // da_h = dĥ⊙φ'(ĥ)
      for (let j = 0; j < units; j++) dHh[b * units + j] = dZ[z + 2 * units + j];
      sigmaSlope(dZ, z, gates, z, units);
    }
    if (dZRec) {
      for (let b = 0; b < batch; b++) {
        if (!this.isData(b, s)) continue;
        const z = (b * steps + s) * width, t = (b * steps + s) * units;
        for (let j = 0; j < units; j++) dZ[z + units + j] = dHh[b * units + j] * resetH.data[t + j]; // ∂a_h/∂r = m
        sigmaSlope(dZ, z + units, gates, z + units, units);
        for (let j = 0; j < units; j++) {
          dZRec.data[z + j] = dZ[z + j];
          dZRec.data[z + units + j] = dZ[z + units + j];
          dZRec.data[z + 2 * units + j] = dHh[b * units + j] * gates[z + units + j]; // ∂a_h/∂m = r
        }
      }
      this.addRecurrentGradient(s, dZRec);
      return;
    }
    // Without resetAfter: d(r⊙h) = da_h·U_hᵀ, then dr and the direct path into h.
    const U = (this.U as Param).value;
    const dRh = this.buffer('dResetH', [batch, units]);
    matmul(dRh, (this.dZ as Tensor).pick(null, s, null).lo(0, 2 * units), U.lo(0, 2 * units).transpose(1, 0));
    const hR = this.recurrentInputSaved(s);
    for (let b = 0; b < batch; b++) {
      if (!this.isData(b, s)) continue;
      const z = (b * steps + s) * width;
      const hp = hR.offset + b * hR.stride[0];
      for (let j = 0; j < units; j++) {
        const d = dRh.data[b * units + j];
        dZ[z + units + j] = d * hR.data[hp + j]; // ∂(r⊙h)/∂r = h, σ' below
        dRh.data[b * units + j] = d * gates[z + units + j]; // ∂(r⊙h)/∂h = r, into h through the recurrent dropout
      }
      sigmaSlope(dZ, z + units, gates, z + units, units);
    }
    const back = this.buffer('dhZR', [batch, units]);
    matmul(back, (this.dZ as Tensor).pick(null, s, null).hi(batch, 2 * units), U.hi(units, 2 * units).transpose(1, 0));
    this.addToStateGradient(back, dRh);
  }

  /**
   * resetAfter: `dU = H_prevᵀ·dZ_rec`, `db = [Σ dZ; Σ dZ_rec]`. Without: `dU_zr = H_prevᵀ·dZ_zr`,
   * `dU_h = (r⊙H_prev)ᵀ·dZ_h`, `db = Σ dZ`. All steps at once.
   */
  protected override recurrentAndBiasGradients(): void {
    const { units } = this.sizes;
    const U = this.U as Param;
    const dZ = asRows(this.dZ as Tensor);
    const hPrev = asRows(this.hRecurrent as Tensor).transpose(1, 0);
    if (this.resetAfter) {
      const dZRec = asRows(this.dZRecurrent as Tensor);
      matmul(U.grad, hPrev, dZRec);
      if (this.b) {
        sumColumns(this.b.grad.pick(0, null), dZ);
        sumColumns(this.b.grad.pick(1, null), dZRec);
      }
      return;
    }
    matmul(U.grad.hi(units, 2 * units), hPrev, dZ.hi(dZ.shape[0], 2 * units));
    const resetH = asRows(this.buffer('resetH', [this.sizes.batch, this.sizes.steps, units])).transpose(1, 0);
    matmul(U.grad.lo(0, 2 * units), resetH, dZ.lo(0, 2 * units));
    if (this.b) sumColumns(this.b.grad, dZ);
  }

  /** `h` before step `s` as the recurrent product saw it. */
  private recurrentInputSaved(s: number): Tensor {
    return (this.hRecurrent as Tensor).pick(null, s, null);
  }

  /** `dh_prev += (a + b) ⊙ recurrent-dropout mask`, for the two recurrent paths of GRU without resetAfter. */
  private addToStateGradient(a: Tensor, b: Tensor): void {
    const { batch, units } = this.sizes;
    const dh = this.dState[0].data;
    for (let i = 0; i < batch; i++) {
      for (let j = 0; j < units; j++) dh[i * units + j] += (a.data[i * units + j] + b.data[i * units + j]) * this.keepAt(i, j);
    }
  }
}
