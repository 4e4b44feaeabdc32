/** {@link Sum}: the streaming (weighted) sum of the values it is given. */
import { classOptionKeys, optionsObject } from '../checks';
import type { Tensor } from '../tensor';
import { checkMetricName } from './confusion-metric';
import { asTensor, type ReductionMetricOptions } from './mean';
import type { StreamingMetric } from './metric';
import { weightedSums } from './weighted-values';

/**
 * The weighted sum of every value given since the last reset, Keras's `Sum`:
 * `total = Σ_batches Σ v·w` (see {@link weightedSums} for how `sampleWeight` broadcasts).
 * `[1, 3, 5, 7]` gives 16, and with weights `[1, 1, 0, 0]` gives 4.
 *
 * `updateState(values, sampleWeight?)` is Keras's form. In `compile({ metrics: ['sum'] })` the
 * trainer's `update(yPred, yTrue)` takes the model's outputs as the values (the labels are
 * unused), so the epoch value is the sum of every output of the epoch.
 *
 * Shapes: values any, `[N, …]` (a number is one value); sampleWeight `[N]`, the values' shape,
 * either with axes of 1, or a number.
 *
 * @throws ConfigError for an empty or non-string name; ShapeError when the weights do not
 * broadcast over the values; DataError when values are not a tensor or a number.
 * @example
 * ```ts
 * const s = new Sum();
 * s.updateState(tensor([1, 3, 5, 7]), tensor([1, 1, 0, 0]));
 * s.result(); // 4
 * ```
 */
export class Sum implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['name'];

  /** The registered class name. */
  static readonly className = 'Sum';

  /** The key in logs and History. */
  readonly name: string;

  private total = 0;

  constructor(options: ReductionMetricOptions = {}) {
    const { name = 'sum' } = optionsObject(options, 'Sum', classOptionKeys(new.target));
    this.name = checkMetricName('Sum', name);
  }

  /** Adds the (weighted) sum of `values` to the total. */
  updateState(values: Tensor | number, sampleWeight?: Tensor | number): void {
    this.total += weightedSums(this.name, asTensor(values), sampleWeight).weighted;
  }

  /** The weighted sum since the last reset (0 before any value). */
  result(): number {
    return this.total;
  }

  reset(): void {
    this.total = 0;
  }

  /** The trainer's form: adds the outputs `yPred` as values; the labels `_yTrue` are unused. */
  update(yPred: Tensor, _yTrue: Tensor, sampleWeight?: Tensor): void {
    this.updateState(yPred, sampleWeight);
  }

  /** The (weighted) sum of this batch's outputs `yPred` alone; the labels `_yTrue` are unused. */
  compute(yPred: Tensor, _yTrue: Tensor, sampleWeight?: Tensor): number {
    return weightedSums(this.name, yPred, sampleWeight).weighted;
  }

  /** The constructor options: `new Sum(getConfig())` rebuilds the metric (without its state). */
  getConfig(): Required<ReductionMetricOptions> {
    return { name: this.name };
  }
}
