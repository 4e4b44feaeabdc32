/** {@link Accuracy}: how often predictions equal labels exactly. */
import { classOptionKeys, optionsObject, requireTensor } from '../checks';
import { ShapeError } from '../errors';
import { formatShape, toContiguous, zeros, type Tensor } from '../tensor';
import { checkMetricName, divideNoNaN } from './confusion-metric';
import type { ReductionMetricOptions } from './mean';
import { checkNotEmpty, type StreamingMetric } from './metric';
import { weightedSums } from './weighted-values';

/**
 * `m = [yPred = yTrue]` per element: 1 where they are equal, 0 elsewhere, shaped like the
 * higher-rank of the two (which may differ only by a trailing axis of 1).
 * @throws ShapeError naming `owner` and both shapes otherwise.
 */
function matches(owner: string, yPred: Tensor, yTrue: Tensor): Tensor {
  requireTensor(yPred, `${owner}: yPred`);
  requireTensor(yTrue, `${owner}: yTrue`);
  const a = yPred.shape, b = yTrue.shape;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const isSame = long.length === short.length || (long.length === short.length + 1 && long[long.length - 1] === 1);
  if (!isSame || short.some((d, i) => d !== long[i])) {
    throw new ShapeError(`${owner}: yTrue must have the shape of yPred (or differ by a trailing axis of 1): expected ${formatShape(a)}, got ${formatShape(b)}`);
  }
  checkNotEmpty(owner, yPred);
  const p = toContiguous(yPred), t = toContiguous(yTrue);
  const out = zeros(long, 'float64');
  for (let i = 0, n = p.size; i < n; i++) out.data[i] = p.data[p.offset + i] === t.data[t.offset + i] ? 1 : 0;
  return out;
}

/**
 * The (weighted) fraction of elements whose prediction equals the label exactly, Keras's
 * `Accuracy`: `Σ w·[yPred = yTrue] / Σ w` over every element since the last reset, the weights
 * broadcast as in `Mean` (unweighted, every element counts 1). It compares values, not
 * classes: for class scores use `'accuracy'`, which picks binary, categorical or sparse
 * categorical accuracy from the loss, as Keras's `compile` does, so this class is used as an
 * instance (`metrics: [new Accuracy()]`) rather than by that name.
 *
 * Shapes: yPred and yTrue equal, any rank, or differing by a trailing axis of 1 (`[N, 1]` and
 * `[N]`); sampleWeight `[N]`, the values' shape, either with axes of 1.
 *
 * @throws ShapeError when the shapes differ otherwise or the weights do not broadcast;
 * DataError for an empty batch; ConfigError for a bad name.
 * @example
 * ```ts
 * const acc = new Accuracy();
 * acc.update(tensor([[0], [2], [3], [4]]), tensor([[1], [2], [3], [4]]));
 * acc.result(); // 0.75
 * ```
 */
export class Accuracy implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['name'];

  /** The registered class name. */
  static readonly className = 'Accuracy';

  /** The key in logs and History. */
  readonly name: string;

  private total = 0;
  private count = 0;

  constructor(options: ReductionMetricOptions = {}) {
    const { name = 'accuracy' } = optionsObject(options, 'Accuracy', classOptionKeys(new.target));
    this.name = checkMetricName('Accuracy', name);
  }

  /** The (weighted) fraction of equal elements in this batch alone. */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    const { weighted, weights } = weightedSums(this.name, matches(this.name, yPred, yTrue), sampleWeight);
    return divideNoNaN(weighted, weights);
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  /** Adds a batch's matches, weighted by `sampleWeight` when given. */
  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    this.add(matches(this.name, yPred, yTrue), sampleWeight);
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

  /** The constructor options: `new Accuracy(getConfig())` rebuilds the metric (without its state). */
  getConfig(): Required<ReductionMetricOptions> {
    return { name: this.name };
  }
}
