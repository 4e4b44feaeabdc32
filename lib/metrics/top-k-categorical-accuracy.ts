/** {@link TopKCategoricalAccuracy}: is the labelled class among the k most probable? */
import { ConfigError, ShapeError } from '../errors';
import { formatShape, toContiguous, zeros, type Tensor } from '../tensor';
import { argmax } from './argmax';
import { checkMetricName } from './confusion-metric';
import { checkSameShape, type Metric } from './metric';
import { classOptionKeys, formatString, optionsObject } from '../checks';
import { weightedMean } from './weighted-values';

/** Options of {@link TopKCategoricalAccuracy}. */
export interface TopKCategoricalAccuracyOptions {
  /** How many of the most probable classes count as a hit. @defaultValue 5 */
  k?: number;
  /** The key in logs and History. @defaultValue 'topKCategoricalAccuracy' */
  name?: string;
}

/**
 * The fraction of samples whose labelled class `c = argmax_j yTrue[i, j]` is among the `k`
 * highest predictions: `mean over i of [ |{j : yPred[i, j] > yPred[i, c]}| < k ]` (Keras's
 * `top_k_categorical_accuracy` through `in_top_k`, where classes tied at the boundary all count
 * as in the top k). A batch mean, like the accuracies; with `sampleWeight` (from
 * `compile({ weightedMetrics })`) the weighted mean `Σ w_i·hit_i / Σ w_i`.
 *
 * Shapes: yPred and yTrue are `[N, C]` (equal), yTrue one-hot; sampleWeight `[N]`.
 *
 * @throws ConfigError for `k` that is not a positive integer; ShapeError when the shapes differ or are not rank 2.
 * @example
 * ```ts
 * // True class 2 has the second-highest score 0.3: in the top 2, not the top 1.
 * new TopKCategoricalAccuracy({ k: 2 }).compute(tensor([[0.1, 0.6, 0.3]]), tensor([[0, 0, 1]])); // 1
 * ```
 */
export class TopKCategoricalAccuracy implements Metric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['k', 'name'];

  /** The registered class name. */
  static readonly className = 'TopKCategoricalAccuracy';

  /** The key in logs and History. */
  readonly name: string;
  /** How many top classes count. */
  readonly k: number;

  constructor(options: TopKCategoricalAccuracyOptions = {}) {
    options = optionsObject(options, 'TopKCategoricalAccuracy', classOptionKeys(new.target));
    const { k = 5, name = 'topKCategoricalAccuracy' } = options;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
      throw new ConfigError(`TopKCategoricalAccuracy: k must be a positive integer, got ${formatString(k)}`);
    }
    this.k = k;
    this.name = checkMetricName('TopKCategoricalAccuracy', name);
  }

  /** The (weighted) fraction of samples whose labelled class is in their row's top k. */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    checkSameShape(this.name, yPred, yTrue);
    if (yPred.shape.length !== 2) throw new ShapeError(`${this.name}: yPred must be [N, C]: expected rank 2, got ${formatShape(yPred.shape)}`);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const [n, c] = p.shape;
    const hits = zeros([n], 'float64');
    for (let i = 0; i < n; i++) {
      const row = p.offset + i * c;
      const target = p.data[row + argmax(t.data, t.offset + i * c, c)];
      let above = 0;
      for (let j = 0; j < c; j++) if (p.data[row + j] > target) above++;
      if (above < this.k) hits.data[i] = 1;
    }
    return weightedMean(this.name, hits, sampleWeight);
  }
}
