/**
 * {@link ConfusionMetric}: the streaming base of Precision and Recall, which count true and
 * false positives and negatives of a thresholded prediction element by element.
 */
import { ConfigError, ShapeError } from '../errors';
import { formatShape, toContiguous, type Tensor } from '../tensor';
import { checkSameShape, type StreamingMetric } from './metric';
import { classOptionKeys, formatString, optionsObject, requireTensor } from '../checks';

/** Counts of a binary decision against binary labels. */
export interface ConfusionCounts {
  /** Predicted positive, labelled positive. */
  tp: number;
  /** Predicted positive, labelled negative. */
  fp: number;
  /** Predicted negative, labelled positive. */
  fn: number;
  /** Predicted negative, labelled negative. */
  tn: number;
}

/** Options of {@link Precision}, {@link Recall} and the confusion counts. */
export interface ThresholdMetricOptions {
  /** A prediction counts as positive when it is above this (Keras's `thresholds`, one value). @defaultValue 0.5, or −∞ with `topK` */
  threshold?: number;
  /** Only the `k` largest predictions of each last-axis row can count as positive (Keras's `top_k`; ties go to the lower index). @defaultValue null (all) */
  topK?: number | null;
  /** Only column `classId` of `[N, C]` inputs is counted (Keras's `class_id`), after `topK` picks over the whole row. @defaultValue null (every element) */
  classId?: number | null;
  /** The key in logs and History. @defaultValue the metric's camelCase name, e.g. `'precision'` */
  name?: string;
}

/**
 * Adds to `counts` every element of a batch: predicted positive when `yPred > threshold`,
 * labelled positive when `yTrue ≠ 0` (Keras casts labels to booleans), each counting 1, or its
 * weight when `sampleWeight` is given (one per sample, `[N]` or `[N, 1]`, or one per element,
 * yPred's shape). Returns `counts`.
 * @throws ShapeError when `sampleWeight` has neither form.
 */
export function addConfusion(
  counts: ConfusionCounts, yPred: Tensor, yTrue: Tensor, threshold: number, sampleWeight?: Tensor,
  selection: ConfusionSelection = { topK: null, classId: null },
): ConfusionCounts {
  const p = toContiguous(yPred), t = toContiguous(yTrue);
  const pd = p.data, td = t.data;
  const w = sampleWeight === undefined ? null : toContiguous(requireTensor(sampleWeight, 'sampleWeight'));
  const n = p.size;
  const perElement = w === null ? 1 : elementsPerWeight(yPred.shape, w.shape);
  const { topK, classId } = selection;
  const width = yPred.shape.length === 0 ? 1 : yPred.shape[yPred.shape.length - 1];
  if (classId !== null && (yPred.shape.length < 2 || classId >= width)) {
    throw new ShapeError(`classId ${classId} needs yPred of shape [N, C] with C > ${classId}, got ${formatShape(yPred.shape)}`);
  }
  const inTopK = topK === null ? null : topKMask(pd, p.offset, n, width, topK);
  for (let i = 0, pp = p.offset, tp = t.offset; i < n; i++, pp++, tp++) {
    if (classId !== null && i % width !== classId) continue;
    const weight = w === null ? 1 : w.data[w.offset + ((i / perElement) | 0)];
    const predicted = (inTopK === null || inTopK[i] === 1) && pd[pp] > threshold;
    const actual = td[tp] !== 0;
    if (predicted) {
      if (actual) counts.tp += weight;
      else counts.fp += weight;
    } else if (actual) counts.fn += weight;
    else counts.tn += weight;
  }
  return counts;
}

/** Which elements {@link addConfusion} reads: the `topK` of each row, and only column `classId`. */
export interface ConfusionSelection {
  readonly topK: number | null;
  readonly classId: number | null;
}

/** 1 for the `k` largest entries of each `width`-long row (ties to the lower index), else 0. */
function topKMask(data: Tensor['data'], offset: number, size: number, width: number, k: number): Uint8Array {
  const mask = new Uint8Array(size);
  const order = Array.from({ length: width }, (_, j) => j);
  for (let row = 0; row < size; row += width) {
    order.sort((a, b) => data[offset + row + b] - data[offset + row + a] || a - b);
    for (let j = 0; j < Math.min(k, width); j++) mask[row + order[j]] = 1;
  }
  return mask;
}

/**
 * How many consecutive elements of a `predShape` tensor share one weight of a `weightShape`
 * one: 1 for a weight per element, the sample size for a weight per sample.
 * @throws ShapeError for any other weight shape.
 */
export function elementsPerWeight(predShape: readonly number[], weightShape: readonly number[]): number {
  const size = predShape.reduce((a, b) => a * b, 1);
  const weights = weightShape.reduce((a, b) => a * b, 1);
  const isPerSample = weightShape[0] === predShape[0] && weights === predShape[0];
  const isPerElement = weightShape.length === predShape.length && weightShape.every((d, i) => d === predShape[i]);
  if (!isPerSample && !isPerElement) {
    throw new ShapeError(`sampleWeight must have one weight per sample or per element of yPred ${formatShape(predShape)}: expected [${predShape[0]}] or ${formatShape(predShape)}, got ${formatShape(weightShape)}`);
  }
  return isPerElement ? 1 : size / predShape[0];
}

/** `num / den`, or 0 when `den` is 0 (Keras's `divide_no_nan`). */
export function divideNoNaN(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

/** Checks a metric's `threshold` option. */
export function checkThreshold(owner: string, threshold: unknown): number {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    throw new ConfigError(`${owner}: threshold must be a finite number, got ${formatString(threshold)}`);
  }
  return threshold;
}

/** Checks a metric's `name` option. */
export function checkMetricName(owner: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) throw new ConfigError(`${owner}: name must be a non-empty string, got ${formatString(name)}`);
  return name;
}

/**
 * A streaming metric computed from the {@link ConfusionCounts} of every element seen:
 * subclasses give the formula in `fromCounts`. Shapes: yPred and yTrue are equal, any rank;
 * every element is one binary decision, or, with `topK` and `classId`, the chosen ones.
 */
export abstract class ConfusionMetric implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['threshold', 'topK', 'classId', 'name'];

  /** The key in logs and History. */
  readonly name: string;
  /** The decision threshold. */
  readonly threshold: number;
  /** The row's `k` largest predictions that can count as positive, or `null` for all. */
  readonly topK: number | null;
  /** The only column counted, or `null` for every element. */
  readonly classId: number | null;

  private readonly counts: ConfusionCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };

  constructor(owner: string, defaultName: string, options: ThresholdMetricOptions) {
    options = optionsObject(options, owner, classOptionKeys(new.target));
    const { topK = null, classId = null, name = defaultName } = options;
    for (const [key, value] of [['topK', topK], ['classId', classId]] as const) {
      const min = key === 'topK' ? 1 : 0;
      if (value !== null && !(typeof value === 'number' && Number.isInteger(value) && value >= min)) {
        throw new ConfigError(`${owner}: ${key} must be an integer >= ${min} or null, got ${formatString(value)}`);
      }
    }
    this.topK = topK;
    this.classId = classId;
    this.threshold = options.threshold === undefined && topK !== null ? -Infinity : checkThreshold(owner, options.threshold ?? 0.5);
    this.name = checkMetricName(owner, name);
  }

  /** The metric on this batch alone, each element weighted by `sampleWeight` when given (see {@link addConfusion}). */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    checkSameShape(this.name, yPred, yTrue);
    return this.fromCounts(addConfusion({ tp: 0, fp: 0, fn: 0, tn: 0 }, yPred, yTrue, this.threshold, sampleWeight, this));
  }

  reset(): void {
    this.counts.tp = this.counts.fp = this.counts.fn = this.counts.tn = 0;
  }

  /** Adds a batch to the counts, each element weighted by `sampleWeight` when given (see {@link addConfusion}). */
  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    checkSameShape(this.name, yPred, yTrue);
    addConfusion(this.counts, yPred, yTrue, this.threshold, sampleWeight, this);
  }

  /** The metric over every element since the last reset. */
  result(): number {
    return this.fromCounts(this.counts);
  }

  /** The metric's formula on counts. */
  protected abstract fromCounts(c: ConfusionCounts): number;
}
