/** {@link Mean}: the streaming (weighted) mean of the values it is given. */
import { classOptionKeys, optionsObject } from '../checks';
import { tensor, type Tensor } from '../tensor';
import { checkMetricName, divideNoNaN } from './confusion-metric';
import type { StreamingMetric } from './metric';
import { weightedSums } from './weighted-values';

/** Options of {@link Mean} and {@link Sum}. */
export interface ReductionMetricOptions {
  /** The key in logs and History. @defaultValue `'mean'` for Mean, `'sum'` for Sum */
  name?: string;
}

/**
 * The weighted mean of every value given since the last reset, Keras's `Mean`:
 * `total / count` with `total = Σ_batches Σ v·w / perSample` and `count = Σ_batches Σ w / perSample`
 * (0 while `count` is 0, Keras's `divide_no_nan`), where a batch `[N, …]` counts as `N` samples
 * whose values are first averaged (see {@link weightedSums} for how `sampleWeight` broadcasts).
 * Unweighted, one batch gives the plain mean of its values; `[1, 3, 5, 7]` with weights
 * `[1, 1, 0, 0]` gives `(1 + 3)/2 = 2`.
 *
 * `updateState(values, sampleWeight?)` is Keras's form, for tracking a loss or any quantity in
 * a custom loop. In `compile({ metrics: ['mean'] })` the trainer's `update(yPred, yTrue)` takes
 * the model's outputs as the values (the labels are unused), so `'mean'` reports the mean
 * prediction; Keras's own `compile` cannot call a `Mean` at all.
 *
 * Shapes: values any, `[N, …]` (a number is one value); sampleWeight `[N]`, the values' shape,
 * either with axes of 1, or a number.
 *
 * @throws ConfigError for an empty or non-string name; ShapeError when the weights do not
 * broadcast over the values; DataError when values are not a tensor or a number.
 * @example
 * ```ts
 * const m = new Mean();
 * m.updateState(tensor([1, 3, 5, 7]));
 * m.result(); // 4
 * m.reset();
 * m.updateState(tensor([1, 3, 5, 7]), tensor([1, 1, 0, 0]));
 * m.result(); // 2
 * ```
 */
export class Mean implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['name'];

  /** The registered class name. */
  static readonly className = 'Mean';

  /** The key in logs and History. */
  readonly name: string;

  private total = 0;
  private count = 0;

  constructor(options: ReductionMetricOptions = {}) {
    const { name = 'mean' } = optionsObject(options, 'Mean', classOptionKeys(new.target));
    this.name = checkMetricName('Mean', name);
  }

  /** Adds `values` (weighted by `sampleWeight` when given) to the running mean. */
  updateState(values: Tensor | number, sampleWeight?: Tensor | number): void {
    const { weighted, weights, perSample } = weightedSums(this.name, asTensor(values), sampleWeight);
    this.total += weighted / perSample;
    this.count += weights / perSample;
  }

  /** The weighted mean since the last reset (0 before any value). */
  result(): number {
    return divideNoNaN(this.total, this.count);
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  /** The trainer's form: adds the outputs `yPred` as values; the labels `_yTrue` are unused. */
  update(yPred: Tensor, _yTrue: Tensor, sampleWeight?: Tensor): void {
    this.updateState(yPred, sampleWeight);
  }

  /** The (weighted) mean of this batch's outputs `yPred` alone; the labels `_yTrue` are unused. */
  compute(yPred: Tensor, _yTrue: Tensor, sampleWeight?: Tensor): number {
    const { weighted, weights } = weightedSums(this.name, yPred, sampleWeight);
    return divideNoNaN(weighted, weights);
  }

  /** The constructor options: `new Mean(getConfig())` rebuilds the metric (without its state). */
  getConfig(): Required<ReductionMetricOptions> {
    return { name: this.name };
  }
}

/** `values` as a tensor: a number becomes a float64 scalar. */
export function asTensor(values: Tensor | number): Tensor {
  return typeof values === 'number' ? tensor(values, undefined, 'float64') : values;
}
