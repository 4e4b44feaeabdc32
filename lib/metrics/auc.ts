/** {@link AUC}: the area under the ROC or the precision-recall curve. */
import { ConfigError, ShapeError } from '../errors';
import { formatShape, toContiguous, type Tensor } from '../tensor';
import { checkMetricName, divideNoNaN, elementsPerWeight } from './confusion-metric';
import { checkSameShape, type StreamingMetric } from './metric';
import { classOptionKeys, formatString, formatValue, isArray, optionsObject, requireTensor } from '../checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link AUC}. */
export interface AUCOptions {
  /**
   * The number of thresholds the ROC curve is sampled at (Keras's `num_thresholds`), an integer
   * `> 1` (at most 2^24); or `'exact'` for the exact area from every score seen (memory grows with the data).
   * @defaultValue 200
   */
  numThresholds?: number | 'exact';
  /** `'ROC'` (true-positive against false-positive rate) or `'PR'` (precision against recall; not with `'exact'`). @defaultValue 'ROC' */
  curve?: 'ROC' | 'PR';
  /**
   * How each piece between two thresholds is summed: `'interpolation'` (the trapezoid for ROC,
   * Davis and Goadrich's interpolation for PR), `'minoring'` or `'majoring'` (the lower or higher
   * end's height). @defaultValue 'interpolation'
   */
  summationMethod?: 'interpolation' | 'minoring' | 'majoring';
  /**
   * Multi-label data (yPred `[N, L]`, one independent binary label per column): one area per
   * label, averaged (weighted by `labelWeights` when given). When false, every element of every
   * column is a point of one curve. @defaultValue false
   */
  multiLabel?: boolean;
  /**
   * One non-negative weight per label (column of yPred's last axis). With `multiLabel`, the
   * weights of the per-label areas in their average `Σ w_c·AUC_c / Σ w_c`; without, a factor on
   * every element of column `c` in the single curve. @defaultValue null (every label weighs 1)
   */
  labelWeights?: readonly number[] | null;
  /**
   * Explicit thresholds, each in `[0, 1]` (Keras's `thresholds`): the curve is sampled at
   * `−ε`, these (sorted) and `1 + ε`, and `numThresholds` becomes their count plus 2 (any
   * `numThresholds` given is ignored, as in Keras). Not with `numThresholds: 'exact'`.
   * @defaultValue null (`numThresholds` evenly spaced thresholds)
   */
  thresholds?: readonly number[] | null;
  /**
   * With `multiLabel`, the number of labels (yPred's last axis), fixed at construction instead of
   * by the first batch (Keras's `num_labels`). Only with `multiLabel`. @defaultValue null
   */
  numLabels?: number | null;
  /** The scores are logits: `sigmoid(yPred)` is used as the score (Keras's `from_logits`). @defaultValue false */
  fromLogits?: boolean;
  /** The key in logs and History. @defaultValue 'auc' */
  name?: string;
}

/** Keras's `backend.epsilon()`, which puts the end thresholds just outside `[0, 1]`. */
const EPSILON = 1e-7;

/**
 * The area under the ROC curve (true-positive rate against false-positive rate), over every
 * element seen since the last reset, with `yTrue ≠ 0` a positive label and `yPred` a score.
 *
 * By default it is Keras's `AUC()`: thresholds `t_0 = −ε`, `t_j = j/(T−1)` for `0 < j < T−1`,
 * `t_{T−1} = 1 + ε` (`T = numThresholds = 200`); at each, `TPR_j = TP_j/P` and
 * `FPR_j = FP_j/N` with `yPred > t_j` predicted positive; and the trapezoid rule
 * `AUC = Σ_j (FPR_j − FPR_{j+1})·(TPR_j + TPR_{j+1})/2`. Scores falling between the same two
 * thresholds count as tied. Internally each score is binned once (a histogram per class), so
 * memory is `O(T)` whatever the data size.
 *
 * With `numThresholds: 'exact'` the area is exact: `AUC = P(s⁺ > s⁻) + ½·P(s⁺ = s⁻)` over all
 * positive/negative pairs (the Mann–Whitney statistic), which equals the trapezoid rule on the
 * ROC curve through every distinct score.
 *
 * With `curve: 'PR'`, the points are `(recall_j, precision_j)`, `precision_j = TP_j/(TP_j + FP_j)`,
 * and each piece is Keras's interpolation (Davis & Goadrich, 2006): with `P_j = TP_j + FP_j`,
 * slope `s = ΔTP/ΔP`, intercept `b = TP_{j+1} − s·P_{j+1}`,
 * `Δarea = s·(ΔTP + b·log(P_j/P_{j+1})) / (TP_{j+1} + FN_{j+1})` (the log ratio taken as 0 when
 * either `P` is 0). `summationMethod` `'minoring'`/`'majoring'` sum `Δx·min`/`Δx·max` of the
 * two heights instead. With `sampleWeight` each element counts its weight.
 *
 * With `multiLabel: true` (yPred `[N, L]`) each label `c` (column) has its own curve and area
 * `AUC_c`, and the result is their mean, or `Σ w_c·AUC_c / Σ w_c` with `labelWeights`
 * (Keras's `AUC(multi_label=True, label_weights=...)`). Without it, `labelWeights` multiply the
 * weight of every element of their column in the one curve.
 *
 * With `thresholds: [t_1, …, t_k]` the curve is sampled at `−ε, t_1, …, t_k, 1 + ε` instead
 * (sorted; `numThresholds = k + 2`). With `fromLogits` each score is `σ(yPred) = 1/(1 + e^(−yPred))`.
 *
 * With no positive or no negative label the rates are 0 (Keras's `divide_no_nan`) and so is
 * the area. Scores are meant to be probabilities: outside `[0, 1]`, they only land below the
 * first or above the last threshold. A streaming metric.
 *
 * Shapes: yPred and yTrue equal, e.g. `[N, 1]`; every element is one score. With `multiLabel`,
 * `[N, L]`, L fixed by the first batch. `labelWeights` has yPred's last axis's length.
 *
 * @throws ConfigError for a bad `numThresholds`, `thresholds`, `numLabels` (or one without
 * `multiLabel`), `fromLogits`, `multiLabel` or `labelWeights`; ShapeError when the shapes
 * differ, yPred is not rank 2 with `multiLabel` (or has another number of labels than
 * `numLabels` or the first batch), or `labelWeights` does not have one weight per label.
 * @example
 * ```ts
 * // Scores 0.1, 0.4, 0.35, 0.8 for labels 0, 0, 1, 1: 3 of the 4 positive/negative pairs are ordered right.
 * new AUC().compute(tensor([[0.1], [0.4], [0.35], [0.8]]), tensor([[0], [0], [1], [1]])); // 0.75
 * // Two labels, exact areas 3/4 and 1: their mean.
 * new AUC({ numThresholds: 'exact', multiLabel: true })
 *   .compute(tensor([[0, 0.1], [0.5, 0.2], [0.3, 0.3], [0.9, 0.4]]), tensor([[0, 0], [0, 0], [1, 1], [1, 1]])); // 0.875
 * ```
 */
export class AUC implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = [
    'numThresholds', 'curve', 'summationMethod', 'multiLabel', 'labelWeights', 'thresholds', 'numLabels', 'fromLogits', 'name',
  ];

  /** The registered class name. */
  static readonly className = 'AUC';

  /** The key in logs and History. */
  readonly name: string;
  /** The number of thresholds, or `'exact'`. */
  readonly numThresholds: number | 'exact';
  /** The curve whose area is reported. */
  readonly curve: 'ROC' | 'PR';
  /** How the pieces are summed. */
  readonly summationMethod: 'interpolation' | 'minoring' | 'majoring';
  /** One area per label (column), averaged. */
  readonly multiLabel: boolean;
  /** The per-label weights, or null. */
  readonly labelWeights: readonly number[] | null;
  /** The number of labels given with `multiLabel`, or null (the first batch decides). */
  readonly numLabels: number | null;
  /** The scores are logits. */
  readonly fromLogits: boolean;
  /** The explicit thresholds as given (sorted), or null for evenly spaced ones. */
  private readonly explicitThresholds: readonly number[] | null;

  private readonly cuts: Float64Array;
  /** The curves kept: 1, or with `multiLabel` the labels of the first batch (0 before it). */
  private curves: number;
  /**
   * `positives[c·(T+1) + k]`: the weight of curve `c`'s positive labels whose score is above
   * exactly `k` of the `T` thresholds; likewise negatives.
   */
  private positives: Float64Array;
  private negatives: Float64Array;
  /** With `'exact'`: each curve's scores, labels and weights. */
  private scores: number[][] = [];
  private labels: boolean[][] = [];
  private weights: number[][] = [];

  constructor(options: AUCOptions = {}) {
    options = optionsObject(options, 'AUC', classOptionKeys(new.target));
    const {
      name = 'auc', curve = 'ROC', summationMethod = 'interpolation', multiLabel = false, labelWeights = null,
      thresholds = null, numLabels = null, fromLogits = false,
    } = options;
    if (typeof multiLabel !== 'boolean') throw new ConfigError(`AUC: multiLabel must be a boolean, got ${formatString(multiLabel)}`);
    if (typeof fromLogits !== 'boolean') throw new ConfigError(`AUC: fromLogits must be a boolean, got ${formatString(fromLogits)}`);
    this.fromLogits = fromLogits;
    if (numLabels !== null && !(typeof numLabels === 'number' && Number.isInteger(numLabels) && numLabels > 0)) {
      throw new ConfigError(`AUC: numLabels must be a positive integer or null, got ${formatString(numLabels)}`);
    }
    if (numLabels !== null && !multiLabel) throw new ConfigError(`AUC: numLabels is needed only when multiLabel is true. Received: numLabels=${numLabels}`);
    this.numLabels = numLabels;
    this.explicitThresholds = checkThresholds(thresholds);
    if (this.explicitThresholds !== null && options.numThresholds === 'exact') {
      throw new ConfigError("AUC: thresholds and numThresholds 'exact' exclude each other");
    }
    const numThresholds = this.explicitThresholds !== null ? this.explicitThresholds.length + 2 : options.numThresholds ?? 200;
    this.multiLabel = multiLabel;
    this.labelWeights = checkLabelWeights(labelWeights);
    if (curve !== 'ROC' && curve !== 'PR') throw new ConfigError(`AUC: curve must be 'ROC' or 'PR', got ${formatString(curve)}`);
    if (summationMethod !== 'interpolation' && summationMethod !== 'minoring' && summationMethod !== 'majoring') {
      throw new ConfigError(`AUC: summationMethod must be 'interpolation', 'minoring' or 'majoring', got ${formatString(summationMethod)}`);
    }
    if (numThresholds === 'exact' && (curve !== 'ROC' || summationMethod !== 'interpolation')) {
      throw new ConfigError("AUC: numThresholds 'exact' computes the ROC area only, with summationMethod 'interpolation'");
    }
    this.curve = curve;
    this.summationMethod = summationMethod;
    if (numThresholds !== 'exact' && !(typeof numThresholds === 'number' && Number.isInteger(numThresholds) && numThresholds > 1)) {
      throw new ConfigError(`AUC: numThresholds must be an integer > 1 or 'exact', got ${formatString(numThresholds)}`);
    }
    // The cap keeps the threshold buffers allocatable; 'exact' covers any finer need.
    if (typeof numThresholds === 'number' && numThresholds > 2 ** 24) {
      throw new ConfigError(`AUC: numThresholds must be at most ${2 ** 24} (or 'exact'), got ${numThresholds}`);
    }
    this.numThresholds = numThresholds;
    this.name = checkMetricName('AUC', name);
    const t = numThresholds === 'exact' ? 0 : numThresholds;
    this.cuts = new Float64Array(t);
    for (let j = 1; j < t - 1; j++) this.cuts[j] = this.explicitThresholds === null ? j / (t - 1) : this.explicitThresholds[j - 1];
    if (t > 0) {
      this.cuts[0] = -EPSILON;
      this.cuts[t - 1] = 1 + EPSILON;
    }
    this.curves = multiLabel ? numLabels ?? 0 : 1;
    this.positives = new Float64Array(this.curves * (t + 1));
    this.negatives = new Float64Array(this.curves * (t + 1));
    this.reset();
  }

  /** The thresholds the curve is sampled at, ends included (`[]` with `'exact'`), as Keras's `AUC.thresholds`. */
  get thresholds(): number[] {
    return Array.from(this.cuts);
  }

  /** The area for this batch alone. */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    const fresh = new AUC(this.getConfig());
    fresh.update(yPred, yTrue, sampleWeight);
    return fresh.result();
  }

  /**
   * The constructor options: `new AUC(getConfig())` rebuilds the metric (without its state).
   * `thresholds` is there only when it was given, as in Keras's `get_config`.
   */
  getConfig(): Required<Omit<AUCOptions, 'thresholds'>> & Pick<AUCOptions, 'thresholds'> {
    const { numThresholds, curve, summationMethod, multiLabel, labelWeights, numLabels, fromLogits, name } = this;
    return {
      numThresholds, curve, summationMethod, multiLabel, labelWeights: labelWeights === null ? null : labelWeights.slice(), numLabels, fromLogits,
      ...(this.explicitThresholds === null ? {} : { thresholds: this.explicitThresholds.slice() }), name,
    };
  }

  /** Forgets every batch; with `multiLabel` the number of labels stays that of the first batch, as in Keras. */
  reset(): void {
    this.positives.fill(0);
    this.negatives.fill(0);
    this.scores = Array.from({ length: this.curves }, () => []);
    this.labels = Array.from({ length: this.curves }, () => []);
    this.weights = Array.from({ length: this.curves }, () => []);
  }

  /** Adds a batch, each element weighted by `sampleWeight` when given (one per sample or per element). */
  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    checkSameShape(this.name, yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const w = sampleWeight === undefined ? null : toContiguous(requireTensor(sampleWeight, `${this.name}: sampleWeight`));
    const perWeight = w === null ? 1 : elementsPerWeight(yPred.shape, w.shape);
    const width = this.checkLabels(yPred.shape);
    const labelWeights = this.multiLabel ? null : this.labelWeights;
    const pd = p.data, td = t.data, bins = this.cuts.length + 1, fromLogits = this.fromLogits;
    for (let i = 0, pp = p.offset, tp = t.offset, n = p.size; i < n; i++) {
      const score = fromLogits ? 1 / (1 + math.exp(-pd[pp++])) : pd[pp++];
      const isPositive = td[tp++] !== 0;
      const column = i % width, c = this.multiLabel ? column : 0;
      let weight = w === null ? 1 : w.data[w.offset + ((i / perWeight) | 0)];
      if (labelWeights !== null) weight *= labelWeights[column];
      if (this.numThresholds === 'exact') {
        this.scores[c].push(score);
        this.labels[c].push(isPositive);
        this.weights[c].push(weight);
      } else {
        const k = c * bins + this.thresholdsBelow(score);
        if (isPositive) this.positives[k] += weight;
        else this.negatives[k] += weight;
      }
    }
  }

  /**
   * The labels per sample (yPred's last axis), checked against `labelWeights` and, with
   * `multiLabel`, against rank 2 and the first batch's labels (which size the curves).
   * @throws ShapeError naming the metric and the shapes.
   */
  private checkLabels(shape: readonly number[]): number {
    const width = shape.length === 0 ? 1 : shape[shape.length - 1];
    if (this.multiLabel && shape.length !== 2) {
      throw new ShapeError(`${this.name}: yPred must be [N, L] with multiLabel: expected rank 2, got ${formatShape(shape)}`);
    }
    if (this.labelWeights !== null && this.labelWeights.length !== width) {
      throw new ShapeError(`${this.name}: labelWeights must have one weight per label: expected ${this.labelWeights.length} labels, got yPred ${formatShape(shape)}`);
    }
    if (!this.multiLabel) return width;
    if (this.curves === 0) {
      this.curves = width;
      const bins = this.cuts.length + 1;
      this.positives = new Float64Array(width * bins);
      this.negatives = new Float64Array(width * bins);
      this.reset();
    } else if (width !== this.curves) {
      const what = this.numLabels === null ? 'keep the labels of the first batch' : 'have numLabels labels';
      throw new ShapeError(`${this.name}: yPred must ${what}: expected [?, ${this.curves}], got ${formatShape(shape)}`);
    }
    return width;
  }

  /** The area over every element since the last reset; with `multiLabel`, the (weighted) mean of the labels' areas (0 before any batch). */
  result(): number {
    const area = (c: number): number => (this.numThresholds === 'exact' ? this.exactArea(c) : this.trapezoidArea(c));
    if (!this.multiLabel) return area(0);
    let sum = 0, total = 0;
    for (let c = 0; c < this.curves; c++) {
      const weight = this.labelWeights === null ? 1 : this.labelWeights[c];
      sum += weight * area(c);
      total += weight;
    }
    return divideNoNaN(sum, total);
  }

  /** How many thresholds lie strictly below `score` (binary search over the sorted thresholds). */
  private thresholdsBelow(score: number): number {
    let lo = 0, hi = this.cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cuts[mid] < score) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The area of curve `c` over the points at each threshold, from its score histograms (see the class documentation). */
  private trapezoidArea(c: number): number {
    const t = this.cuts.length, start = c * (t + 1);
    let totalP = 0, totalN = 0;
    for (let k = 0; k <= t; k++) {
      totalP += this.positives[start + k];
      totalN += this.negatives[start + k];
    }
    // TP_j counts the positive weight above threshold j: that in bins k > j. Walk j downwards.
    const tp = new Float64Array(t), fp = new Float64Array(t);
    for (let j = t - 1, above = 0, aboveN = 0; j >= 0; j--) {
      tp[j] = above += this.positives[start + j + 1];
      fp[j] = aboveN += this.negatives[start + j + 1];
    }
    if (this.curve === 'PR' && this.summationMethod === 'interpolation') return interpolatedPrArea(tp, fp, totalP);
    const x = (j: number): number => (this.curve === 'ROC' ? divideNoNaN(fp[j], totalN) : divideNoNaN(tp[j], totalP));
    const y = (j: number): number => (this.curve === 'ROC' ? divideNoNaN(tp[j], totalP) : divideNoNaN(tp[j], tp[j] + fp[j]));
    let area = 0;
    for (let j = 0; j < t - 1; j++) {
      const a = y(j), b = y(j + 1);
      const height = this.summationMethod === 'interpolation' ? (a + b) / 2 : this.summationMethod === 'minoring' ? math.min(a, b) : math.max(a, b);
      area += (x(j) - x(j + 1)) * height;
    }
    return area;
  }

  /** `P(s⁺ > s⁻) + ½·P(s⁺ = s⁻)`: sort the scores, and credit each positive with the negatives below it (half for ties). */
  private exactArea(c: number): number {
    const scores = this.scores[c], labels = this.labels[c], weights = this.weights[c];
    const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
    let negativesBelow = 0, pairs = 0, totalP = 0;
    for (let start = 0; start < order.length;) {
      let end = start, pos = 0, neg = 0;
      while (end < order.length && scores[order[end]] === scores[order[start]]) {
        if (labels[order[end]]) pos += weights[order[end]];
        else neg += weights[order[end]];
        end++;
      }
      pairs += pos * (negativesBelow + neg / 2);
      negativesBelow += neg;
      totalP += pos;
      start = end;
    }
    return divideNoNaN(pairs, totalP * negativesBelow);
  }
}

/**
 * Explicit `thresholds` sorted, as a frozen copy, or null.
 * @throws ConfigError unless it is null or a non-empty array of numbers in `[0, 1]`.
 */
function checkThresholds(thresholds: unknown): readonly number[] | null {
  if (thresholds === null || thresholds === undefined) return null;
  if (!isArray(thresholds) || thresholds.length === 0 || !thresholds.every((t) => typeof t === 'number' && t >= 0 && t <= 1)) {
    throw new ConfigError(`AUC: thresholds must be a non-empty array of numbers in [0, 1] or null, got ${formatValue(thresholds)}`);
  }
  return Object.freeze((thresholds as number[]).slice().sort((a, b) => a - b));
}

/**
 * `labelWeights` as a frozen copy, or null.
 * @throws ConfigError unless it is null or a non-empty array of finite numbers ≥ 0.
 */
function checkLabelWeights(labelWeights: unknown): readonly number[] | null {
  if (labelWeights === null || labelWeights === undefined) return null;
  if (!isArray(labelWeights) || labelWeights.length === 0 || !labelWeights.every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0)) {
    throw new ConfigError(`AUC: labelWeights must be a non-empty array of finite numbers >= 0 or null, got ${formatValue(labelWeights)}`);
  }
  return Object.freeze((labelWeights as number[]).slice());
}

/**
 * Keras's `interpolate_pr_auc`: the precision-recall area with precision interpolated between
 * thresholds as `TP/P` along a straight line in `(P, TP)`, `P = TP + FP` (Davis & Goadrich, 2006).
 */
function interpolatedPrArea(tp: Float64Array, fp: Float64Array, totalP: number): number {
  let area = 0;
  for (let j = 0; j < tp.length - 1; j++) {
    const pa = tp[j] + fp[j], pb = tp[j + 1] + fp[j + 1];
    const dtp = tp[j] - tp[j + 1], dp = pa - pb;
    const slope = divideNoNaN(dtp, math.max(dp, 0));
    const intercept = tp[j + 1] - slope * pb;
    const ratio = pa > 0 && pb > 0 ? divideNoNaN(pa, math.max(pb, 0)) : 1;
    area += divideNoNaN(slope * (dtp + intercept * math.log(ratio)), math.max(totalP, 0)); // TP + FN = P at every threshold
  }
  return area;
}
