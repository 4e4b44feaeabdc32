/**
 * {@link RowMeanMetric}: the shared plumbing of the metrics that compute one value per sample
 * from its row of labels and predictions and report their batch mean (PearsonCorrelation,
 * ConcordanceCorrelation), Keras's `MeanMetricWrapper` around a per-sample function.
 */
import { classOptionKeys, optionsObject } from '../checks';
import { toContiguous, zeros, type Tensor } from '../tensor';
import { checkMetricName } from './confusion-metric';
import { checkSameShape, type Metric } from './metric';
import { weightedMean } from './weighted-values';

/** Options of the per-sample metrics. */
export interface RowMeanMetricOptions {
  /** The key in logs and History. @defaultValue the metric's camelCase name */
  name?: string;
}

/**
 * The batch mean of `f(t_i, p_i)` over the rows (the last axis) of yTrue and yPred; the
 * trainer's batch-size-weighted average of batch values is then the mean over the epoch.
 * Subclasses implement `row`. With `sampleWeight` (from `compile({ weightedMetrics })`) the
 * batch value is `Σ_i w_i·f_i / Σ_i w_i`.
 *
 * Shapes: yPred and yTrue equal, `[N, C]` (each row one sample); sampleWeight `[N]`.
 */
export abstract class RowMeanMetric implements Metric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['name'];

  /** The key in logs and History. */
  readonly name: string;

  constructor(owner: string, defaultName: string, options: RowMeanMetricOptions) {
    const { name = defaultName } = optionsObject(options, owner, classOptionKeys(new.target));
    this.name = checkMetricName(owner, name);
  }

  /** The (weighted) mean over the batch's rows of the per-sample value. */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    checkSameShape(this.name, yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const c = yPred.shape[yPred.shape.length - 1], rows = p.size / c;
    const values = zeros(yPred.shape.length > 1 ? yPred.shape.slice(0, -1) : [1], 'float64');
    for (let i = 0; i < rows; i++) values.data[i] = this.row(t.data, p.data, t.offset + i * c, p.offset + i * c, c);
    return weightedMean(this.name, values, sampleWeight);
  }

  /** The value of one sample from its `c` labels at `tp` and predictions at `pp`. */
  protected abstract row(t: Tensor['data'], p: Tensor['data'], tp: number, pp: number, c: number): number;
}
