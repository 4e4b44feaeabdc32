/** {@link F1Score}: the harmonic mean of precision and recall. */
import { ConfigError, ShapeError } from '../errors';
import { formatShape, toContiguous, type Tensor } from '../tensor';
import { argmax } from './argmax';
import { checkMetricName, checkThreshold, divideNoNaN } from './confusion-metric';
import { checkSameShape, type StreamingMetric } from './metric';
import { formatString, optionsObject } from '../checks';

/** Options of {@link F1Score}. */
export interface F1ScoreOptions {
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
  /** The key in logs and History. @defaultValue 'f1Score' */
  name?: string;
}

/**
 * `F1 = 2·P·R / (P + R) = 2·TP / (2·TP + FP + FN)` (0 when `TP = 0`), with the counts of every
 * element seen since the last reset, per class (the last axis), then combined by `average`. A
 * streaming metric. For one output column, micro, macro and weighted agree: the plain binary F1.
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
export class F1Score implements StreamingMetric {
  /** The registered class name. */
  static readonly className = 'F1Score';

  /** The key in logs and History. */
  readonly name: string;
  /** The decision threshold, or `null` for the row argmax. */
  readonly threshold: number | null;
  /** How classes combine. */
  readonly average: 'micro' | 'macro' | 'weighted';

  private counts: ClassCounts = classCounts(0);

  constructor(options: F1ScoreOptions = {}) {
    options = optionsObject(options, 'F1Score');
    const { threshold = 0.5, average = 'micro', name = 'f1Score' } = options;
    this.threshold = threshold === null ? null : checkThreshold('F1Score', threshold);
    if (average !== 'micro' && average !== 'macro' && average !== 'weighted') {
      throw new ConfigError(`F1Score: average must be 'micro', 'macro' or 'weighted', got ${formatString(average)}`);
    }
    this.average = average;
    this.name = checkMetricName('F1Score', name);
  }

  /** F1 of this batch alone. */
  compute(yPred: Tensor, yTrue: Tensor): number {
    checkSameShape(this.name, yPred, yTrue);
    const counts = classCounts(classesOf(yPred));
    this.count(counts, yPred, yTrue);
    return this.score(counts);
  }

  reset(): void {
    this.counts = classCounts(0);
  }

  update(yPred: Tensor, yTrue: Tensor): void {
    checkSameShape(this.name, yPred, yTrue);
    const c = classesOf(yPred);
    if (this.counts.tp.length === 0) this.counts = classCounts(c);
    else if (this.counts.tp.length !== c) {
      throw new ShapeError(`${this.name}: the number of classes changed: expected ${this.counts.tp.length}, got ${c} in ${formatShape(yPred.shape)}`);
    }
    this.count(this.counts, yPred, yTrue);
  }

  /** F1 over every element since the last reset. */
  result(): number {
    return this.score(this.counts);
  }

  /** Adds the batch's counts; the caller has checked the shapes. */
  private count(into: ClassCounts, yPred: Tensor, yTrue: Tensor): void {
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const c = into.tp.length;
    const rows = p.size / c;
    for (let i = 0; i < rows; i++) {
      const rowP = p.offset + i * c, rowT = t.offset + i * c;
      const best = this.threshold === null ? argmax(p.data, rowP, c) : -1;
      for (let j = 0; j < c; j++) {
        const predicted = this.threshold === null ? j === best : p.data[rowP + j] > this.threshold;
        const actual = t.data[rowT + j] !== 0;
        if (predicted && actual) into.tp[j]++;
        else if (predicted) into.fp[j]++;
        else if (actual) into.fn[j]++;
      }
    }
  }

  private score({ tp, fp, fn }: ClassCounts): number {
    const f1 = (t: number, p: number, n: number): number => divideNoNaN(2 * t, 2 * t + p + n);
    if (this.average === 'micro') {
      let t = 0, p = 0, n = 0;
      for (let j = 0; j < tp.length; j++) {
        t += tp[j];
        p += fp[j];
        n += fn[j];
      }
      return f1(t, p, n);
    }
    let sum = 0, weights = 0;
    for (let j = 0; j < tp.length; j++) {
      const w = this.average === 'macro' ? 1 : tp[j] + fn[j];
      sum += w * f1(tp[j], fp[j], fn[j]);
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
