/** {@link R2Score}: the coefficient of determination. */
import { ShapeError } from '../errors';
import { formatShape, toContiguous, type Tensor } from '../tensor';
import { checkMetricName, elementsPerWeight } from './confusion-metric';
import { checkSameShape, type StreamingMetric } from './metric';
import { classOptionKeys, optionsObject, requireTensor } from '../checks';

/**
 * Per-output running statistics: the (weighted) label mean `ȳ`, `M2 = Σ w·(y − ȳ)²` (merged
 * batch by batch with Chan et al.'s parallel update, which stays exact for constant labels where
 * `Σwy² − (Σwy)²/Σw` would leave rounding noise), `Σ w·(y − ŷ)²`, and the weight sum (the
 * sample count without weights).
 */
interface R2Sums {
  mean: Float64Array;
  m2: Float64Array;
  sumResidual2: Float64Array;
  weight: Float64Array;
}

function emptySums(outputs: number): R2Sums {
  return { mean: new Float64Array(outputs), m2: new Float64Array(outputs), sumResidual2: new Float64Array(outputs), weight: new Float64Array(outputs) };
}

/**
 * `R² = 1 − SS_res / SS_tot` per output column, averaged over the columns (Keras's `R2Score`
 * with `class_aggregation='uniform_average'`), over every sample seen since the last reset:
 * `SS_res = Σ_i (y_i − ŷ_i)²`, `SS_tot = Σ_i (y_i − ȳ)²`. 1 is a perfect fit;
 * 0 is as good as always predicting the mean; below 0 is worse. A column whose labels are all
 * equal (`SS_tot = 0`) scores 1 if predicted exactly and 0 otherwise (scikit-learn's
 * `force_finite`). A streaming metric. With `sampleWeight` (from `compile({ weightedMetrics })`)
 * every sum is weighted: `SS_res = Σ_i w_i·(y_i − ŷ_i)²`, `SS_tot = Σ_i w_i·(y_i − ȳ)²` with
 * `ȳ = Σ w_i·y_i / Σ w_i`, as Keras's `update_state(…, sample_weight)`.
 *
 * Shapes: yPred and yTrue equal, `[N, C]` (or `[N]`); sampleWeight `[N]` or yPred's shape.
 *
 * @throws ShapeError when the shapes differ, the weights have neither form, or the number of outputs changes.
 * @example
 * ```ts
 * // y = [1, 2, 3], ŷ = [1, 2, 4]: SS_res = 1, SS_tot = 2, R² = 0.5.
 * new R2Score().compute(tensor([[1], [2], [4]]), tensor([[1], [2], [3]])); // 0.5
 * ```
 */
export class R2Score implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['name'];

  /** The registered class name. */
  static readonly className = 'R2Score';

  /** The key in logs and History. */
  readonly name: string;

  private sums: R2Sums | null = null;

  /** @param options.name - the key in logs and History; default `'r2Score'`. */
  constructor(options: { name?: string } = {}) {
    options = optionsObject(options, 'R2Score', classOptionKeys(new.target));
    this.name = checkMetricName('R2Score', options.name ?? 'r2Score');
  }

  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    checkSameShape(this.name, yPred, yTrue);
    const sums = emptySums(outputsOf(yPred));
    accumulate(sums, yPred, yTrue, weightsOf(this.name, yPred, sampleWeight));
    return score(sums);
  }

  reset(): void {
    this.sums = null;
  }

  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    checkSameShape(this.name, yPred, yTrue);
    const weights = weightsOf(this.name, yPred, sampleWeight);
    const outputs = outputsOf(yPred);
    this.sums ??= emptySums(outputs);
    if (this.sums.mean.length !== outputs) {
      throw new ShapeError(`${this.name}: the number of outputs changed: expected ${this.sums.mean.length}, got ${outputs} in ${formatShape(yPred.shape)}`);
    }
    accumulate(this.sums, yPred, yTrue, weights);
  }

  /** R² over every sample since the last reset (0 before any). */
  result(): number {
    return this.sums ? score(this.sums) : 0;
  }
}

function outputsOf(yPred: Tensor): number {
  return yPred.shape.length < 2 ? 1 : yPred.size / yPred.shape[0];
}

/** The batch's weights with how many consecutive elements share one, or null without weights. */
interface BatchWeights {
  readonly data: Tensor['data'];
  readonly offset: number;
  readonly perWeight: number;
}

/** @throws ShapeError unless `sampleWeight` has one weight per sample or per element of yPred. */
function weightsOf(owner: string, yPred: Tensor, sampleWeight?: Tensor): BatchWeights | null {
  if (sampleWeight === undefined) return null;
  const w = toContiguous(requireTensor(sampleWeight, `${owner}: sampleWeight`));
  try {
    return { data: w.data, offset: w.offset, perWeight: elementsPerWeight(yPred.shape, w.shape) };
  } catch (error) {
    if (error instanceof ShapeError) throw new ShapeError(`${owner}: ${error.message}`);
    throw error;
  }
}

/**
 * Adds a batch: per column its weight `W_B = Σ w`, mean `ȳ_B = Σ w·y / W_B` and
 * `M2_B = Σ w·(y − ȳ_B)²` in two passes (every `w = 1` without weights), then the merge
 * `δ = ȳ_B − ȳ_A`, `ȳ = ȳ_A + δ·W_B/W`, `M2 = M2_A + M2_B + δ²·W_A·W_B/W` (`W = W_A + W_B`).
 */
function accumulate(sums: R2Sums, yPred: Tensor, yTrue: Tensor, weights: BatchWeights | null): void {
  const p = toContiguous(yPred), t = toContiguous(yTrue);
  const c = sums.mean.length;
  const rows = p.size / c;
  const weightAt = (k: number): number => (weights === null ? 1 : weights.data[weights.offset + ((k / weights.perWeight) | 0)]);
  const batchWeight = new Float64Array(c), batchMean = new Float64Array(c), batchM2 = new Float64Array(c);
  for (let i = 0, k = 0, tp = t.offset; i < rows; i++) {
    for (let j = 0; j < c; j++, k++) {
      const w = weightAt(k);
      batchWeight[j] += w;
      batchMean[j] += w * t.data[tp++];
    }
  }
  for (let j = 0; j < c; j++) batchMean[j] = batchWeight[j] === 0 ? 0 : batchMean[j] / batchWeight[j];
  for (let i = 0, k = 0, tp = t.offset, pp = p.offset; i < rows; i++) {
    for (let j = 0; j < c; j++, k++, tp++, pp++) {
      const w = weightAt(k);
      const y = t.data[tp];
      const d = y - batchMean[j], r = y - p.data[pp];
      batchM2[j] += w * d * d;
      sums.sumResidual2[j] += w * r * r;
    }
  }
  for (let j = 0; j < c; j++) {
    const total = sums.weight[j] + batchWeight[j];
    if (batchWeight[j] === 0 || total === 0) continue;
    const delta = batchMean[j] - sums.mean[j];
    sums.mean[j] += (delta * batchWeight[j]) / total;
    sums.m2[j] += batchM2[j] + (delta * delta * sums.weight[j] * batchWeight[j]) / total;
    sums.weight[j] = total;
  }
}

function score({ m2, sumResidual2 }: R2Sums): number {
  let total = 0;
  for (let j = 0; j < m2.length; j++) {
    total += m2[j] === 0 ? (sumResidual2[j] === 0 ? 1 : 0) : 1 - sumResidual2[j] / m2[j];
  }
  return total / m2.length;
}
