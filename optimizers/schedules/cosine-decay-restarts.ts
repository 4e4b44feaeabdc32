/** Cosine learning-rate decay with warm restarts (SGDR). */
import { checkAtLeast, checkNonNegative, checkPositive } from '../check-options';
import { LearningRateSchedule } from './learning-rate-schedule';
import { classOptionKeys, formatValue, optionsObject } from '../../lib/checks';
import { ConfigError, DataError } from '../../lib/errors';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link CosineDecayRestarts}. */
export interface CosineDecayRestartsOptions {
  /** The rate `η₀` at step 0. */
  initialLearningRate: number;
  /** The length `T₀` of the first period. */
  firstDecaySteps: number;
  /** Each period is `tMul` times longer than the one before (`T_i = T₀ · tMul^i`); at least 1. @defaultValue 2 */
  tMul?: number;
  /** Each restart starts at `mMul` times the previous period's peak. @defaultValue 1 */
  mMul?: number;
  /** The floor `α`, as a fraction of `η₀`, in `[0, 1]`. @defaultValue 0 */
  alpha?: number;
}

/**
 * Cosine decay with warm restarts (Keras 3's `CosineDecayRestarts`, Loshchilov & Hutter's SGDR).
 * Period `i` starts at step `S_i = T₀ · (1 + tMul + … + tMul^{i−1})` and lasts `T_i = T₀ · tMul^i`
 * steps. For `S_i <= t < S_{i+1}`, with `f = (t − S_i) / T_i`:
 * `η_t = η₀ · ((1 − α) · mMul^i · ½(1 + cos(π f)) + α)`.
 * (Keras finds `i` in closed form, `i = ⌊log(1 − (t/T₀)(1 − tMul)) / log(tMul)⌋`; this class walks
 * the periods, which gives the same `i` without rounding trouble at the restart steps.)
 *
 * @throws ConfigError when `firstDecaySteps <= 0`, `tMul < 1`, or another option is out of range.
 * @example
 * ```ts
 * new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 1000 });
 * ```
 */
export class CosineDecayRestarts extends LearningRateSchedule {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['initialLearningRate', 'firstDecaySteps', 'tMul', 'mMul', 'alpha'];

  static override readonly className = 'CosineDecayRestarts';

  /** `η₀`. */
  readonly initialLearningRate: number;
  /** `T₀`. */
  readonly firstDecaySteps: number;
  /** The period growth factor. */
  readonly tMul: number;
  /** The peak factor per restart. */
  readonly mMul: number;
  /** `α`. */
  readonly alpha: number;

  constructor(options: CosineDecayRestartsOptions) {
    options = optionsObject(options, 'CosineDecayRestarts', classOptionKeys(new.target));
    super();
    this.initialLearningRate = checkNonNegative(this.className, 'initialLearningRate', options.initialLearningRate);
    this.firstDecaySteps = checkPositive(this.className, 'firstDecaySteps', options.firstDecaySteps);
    this.tMul = checkAtLeast(this.className, 'tMul', options.tMul ?? 2, 1);
    this.mMul = checkNonNegative(this.className, 'mMul', options.mMul ?? 1);
    this.alpha = checkNonNegative(this.className, 'alpha', options.alpha ?? 0);
    // With α > 1 the cosine term's weight 1 − α is negative, and a growing mMul drives the rate below 0.
    if (this.alpha > 1) throw new ConfigError(`${this.className}: alpha must be a fraction in [0, 1], got ${this.alpha}`);
  }

  /** @throws DataError for a step that is not a finite number (the walk over periods would never end). */
  valueAt(step: number): number {
    if (!Number.isFinite(step)) throw new DataError(`${this.className}: step must be a finite number, got ${formatValue(step)}`);
    let restart: number;
    let fraction: number;
    if (this.tMul === 1) {
      const periods = step / this.firstDecaySteps;
      restart = math.floor(periods);
      fraction = periods - restart;
    } else {
      // Walk the periods: there are only about log_tMul(t / T₀) of them.
      let start = 0;
      let length = this.firstDecaySteps;
      restart = 0;
      while (step >= start + length) {
        start += length;
        length *= this.tMul;
        restart++;
      }
      fraction = (step - start) / length;
    }
    const cosine = 0.5 * math.pow(this.mMul, restart) * (1 + math.cos(math.PI * fraction));
    return this.initialLearningRate * ((1 - this.alpha) * cosine + this.alpha);
  }

  getConfig(): Required<CosineDecayRestartsOptions> {
    return {
      initialLearningRate: this.initialLearningRate,
      firstDecaySteps: this.firstDecaySteps,
      tMul: this.tMul,
      mMul: this.mMul,
      alpha: this.alpha,
    };
  }
}
