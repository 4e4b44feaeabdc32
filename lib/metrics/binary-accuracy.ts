/** Binary accuracy: thresholded predictions against 0/1 labels. */
import { classOptionKeys, optionsObject, requireTensor } from '../checks';
import { toContiguous, type Tensor } from '../tensor';
import { checkMetricName, checkThreshold, elementsPerWeight } from './confusion-metric';
import { checkSameShape, type Metric } from './metric';

/** Options of {@link BinaryAccuracy}. */
export interface BinaryAccuracyOptions {
  /** A prediction counts as 1 when it is above this (0 suits a model ending in logits). @defaultValue 0.5 */
  threshold?: number;
  /** The key in logs and History. @defaultValue 'binaryAccuracy' */
  name?: string;
}

/**
 * The fraction of outputs whose thresholded prediction equals the label:
 * `mean over i, j of [ (yPred[i, j] > threshold ? 1 : 0) = yTrue[i, j] ]`, the batch mean of
 * Keras's `BinaryAccuracy` (threshold 0.5 by default). With `sampleWeight` (one weight per
 * sample or per element) it is the weighted mean `Σ w·hit / Σ w`.
 *
 * Shapes: yPred and yTrue are `[N, C]` (equal), labels 0 or 1.
 *
 * @throws ConfigError for a non-finite threshold; ShapeError when the shapes differ.
 * @example
 * ```ts
 * new BinaryAccuracy({ threshold: 0.3 }).compute(tensor([[0.98], [0.5], [0.1], [0.2]]), tensor([[1], [1], [0], [0]])); // 1
 * ```
 */
export class BinaryAccuracy implements Metric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['threshold', 'name'];

  /** The registered class name. */
  static readonly className = 'BinaryAccuracy';

  /** The key in logs and History. */
  readonly name: string;
  /** The decision threshold. */
  readonly threshold: number;

  constructor(options: BinaryAccuracyOptions = {}) {
    const { threshold = 0.5, name = 'binaryAccuracy' } = optionsObject(options, 'BinaryAccuracy', classOptionKeys(new.target));
    this.threshold = checkThreshold('BinaryAccuracy', threshold);
    this.name = checkMetricName('BinaryAccuracy', name);
  }

  /** The (weighted) fraction of hits in this batch. */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    checkSameShape(this.name, yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const w = sampleWeight === undefined ? null : toContiguous(requireTensor(sampleWeight, 'sampleWeight'));
    const perWeight = w === null ? 1 : elementsPerWeight(yPred.shape, w.shape);
    const pd = p.data, td = t.data, threshold = this.threshold;
    let hits = 0, total = 0;
    for (let i = 0, pp = p.offset, tp = t.offset, n = p.size; i < n; i++) {
      const weight = w === null ? 1 : w.data[w.offset + ((i / perWeight) | 0)];
      if ((pd[pp++] > threshold ? 1 : 0) === td[tp++]) hits += weight;
      total += weight;
    }
    return total === 0 ? 0 : hits / total;
  }
}

/**
 * `new BinaryAccuracy()`: the batch mean of Keras's `binary_accuracy` at threshold 0.5. yPred
 * must hold probabilities: a model ending in logits needs `new BinaryAccuracy({ threshold: 0 })`.
 *
 * Shapes: yPred and yTrue are `[N, C]` (equal), labels 0 or 1.
 *
 * @example
 * ```ts
 * binaryAccuracy.compute(tensor([[0.9], [0.2]]), tensor([[1], [1]])); // 0.5
 * ```
 */
export const binaryAccuracy: Metric = new BinaryAccuracy();
