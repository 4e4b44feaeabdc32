/** Adafactor, Adam-like steps with a factored second moment and a scale relative to the weights. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { adafactorDirection, adafactorFactoredMoment, adafactorSecondMoment, kernelZeros, sgdStep, sumOfSquares } from '../lib/kernels';
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
  /** Scratch for the direction `u` and, for rank ≥ 2, the column sums (not saved: recomputed every step). */
  readonly scratch: { readonly u: Tensor; readonly colSums: Tensor | null };
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
 * `clipThreshold` 1, `relativeStep` true. The update runs as WebAssembly SIMD loops in float32
 * (`RMS(W)`, the second moment, `u` with `RMS(u)` in one pass, then the step; the RMS sums
 * accumulate in float64), or TypeScript loops for float64.
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
    const u = kernelZeros(shape, dtype);
    if (shape.length < 2) return { r: null, c: null, v: kernelZeros(shape, dtype), scratch: { u, colSums: null } };
    const cols = shape[shape.length - 1];
    return {
      r: kernelZeros(shape.slice(0, -1), dtype),
      c: kernelZeros([...shape.slice(0, -2), cols], dtype),
      v: kernelZeros(shape, dtype),
      scratch: { u, colSums: kernelZeros([cols], dtype) },
    };
  }

  protected updateParam(param: Param, lr: number, state: AdafactorState): void {
    const t = this.updateIterations + 1;
    const isSchedule = this.learningRate instanceof LearningRateSchedule;
    const rate = !isSchedule && this.relativeStep ? math.min(lr, 1 / math.sqrt(t)) : lr;
    const rho = math.min(rate, 1 / math.sqrt(t));
    const n = param.value.size, shape = param.value.shape;
    const alpha = math.max(this.epsilon2, math.sqrt(sumOfSquares(param.value) / n)) * rho;
    const beta2 = 1 - math.pow(t, this.beta2Decay);
    const { r, c, v, scratch } = state;
    if (r !== null && c !== null && scratch.colSums !== null) {
      adafactorFactoredMoment(param.grad, r, c, scratch.colSums, v, shape[shape.length - 2], shape[shape.length - 1], beta2, this.epsilon1);
    } else {
      adafactorSecondMoment(param.grad, v, beta2, this.epsilon1);
    }
    const uSquares = adafactorDirection(param.grad, v, scratch.u);
    sgdStep(param.value, scratch.u, alpha / math.max(1, math.sqrt(uSquares / n) / this.clipThreshold));
  }
}
