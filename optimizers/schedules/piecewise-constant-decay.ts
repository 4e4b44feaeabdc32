/** Piecewise-constant learning rates. */
import { ConfigError } from '../../lib/errors';
import { checkNonNegative, describeValue } from '../check-options';
import { LearningRateSchedule } from './learning-rate-schedule';
import { classOptionKeys, isArray, optionsObject } from '../../lib/checks';

/** Options of {@link PiecewiseConstantDecay}. */
export interface PiecewiseConstantDecayOptions {
  /** Strictly increasing steps `b_0 < b_1 < … < b_{k−1}` where the rate changes. */
  boundaries: readonly number[];
  /** The `k + 1` rates `v_0 … v_k`, one per interval. */
  values: readonly number[];
}

/**
 * Piecewise-constant rates (Keras 3's `PiecewiseConstantDecay`): `η_t = v_0` for `t <= b_0`,
 * `v_i` for `b_{i−1} < t <= b_i`, and `v_k` for `t > b_{k−1}`. A boundary step still gets the
 * value on its left.
 *
 * @throws ConfigError when `values.length !== boundaries.length + 1`, the boundaries are not
 * strictly increasing finite numbers, or a value is negative or not finite.
 * @example
 * ```ts
 * // 1.0 for steps 0..100000, 0.5 up to 110000, then 0.1.
 * new PiecewiseConstantDecay({ boundaries: [100000, 110000], values: [1.0, 0.5, 0.1] });
 * ```
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['boundaries', 'values'];

  static override readonly className = 'PiecewiseConstantDecay';

  /** The boundary steps `b`. */
  readonly boundaries: readonly number[];
  /** The rates `v`. */
  readonly values: readonly number[];

  constructor(options: PiecewiseConstantDecayOptions) {
    options = optionsObject(options, 'PiecewiseConstantDecay', classOptionKeys(new.target));
    super();
    const { boundaries, values } = options;
    if (!isArray(boundaries) || !isArray(values) || values.length === 0 || values.length !== boundaries.length + 1) {
      throw new ConfigError(`${this.className}: values must have one more element than boundaries, got boundaries=${describeValue(boundaries)} and values=${describeValue(values)}`);
    }
    boundaries.forEach((b, i) => {
      if (typeof b !== 'number' || !Number.isFinite(b) || (i > 0 && b <= boundaries[i - 1])) {
        throw new ConfigError(`${this.className}: boundaries must be strictly increasing finite numbers, got ${describeValue(boundaries)}`);
      }
    });
    values.forEach((v, i) => checkNonNegative(this.className, `values[${i}]`, v));
    this.boundaries = boundaries.slice();
    this.values = values.slice();
  }

  valueAt(step: number): number {
    this.checkStep(step);
    let i = 0;
    while (i < this.boundaries.length && step > this.boundaries[i]) i++;
    return this.values[i];
  }

  getConfig(): { boundaries: number[]; values: number[] } {
    return { boundaries: this.boundaries.slice(), values: this.values.slice() };
  }
}
