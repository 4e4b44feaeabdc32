/**
 * {@link ThresholdCurveMetric}: the streaming base of the metrics that read one statistic at
 * the best of many thresholds (SensitivityAtSpecificity, SpecificityAtSensitivity,
 * PrecisionAtRecall, RecallAtPrecision).
 */
import { classOptionKeys, formatJson, optionsObject, requireTensor } from '../checks';
import { ConfigError, ShapeError } from '../errors';
import { formatShape, toContiguous, type Tensor } from '../tensor';
import { checkMetricName, divideNoNaN, elementsPerWeight } from './confusion-metric';
import { checkSameShape, type StreamingMetric } from './metric';

/** Options of the threshold-curve metrics. */
export interface ThresholdCurveOptions {
  /** The number of thresholds `T` (an integer in `[1, 2^20]`): 0, `1/(T−1)`, …, 1, or 0.5 alone for `T = 1`. @defaultValue 200 */
  numThresholds?: number;
  /** Read only this column of `[N, C]` inputs (one class of a multi-class or multi-label output). @defaultValue every element */
  classId?: number | null;
  /** The key in logs and History. @defaultValue the metric's camelCase name */
  name?: string;
}

/** The counts at each threshold `t_j` of the decision `yPred > t_j`. */
export interface ThresholdCurve {
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly tn: Float64Array;
  readonly fn: Float64Array;
}

/**
 * Counts, at each of `T` thresholds, the true and false positives and negatives of every
 * element seen since the last reset (`yTrue ≠ 0` a positive label, `yPred > t_j` a positive
 * prediction, each element counting its `sampleWeight`, 1 by default), and reports
 * `max { dependent_j : constrained_j ≥ value }` (0 when no threshold qualifies), Keras's
 * `_find_max_under_constraint`. Each score is binned once, so memory is `O(T)`. Subclasses
 * give the two statistics in `curves`.
 *
 * Shapes: yPred and yTrue equal; with `classId`, `[N, C]` and only column `classId` is read.
 */
export abstract class ThresholdCurveMetric implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['numThresholds', 'classId', 'name'];

  /** The key in logs and History. */
  readonly name: string;
  /** The target value of the constrained statistic, in `[0, 1]`. */
  readonly value: number;
  /** The number of thresholds. */
  readonly numThresholds: number;
  /** The column read, or `null` for every element. */
  readonly classId: number | null;

  private readonly thresholds: Float64Array;
  /** `positives[k]`: the weight of positive labels whose score is above exactly `k` thresholds; likewise negatives. */
  private readonly positives: Float64Array;
  private readonly negatives: Float64Array;

  /**
   * @param owner - the class name, for messages.
   * @param valueName - what `value` is called in messages (`'specificity'`, …).
   */
  constructor(owner: string, valueName: string, value: number, options: ThresholdCurveOptions, defaultName: string) {
    const { numThresholds = 200, classId = null, name = defaultName } = optionsObject(options, owner, classOptionKeys(new.target));
    if (!(typeof value === 'number' && value >= 0 && value <= 1)) {
      throw new ConfigError(`${owner}: ${valueName} must be a number in [0, 1], got ${formatJson(value)}`);
    }
    if (!(typeof numThresholds === 'number' && Number.isInteger(numThresholds) && numThresholds >= 1 && numThresholds <= 2 ** 20)) {
      throw new ConfigError(`${owner}: numThresholds must be an integer in [1, ${2 ** 20}], got ${formatJson(numThresholds)}`);
    }
    if (classId !== null && !(typeof classId === 'number' && Number.isInteger(classId) && classId >= 0)) {
      throw new ConfigError(`${owner}: classId must be a class index >= 0 or null, got ${formatJson(classId)}`);
    }
    this.value = value;
    this.numThresholds = numThresholds;
    this.classId = classId;
    this.name = checkMetricName(owner, name);
    this.thresholds = new Float64Array(numThresholds);
    if (numThresholds === 1) this.thresholds[0] = 0.5;
    else for (let j = 0; j < numThresholds; j++) this.thresholds[j] = j / (numThresholds - 1);
    this.positives = new Float64Array(numThresholds + 1);
    this.negatives = new Float64Array(numThresholds + 1);
  }

  /** The metric of this batch alone. */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    const saved = [Float64Array.from(this.positives), Float64Array.from(this.negatives)];
    this.reset();
    this.update(yPred, yTrue, sampleWeight);
    const result = this.result();
    this.positives.set(saved[0]);
    this.negatives.set(saved[1]);
    return result;
  }

  reset(): void {
    this.positives.fill(0);
    this.negatives.fill(0);
  }

  /** Adds a batch, each element weighted by `sampleWeight` when given (one per sample or per element). */
  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    checkSameShape(this.name, yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const w = sampleWeight === undefined ? null : toContiguous(requireTensor(sampleWeight, `${this.name}: sampleWeight`));
    const perWeight = w === null ? 1 : elementsPerWeight(yPred.shape, w.shape);
    const width = yPred.shape[yPred.shape.length - 1];
    if (this.classId !== null && (yPred.shape.length < 2 || this.classId >= width)) {
      throw new ShapeError(`${this.name}: classId ${this.classId} needs [N, C] inputs with C > ${this.classId}, got ${formatShape(yPred.shape)}`);
    }
    for (let i = 0; i < p.size; i++) {
      if (this.classId !== null && i % width !== this.classId) continue;
      const weight = w === null ? 1 : w.data[w.offset + ((i / perWeight) | 0)];
      const k = this.thresholdsBelow(p.data[p.offset + i]);
      if (t.data[t.offset + i] !== 0) this.positives[k] += weight;
      else this.negatives[k] += weight;
    }
  }

  /** The best dependent statistic among the thresholds whose constrained one reaches `value`. */
  result(): number {
    const { constrained, dependent } = this.curves(this.curve());
    let best = 0;
    for (let j = 0; j < constrained.length; j++) if (constrained[j] >= this.value && dependent[j] > best) best = dependent[j];
    return best;
  }

  /** The constrained statistic and the one maximized, per threshold, from the counts. */
  protected abstract curves(c: ThresholdCurve): { constrained: Float64Array; dependent: Float64Array };

  /** `stat_j = num_j / (num_j + other_j)` per threshold (0 where the denominator is 0). */
  protected static ratio(num: Float64Array, other: Float64Array): Float64Array {
    return num.map((v, j) => divideNoNaN(v, v + other[j]));
  }

  /** The counts at each threshold: `TP_j` is the positive weight in bins `k > j`, and so on. */
  private curve(): ThresholdCurve {
    const n = this.numThresholds;
    const tp = new Float64Array(n), fp = new Float64Array(n), tn = new Float64Array(n), fn = new Float64Array(n);
    let totalP = 0, totalN = 0;
    for (let k = 0; k <= n; k++) {
      totalP += this.positives[k];
      totalN += this.negatives[k];
    }
    let above = 0, aboveN = 0;
    for (let j = n - 1; j >= 0; j--) {
      above += this.positives[j + 1];
      aboveN += this.negatives[j + 1];
      tp[j] = above;
      fn[j] = totalP - above;
      fp[j] = aboveN;
      tn[j] = totalN - aboveN;
    }
    return { tp, fp, tn, fn };
  }

  /** How many thresholds lie strictly below `score`. */
  private thresholdsBelow(score: number): number {
    let lo = 0, hi = this.thresholds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.thresholds[mid] < score) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
