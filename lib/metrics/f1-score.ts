/** {@link F1Score}: the harmonic mean of precision and recall. */
import { optionsObject } from '../checks';
import { FBetaScore, type FBetaScoreOptions } from './fbeta-score';

/** Options of {@link F1Score}: those of {@link FBetaScore} but `beta`, which is 1. */
export type F1ScoreOptions = Omit<FBetaScoreOptions, 'beta'>;

/**
 * `F1 = 2·P·R / (P + R) = 2·TP / (2·TP + FP + FN)` (0 when `TP = 0`): {@link FBetaScore} with
 * `β = 1`, Keras's `F1Score`. A streaming metric. For one output column, micro, macro and
 * weighted agree: the plain binary F1.
 *
 * Keras's `F1Score` defaults to `threshold: null` and `average: null` (a vector of per-class
 * scores); a metric here is one number, so the defaults are `0.5` and `'micro'`.
 *
 * Shapes: yPred and yTrue equal, `[N, C]` (or `[N]`, one class).
 *
 * @throws ConfigError for a bad option; ShapeError when the shapes differ or the class count changes.
 * @example
 * ```ts
 * new F1Score().compute(tensor([[0.9], [0.8], [0.1]]), tensor([[1], [0], [1]])); // TP 1, FP 1, FN 1: 2/(2+1+1) = 0.5
 * ```
 */
export class F1Score extends FBetaScore {
  /** The registered class name. */
  static override readonly className: string = 'F1Score';

  constructor(options: F1ScoreOptions = {}) {
    super({ ...optionsObject(options, 'F1Score'), beta: 1 }, 'F1Score', 'f1Score');
  }
}
