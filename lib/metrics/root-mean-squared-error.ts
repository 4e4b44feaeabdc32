/** {@link RootMeanSquaredError}: the square root of the mean squared error. */
import { toContiguous, zeros, type Tensor } from '../tensor';
import { checkMetricName } from './confusion-metric';
import { checkSameShape, type StreamingMetric } from './metric';
import { classOptionKeys, optionsObject } from '../checks';
import { weightedSums } from './weighted-values';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `[Σ (yPred − yTrue)², count]` over every element; with `sampleWeight`, `[Σ w·e², Σ w]` with
 * each sample's weight on each of its elements (Keras's `Mean` of the squared errors).
 */
function squaredErrors(owner: string, yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): [number, number] {
  const p = toContiguous(yPred), t = toContiguous(yTrue);
  const pd = p.data, td = t.data;
  if (sampleWeight !== undefined) {
    const squares = zeros(p.shape, 'float64');
    for (let i = 0, pp = p.offset, tp = t.offset, n = p.size; i < n; i++) squares.data[i] = (pd[pp++] - td[tp++]) ** 2;
    const { weighted, weights } = weightedSums(owner, squares, sampleWeight);
    return [weighted, weights];
  }
  let sum = 0;
  for (let i = 0, pp = p.offset, tp = t.offset, n = p.size; i < n; i++) {
    const d = pd[pp++] - td[tp++];
    sum += d * d;
  }
  return [sum, p.size];
}

/**
 * `RMSE = √( Σ (yPred − yTrue)² / count )` over every element seen since the last reset
 * (Keras's `RootMeanSquaredError`). A streaming metric: the square root of the epoch's mean, not
 * the mean of the batches' roots. With `sampleWeight` (from `compile({ weightedMetrics })`) the
 * mean is `Σ w·e² / Σ w`, each sample's weight on each of its elements.
 *
 * Shapes: yPred and yTrue equal, `[N, C]`; sampleWeight `[N]` or yPred's shape.
 *
 * @throws ShapeError when the shapes differ or the weights do not broadcast.
 * @example
 * ```ts
 * new RootMeanSquaredError().compute(tensor([[3], [0]]), tensor([[0], [4]])); // √((9 + 16)/2) ≈ 3.5355
 * ```
 */
export class RootMeanSquaredError implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['name'];

  /** The registered class name. */
  static readonly className = 'RootMeanSquaredError';

  /** The key in logs and History. */
  readonly name: string;

  private sum = 0;
  private count = 0;

  /** @param options.name - the key in logs and History; default `'rootMeanSquaredError'`. */
  constructor(options: { name?: string } = {}) {
    options = optionsObject(options, 'RootMeanSquaredError', classOptionKeys(new.target));
    this.name = checkMetricName('RootMeanSquaredError', options.name ?? 'rootMeanSquaredError');
  }

  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    checkSameShape(this.name, yPred, yTrue);
    const [sum, count] = squaredErrors(this.name, yPred, yTrue, sampleWeight);
    return count === 0 ? 0 : math.sqrt(sum / count);
  }

  reset(): void {
    this.sum = 0;
    this.count = 0;
  }

  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    checkSameShape(this.name, yPred, yTrue);
    const [sum, count] = squaredErrors(this.name, yPred, yTrue, sampleWeight);
    this.sum += sum;
    this.count += count;
  }

  /** RMSE over every element since the last reset (0 before any). */
  result(): number {
    return this.count === 0 ? 0 : math.sqrt(this.sum / this.count);
  }
}
