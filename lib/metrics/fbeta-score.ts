/** {@link FBetaScore}: the weighted harmonic mean of precision and recall, recall counting β times as much. */
import { ConfigError, ShapeError } from '../errors';
import { formatShape, toContiguous, type Tensor } from '../tensor';
import { argmax } from './argmax';
import { checkMetricName, checkThreshold, divideNoNaN, elementsPerWeight } from './confusion-metric';
import { checkSameShape, type StreamingMetric } from './metric';
import { classOptionKeys, formatString, optionsObject, requireTensor } from '../checks';

/** Options of {@link FBetaScore}. */
export interface FBetaScoreOptions {
  /** How many times recall counts as much as precision, `β > 0`. @defaultValue 1 */
  beta?: number;
  /**
   * A prediction counts as positive when it is above this; `null` marks each row's argmax
   * positive and the rest negative (Keras's default, meant for softmax outputs).
   * @defaultValue 0.5
   */
  threshold?: number | null;
  /**
   * How per-class scores combine into one number: `'micro'` (F1 of the counts summed over
   * classes), `'macro'` (the mean of per-class F1), `'weighted'` (per-class F1 weighted by each
   * class's count of positive labels). @defaultValue 'micro'
   */
  average?: 'micro' | 'macro' | 'weighted';
  /** The key in logs and History. @defaultValue 'fbetaScore' */
  name?: string;
}

/**
 * `F_β = (1 + β²)·P·R / (β²·P + R) = (1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP)` (0 when `TP = 0`),
 * with the counts of every element seen since the last reset, per class (the last axis), then
 * combined by `average`: Keras's `FBetaScore`. With `sampleWeight` each element counts its
 * weight. A streaming metric. For one output column, micro, macro and weighted agree.
 *
 * Keras defaults to `threshold: null` and `average: null` (a vector of per-class scores); a
 * metric here is one number, so the defaults are `0.5` and `'micro'`.
 *
 * Shapes: yPred and yTrue equal, `[N, C]` (or `[N]`, one class).
 *
 * @throws ConfigError for a bad option; ShapeError when the shapes differ or the class count changes.
 * @example
 * ```ts
 * new FBetaScore({ beta: 2 }).compute(tensor([[0.9], [0.8], [0.1]]), tensor([[1], [1], [1]])); // TP 2, FN 1: 5·2/(5·2 + 4) = 0.714
 * ```
 */
export class FBetaScore implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['beta', 'threshold', 'average', 'name'];

  /** The registered class name. */
  static readonly className: string = 'FBetaScore';

  /** The key in logs and History. */
  readonly name: string;
  /** The decision threshold, or `null` for the row argmax. */
  readonly threshold: number | null;
  /** How classes combine. */
  readonly average: 'micro' | 'macro' | 'weighted';
  /** The weight `β` of recall. */
  readonly beta: number;

  private counts: ClassCounts = classCounts(0);

  /**
   * @param owner - how error messages name the metric (`'F1Score'` for the subclass).
   * @param defaultName - the name when `options.name` is not given.
   */
  constructor(options: FBetaScoreOptions = {}, owner = 'FBetaScore', defaultName = 'fbetaScore') {
    options = optionsObject(options, owner, classOptionKeys(new.target));
    const { threshold = 0.5, average = 'micro', name = defaultName, beta = 1 } = options;
    this.threshold = threshold === null ? null : checkThreshold(owner, threshold);
    if (average !== 'micro' && average !== 'macro' && average !== 'weighted') {
      throw new ConfigError(`${owner}: average must be 'micro', 'macro' or 'weighted', got ${formatString(average)}`);
    }
    if (typeof beta !== 'number' || !(beta > 0 && beta < Infinity)) {
      throw new ConfigError(`${owner}: beta must be a finite number > 0, got ${formatString(beta)}`);
    }
    this.average = average;
    this.beta = beta;
    this.name = checkMetricName(owner, name);
  }

  /** The score of this batch alone, each element weighted by `sampleWeight` when given (one per sample or per element). */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    checkSameShape(this.name, yPred, yTrue);
    const counts = classCounts(classesOf(yPred));
    this.count(counts, yPred, yTrue, sampleWeight);
    return this.score(counts);
  }

  reset(): void {
    this.counts = classCounts(0);
  }

  /** Adds a batch to the counts, each element weighted by `sampleWeight` when given. */
  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    checkSameShape(this.name, yPred, yTrue);
    const c = classesOf(yPred);
    if (this.counts.tp.length === 0) this.counts = classCounts(c);
    else if (this.counts.tp.length !== c) {
      throw new ShapeError(`${this.name}: the number of classes changed: expected ${this.counts.tp.length}, got ${c} in ${formatShape(yPred.shape)}`);
    }
    this.count(this.counts, yPred, yTrue, sampleWeight);
  }

  /** The score over every element since the last reset. */
  result(): number {
    return this.score(this.counts);
  }

  /** Adds the batch's counts; the caller has checked the shapes. */
  private count(into: ClassCounts, yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const w = sampleWeight === undefined ? null : toContiguous(requireTensor(sampleWeight, 'sampleWeight'));
    const perWeight = w === null ? 1 : elementsPerWeight(yPred.shape, w.shape);
    const c = into.tp.length;
    const rows = p.size / c;
    for (let i = 0; i < rows; i++) {
      const rowP = p.offset + i * c, rowT = t.offset + i * c;
      const best = this.threshold === null ? argmax(p.data, rowP, c) : -1;
      for (let j = 0; j < c; j++) {
        const predicted = this.threshold === null ? j === best : p.data[rowP + j] > this.threshold;
        const actual = t.data[rowT + j] !== 0;
        const weight = w === null ? 1 : w.data[w.offset + (((i * c + j) / perWeight) | 0)];
        if (predicted && actual) into.tp[j] += weight;
        else if (predicted) into.fp[j] += weight;
        else if (actual) into.fn[j] += weight;
      }
    }
  }

  private score({ tp, fp, fn }: ClassCounts): number {
    const b2 = this.beta * this.beta;
    const fBeta = (t: number, p: number, n: number): number => divideNoNaN((1 + b2) * t, (1 + b2) * t + b2 * n + p);
    if (this.average === 'micro') {
      let t = 0, p = 0, n = 0;
      for (let j = 0; j < tp.length; j++) {
        t += tp[j];
        p += fp[j];
        n += fn[j];
      }
      return fBeta(t, p, n);
    }
    let sum = 0, weights = 0;
    for (let j = 0; j < tp.length; j++) {
      const w = this.average === 'macro' ? 1 : tp[j] + fn[j];
      sum += w * fBeta(tp[j], fp[j], fn[j]);
      weights += w;
    }
    return divideNoNaN(sum, weights);
  }
}

/** Per-class true positives, false positives and false negatives. */
interface ClassCounts {
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
}

function classCounts(classes: number): ClassCounts {
  return { tp: new Float64Array(classes), fp: new Float64Array(classes), fn: new Float64Array(classes) };
}

/** The number of classes: the last axis, or 1 for `[N]`. */
function classesOf(yPred: Tensor): number {
  return yPred.shape.length < 2 ? 1 : yPred.shape[yPred.shape.length - 1];
}
