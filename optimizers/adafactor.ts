/** Adafactor, Adam-like steps with a factored second moment and a scale relative to the weights. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { kernelZeros } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkBoolean, checkNonNegative, checkPositive, describeValue } from './check-options';
import { ConfigError } from '../lib/errors';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';
import { LearningRateSchedule } from './schedules';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link Adafactor}. */
export interface AdafactorOptions extends OptimizerOptions {
  /** The exponent `d ≤ 0` of the second-moment decay `β2_t = 1 − t^d`. @defaultValue -0.8 */
  beta2Decay?: number;
  /** The `ε1` added to `g²`. @defaultValue 1e-30 */
  epsilon1?: number;
  /** The floor `ε2` of the weights' RMS in the step scale. @defaultValue 1e-3 */
  epsilon2?: number;
  /** The RMS `d` above which the normalized update is scaled down to it. @defaultValue 1 */
  clipThreshold?: number;
  /** With a fixed learning rate, cap it at `1/√t`. @defaultValue true */
  relativeStep?: boolean;
}

/** The JSON form of {@link Adafactor}'s options. */
export interface AdafactorConfig extends OptimizerConfig {
  beta2Decay: number;
  epsilon1: number;
  epsilon2: number;
  clipThreshold: number;
  relativeStep: boolean;
}

/** Adafactor's per-parameter state. */
export interface AdafactorState {
  /** Row means of the second moment, `shape[:-1]`, for parameters of rank ≥ 2 (else `null`). */
  r: Tensor | null;
  /** Column means of the second moment, `shape[:-2] + [shape[-1]]`, for rank ≥ 2 (else `null`). */
  c: Tensor | null;
  /** The second moment `v` (for rank ≥ 2 rebuilt from `r` and `c` each step). */
  v: Tensor;
}

/**
 * Adafactor (Shazeer & Stern, 2018) with Keras 3's update rule. At step `t = updateIterations + 1`,
 * with `g` the gradient, `G = g² + ε1` and `β2_t = 1 − t^d`:
 * - the rate `η` (capped at `1/√t` when `relativeStep` and `η` is a number), then
 *   `ρ = min(η, 1/√t)` and the step scale `α = max(ε2, RMS(W))·ρ`;
 * - for a parameter of rank ≥ 2 (the last two axes factored, `[…, R, C]`):
 *   `r ← β2_t·r + (1 − β2_t)·mean_C(G)`, `c ← β2_t·c + (1 − β2_t)·mean_R(G)`,
 *   `v = (r / mean_R(r)) ⊗ c`; otherwise `v ← β2_t·v + (1 − β2_t)·G`;
 * - `u = g/√v`, `û = u / max(1, RMS(u)/clipThreshold)`, `W ← W − α·û`.
 *
 * Keras defaults: `learningRate` 0.001, `beta2Decay` −0.8, `epsilon1` 1e-30, `epsilon2` 1e-3,
 * `clipThreshold` 1, `relativeStep` true. The update runs as a TypeScript loop (no WebAssembly
 * kernel yet: it needs the RMS of the weights and of the update), in float64 rounded on store.
 *
 * @throws ConfigError for a positive `beta2Decay`, a negative epsilon or a non-positive `clipThreshold`.
 * @example
 * ```ts
 * model.compile({ optimizer: new Adafactor(), loss: 'mse' });
 * ```
 */
export class Adafactor extends Optimizer<AdafactorState> {
  static override readonly className = 'Adafactor';
  static override readonly optionKeys: readonly string[] = ['beta2Decay', 'epsilon1', 'epsilon2', 'clipThreshold', 'relativeStep'];

  /** `d`. */
  readonly beta2Decay: number;
  /** `ε1`. */
  readonly epsilon1: number;
  /** `ε2`. */
  readonly epsilon2: number;
  /** The update's RMS bound. */
  readonly clipThreshold: number;
  /** Whether a fixed rate is capped at `1/√t`. */
  readonly relativeStep: boolean;

  private u = new Float64Array(0);

  constructor(options: AdafactorOptions = {}) {
    super(options, 0.001);
    const decay = options.beta2Decay ?? -0.8;
    if (typeof decay !== 'number' || !(decay <= 0 && decay > -Infinity)) {
      throw new ConfigError(`Adafactor: beta2Decay must be a finite number <= 0, got ${describeValue(decay)}`);
    }
    this.beta2Decay = decay;
    this.epsilon1 = checkNonNegative(this.className, 'epsilon1', options.epsilon1 ?? 1e-30);
    this.epsilon2 = checkNonNegative(this.className, 'epsilon2', options.epsilon2 ?? 1e-3);
    this.clipThreshold = checkPositive(this.className, 'clipThreshold', options.clipThreshold ?? 1);
    this.relativeStep = checkBoolean(this.className, 'relativeStep', options.relativeStep ?? true);
  }

  override getConfig(): AdafactorConfig {
    return {
      ...super.getConfig(), beta2Decay: this.beta2Decay, epsilon1: this.epsilon1, epsilon2: this.epsilon2,
      clipThreshold: this.clipThreshold, relativeStep: this.relativeStep,
    };
  }

  protected createState(param: Param): AdafactorState {
    const shape = param.value.shape, dtype = dtypeOf(param.value);
    if (shape.length < 2) return { r: null, c: null, v: kernelZeros(shape, dtype) };
    return {
      r: kernelZeros(shape.slice(0, -1), dtype),
      c: kernelZeros([...shape.slice(0, -2), shape[shape.length - 1]], dtype),
      v: kernelZeros(shape, dtype),
    };
  }

  protected updateParam(param: Param, lr: number, state: AdafactorState): void {
    const t = this.updateIterations + 1;
    const isSchedule = this.learningRate instanceof LearningRateSchedule;
    const rate = !isSchedule && this.relativeStep ? math.min(lr, 1 / math.sqrt(t)) : lr;
    const rho = math.min(rate, 1 / math.sqrt(t));
    const n = param.value.size;
    const w = param.value.data, wo = param.value.offset, g = param.grad.data, go = param.grad.offset;
    const v = state.v.data, vo = state.v.offset;
    let wSquares = 0;
    for (let i = 0; i < n; i++) wSquares += w[wo + i] * w[wo + i];
    const alpha = math.max(this.epsilon2, math.sqrt(wSquares / n)) * rho;
    const beta2 = 1 - math.pow(t, this.beta2Decay), eps1 = this.epsilon1;
    if (state.r !== null && state.c !== null) {
      this.factoredSecondMoment(param, state.r, state.c, state.v, beta2);
    } else {
      for (let i = 0; i < n; i++) v[vo + i] = beta2 * v[vo + i] + (1 - beta2) * (g[go + i] * g[go + i] + eps1);
    }
    if (this.u.length !== n) this.u = new Float64Array(n);
    const u = this.u;
    let uSquares = 0;
    for (let i = 0; i < n; i++) {
      u[i] = g[go + i] / math.sqrt(v[vo + i]);
      uSquares += u[i] * u[i];
    }
    const scale = alpha / math.max(1, math.sqrt(uSquares / n) / this.clipThreshold);
    for (let i = 0; i < n; i++) w[wo + i] -= scale * u[i];
  }

  /**
   * For `[B…, R, C]` viewed as `B` matrices `R × C`: `r[b, i] ← β·r + (1 − β)·mean_j G[b, i, j]`,
   * `c[b, j] ← β·c + (1 − β)·mean_i G[b, i, j]`, then `v[b, i, j] = r[b, i]/mean_i r[b, i] · c[b, j]`.
   */
  private factoredSecondMoment(param: Param, rT: Tensor, cT: Tensor, vT: Tensor, beta2: number): void {
    const shape = param.value.shape;
    const rows = shape[shape.length - 2], cols = shape[shape.length - 1], batches = param.value.size / (rows * cols);
    const g = param.grad.data, go = param.grad.offset, eps1 = this.epsilon1;
    const r = rT.data, ro = rT.offset, c = cT.data, co = cT.offset, v = vT.data, vo = vT.offset;
    const columnSums = new Float64Array(cols);
    for (let b = 0; b < batches; b++) {
      columnSums.fill(0);
      let rowMeanSum = 0;
      for (let i = 0; i < rows; i++) {
        let rowSum = 0;
        for (let j = 0; j < cols; j++) {
          const gi = g[go + (b * rows + i) * cols + j];
          const sq = gi * gi + eps1;
          rowSum += sq;
          columnSums[j] += sq;
        }
        const k = ro + b * rows + i;
        r[k] = beta2 * r[k] + (1 - beta2) * (rowSum / cols);
        rowMeanSum += r[k];
      }
      for (let j = 0; j < cols; j++) {
        const k = co + b * cols + j;
        c[k] = beta2 * c[k] + (1 - beta2) * (columnSums[j] / rows);
      }
      const rowMean = rowMeanSum / rows;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) v[vo + (b * rows + i) * cols + j] = (r[ro + b * rows + i] / rowMean) * c[co + b * cols + j];
      }
    }
  }
}
