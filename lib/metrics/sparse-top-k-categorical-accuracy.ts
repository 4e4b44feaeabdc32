/** {@link SparseTopKCategoricalAccuracy}: is the integer label among the k highest predictions? */
import { classOptionKeys, formatString, optionsObject, requireTensor } from '../checks';
import { ConfigError, ShapeError } from '../errors';
import { formatShape, toContiguous, zeros, type Tensor } from '../tensor';
import { checkMetricName, divideNoNaN } from './confusion-metric';
import { checkNotEmpty, type StreamingMetric } from './metric';
import { weightedSums } from './weighted-values';

/** Options of {@link SparseTopKCategoricalAccuracy}. */
export interface SparseTopKCategoricalAccuracyOptions {
  /** How many of the highest predictions count as a hit. @defaultValue 5 */
  k?: number;
  /**
   * yPred holds, per sample, class ids sorted from the highest score down (`[N, M]`, e.g. a
   * retrieval model's top M) instead of a score per class: a hit is the label among the first
   * `k` ids (Keras's `from_sorted_ids`). @defaultValue false
   */
  fromSortedIds?: boolean;
  /** The key in logs and History. @defaultValue 'sparseTopKCategoricalAccuracy' */
  name?: string;
}

/**
 * The (weighted) fraction of samples whose integer label `c = yTrue[i]` is among the `k`
 * highest predictions of its row: `Σ w_i·[ |{j : yPred[i, j] > yPred[i, c]}| < k ] / Σ w_i`
 * over every sample since the last reset, Keras's `SparseTopKCategoricalAccuracy` (through
 * `in_top_k`: classes tied at the boundary all count as in the top k; a label that is not an
 * integer in `[0, C)`, or a non-finite score, is a miss).
 *
 * With `fromSortedIds`, each row of yPred lists class ids sorted by score, and a hit is
 * `yTrue[i] ∈ {yPred[i, 0], …, yPred[i, k−1]}` (counted once however often it appears).
 *
 * Shapes: yPred `[N, C]` (or `[N, T, C]`: each row of C scores is one sample); yTrue `[N]` (or
 * `[N, T]`), the class indices as floats, optionally with a trailing axis of 1 (with
 * `fromSortedIds`, yPred `[N, M]` holds M sorted ids and yTrue is an id of the same kind); sampleWeight
 * `[N]` or yTrue's shape (see `Mean`).
 *
 * @throws ConfigError for `k` that is not a positive integer or a bad name; ShapeError when yTrue
 * is not yPred's shape without its last axis; DataError for an empty batch.
 * @example
 * ```ts
 * // Label 2 scores 0.8, second to 0.9: in the top 2, not the top 1.
 * new SparseTopKCategoricalAccuracy({ k: 2 }).compute(tensor([[0.1, 0.9, 0.8]]), tensor([2])); // 1
 * ```
 */
export class SparseTopKCategoricalAccuracy implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['k', 'fromSortedIds', 'name'];

  /** The registered class name. */
  static readonly className = 'SparseTopKCategoricalAccuracy';

  /** The key in logs and History. */
  readonly name: string;
  /** How many top classes count. */
  readonly k: number;
  /** yPred holds sorted class ids, not scores. */
  readonly fromSortedIds: boolean;

  private total = 0;
  private count = 0;

  constructor(options: SparseTopKCategoricalAccuracyOptions = {}) {
    const { k = 5, fromSortedIds = false, name = 'sparseTopKCategoricalAccuracy' } = optionsObject(options, 'SparseTopKCategoricalAccuracy', classOptionKeys(new.target));
    if (typeof fromSortedIds !== 'boolean') throw new ConfigError(`SparseTopKCategoricalAccuracy: fromSortedIds must be a boolean, got ${formatString(fromSortedIds)}`);
    this.fromSortedIds = fromSortedIds;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
      throw new ConfigError(`SparseTopKCategoricalAccuracy: k must be a positive integer, got ${formatString(k)}`);
    }
    this.k = k;
    this.name = checkMetricName('SparseTopKCategoricalAccuracy', name);
  }

  /** The (weighted) fraction of hits in this batch alone. */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    const { weighted, weights } = weightedSums(this.name, this.hits(yPred, yTrue), sampleWeight);
    return divideNoNaN(weighted, weights);
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  /** Adds a batch's hits, weighted by `sampleWeight` when given. */
  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    this.add(this.hits(yPred, yTrue), sampleWeight);
  }

  /** The weighted fraction since the last reset (0 before any batch). */
  result(): number {
    return divideNoNaN(this.total, this.count);
  }

  /** Adds per-sample values to the running weighted mean, as `Mean` does. */
  private add(values: Tensor, sampleWeight?: Tensor): void {
    const { weighted, weights, perSample } = weightedSums(this.name, values, sampleWeight);
    this.total += weighted / perSample;
    this.count += weights / perSample;
  }

  /** The constructor options: `new SparseTopKCategoricalAccuracy(getConfig())` rebuilds the metric (without its state). */
  getConfig(): Required<SparseTopKCategoricalAccuracyOptions> {
    return { k: this.k, fromSortedIds: this.fromSortedIds, name: this.name };
  }

  /** 1 per sample whose label is in its row's top k, else 0, shaped like yTrue. */
  private hits(yPred: Tensor, yTrue: Tensor): Tensor {
    requireTensor(yPred, `${this.name}: yPred`);
    requireTensor(yTrue, `${this.name}: yTrue`);
    const ps = yPred.shape, ts = yTrue.shape;
    const lead = ps.slice(0, -1);
    const labelShape = ts.length === lead.length + 1 && ts[ts.length - 1] === 1 ? ts.slice(0, -1) : ts;
    if (ps.length < 2 || labelShape.length !== lead.length || lead.some((d, i) => d !== labelShape[i])) {
      throw new ShapeError(`${this.name}: yPred must be [N, C] and yTrue [N] or [N, 1]: expected ${formatShape(lead)} or ${formatShape([...lead, 1])} for yPred ${formatShape(ps)}, got ${formatShape(ts)}`);
    }
    checkNotEmpty(this.name, yPred);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const c = ps[ps.length - 1], rows = p.size / c;
    const out = zeros(ts, 'float64');
    for (let i = 0; i < rows; i++) {
      const label = t.data[t.offset + i];
      if (this.fromSortedIds) {
        const row = p.offset + i * c;
        for (let j = 0, top = Math.min(this.k, c); j < top; j++) if (p.data[row + j] === label) out.data[i] = 1;
        continue;
      }
      if (!Number.isInteger(label) || label < 0 || label >= c) continue;
      const row = p.offset + i * c;
      const target = p.data[row + label];
      if (!Number.isFinite(target)) continue;
      let above = 0;
      for (let j = 0; j < c; j++) if (p.data[row + j] > target) above++;
      if (above < this.k) out.data[i] = 1;
    }
    return out;
  }
}
