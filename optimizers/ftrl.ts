/** FTRL-Proximal, "Follow The Regularized Leader", for sparse linear models. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { ftrlStep, kernelZeros } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { ConfigError } from '../lib/errors';
import { checkNonNegative, describeValue } from './check-options';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** Options of {@link Ftrl}. */
export interface FtrlOptions extends OptimizerOptions {
  /** The power `p ≤ 0` of the accumulator in the per-element rate `η / a^(−p)`. @defaultValue -0.5 */
  learningRatePower?: number;
  /** The starting value `a₀ ≥ 0` of the accumulator. @defaultValue 0.1 */
  initialAccumulatorValue?: number;
  /** The L1 strength `λ1 ≥ 0`: weights whose linear term stays within `±λ1` are exactly 0. @defaultValue 0 */
  l1RegularizationStrength?: number;
  /** The L2 strength `λ2 ≥ 0`. @defaultValue 0 */
  l2RegularizationStrength?: number;
  /** The L2 shrinkage `λs ≥ 0`, applied through the gradient (`g + 2·λs·W`). @defaultValue 0 */
  l2ShrinkageRegularizationStrength?: number;
  /** The `β` of the per-element rate's denominator, added as `β/(2η)` to `λ2`. @defaultValue 0 */
  beta?: number;
}

/** The JSON form of {@link Ftrl}'s options. */
export interface FtrlConfig extends OptimizerConfig {
  learningRatePower: number;
  initialAccumulatorValue: number;
  l1RegularizationStrength: number;
  l2RegularizationStrength: number;
  l2ShrinkageRegularizationStrength: number;
  beta: number;
}

/** Ftrl's per-parameter state. */
export interface FtrlState {
  /** The accumulator `a` of squared gradients, starting at `a₀`. */
  accumulator: Tensor;
  /** The linear term `z`, starting at 0. */
  linear: Tensor;
}

/**
 * FTRL-Proximal (McMahan et al., 2013) with Keras 3's update rule. With `g` the gradient,
 * `p = learningRatePower`, `λ2' = λ2 + β/(2η)` and `g' = g + 2·λs·W`:
 * - `a' = a + g²`
 * - `z ← z + g' − (a'^(−p) − a^(−p))/η · W`
 * - `W ← (clip(z, −λ1, λ1) − z) / (a'^(−p)/η + 2·λ2')`, so `W = 0` wherever `|z| ≤ λ1`
 * - `a ← a'`
 *
 * Keras defaults: `learningRate` 0.001, `learningRatePower` −0.5, `initialAccumulatorValue` 0.1,
 * the regularization strengths and `beta` 0. The update ({@link ftrlStep}) runs as one
 * WebAssembly loop in float32 (SIMD with square roots at the default power −0.5, scalar `pow`
 * otherwise), or a TypeScript loop for float64.
 *
 * @throws ConfigError for a positive `learningRatePower` or a negative accumulator or strength.
 * @example
 * ```ts
 * model.compile({ optimizer: new Ftrl({ learningRate: 0.1, l1RegularizationStrength: 0.01 }), loss: 'binaryCrossentropy' });
 * ```
 */
export class Ftrl extends Optimizer<FtrlState> {
  static override readonly className = 'Ftrl';
  static override readonly optionKeys: readonly string[] = ['learningRatePower', 'initialAccumulatorValue', 'l1RegularizationStrength', 'l2RegularizationStrength', 'l2ShrinkageRegularizationStrength', 'beta'];

  /** `p`. */
  readonly learningRatePower: number;
  /** `a₀`. */
  readonly initialAccumulatorValue: number;
  /** `λ1`. */
  readonly l1RegularizationStrength: number;
  /** `λ2`. */
  readonly l2RegularizationStrength: number;
  /** `λs`. */
  readonly l2ShrinkageRegularizationStrength: number;
  /** `β`. */
  readonly beta: number;

  constructor(options: FtrlOptions = {}) {
    super(options, 0.001);
    const power = options.learningRatePower ?? -0.5;
    if (typeof power !== 'number' || !(power <= 0 && power > -Infinity)) {
      throw new ConfigError(`Ftrl: learningRatePower must be a finite number <= 0, got ${describeValue(power)}`);
    }
    this.learningRatePower = power;
    this.initialAccumulatorValue = checkNonNegative(this.className, 'initialAccumulatorValue', options.initialAccumulatorValue ?? 0.1);
    this.l1RegularizationStrength = checkNonNegative(this.className, 'l1RegularizationStrength', options.l1RegularizationStrength ?? 0);
    this.l2RegularizationStrength = checkNonNegative(this.className, 'l2RegularizationStrength', options.l2RegularizationStrength ?? 0);
    this.l2ShrinkageRegularizationStrength = checkNonNegative(this.className, 'l2ShrinkageRegularizationStrength', options.l2ShrinkageRegularizationStrength ?? 0);
    this.beta = checkNonNegative(this.className, 'beta', options.beta ?? 0);
  }

  override getConfig(): FtrlConfig {
    return {
      ...super.getConfig(), learningRatePower: this.learningRatePower, initialAccumulatorValue: this.initialAccumulatorValue,
      l1RegularizationStrength: this.l1RegularizationStrength, l2RegularizationStrength: this.l2RegularizationStrength,
      l2ShrinkageRegularizationStrength: this.l2ShrinkageRegularizationStrength, beta: this.beta,
    };
  }

  protected createState(param: Param): FtrlState {
    const dtype = dtypeOf(param.value);
    const accumulator = kernelZeros(param.value.shape, dtype);
    accumulator.data.fill(this.initialAccumulatorValue, accumulator.offset, accumulator.offset + accumulator.size);
    return { accumulator, linear: kernelZeros(param.value.shape, dtype) };
  }

  protected updateParam(param: Param, lr: number, state: FtrlState): void {
    ftrlStep(param.value, param.grad, state.accumulator, state.linear, lr, {
      power: -this.learningRatePower,
      l1: this.l1RegularizationStrength,
      l2: this.l2RegularizationStrength + this.beta / (2 * lr),
      shrink: 2 * this.l2ShrinkageRegularizationStrength,
    });
  }
}
