/** {@link Batcher}: the mini-batches of an epoch, gathered into reused buffers. */
import { gatherRows, kernelZeros } from './kernels';
import { zeros, type Tensor } from './tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** One batch: rows of every input and label tensor, and their sample weights when there are any. */
export interface Batch {
  xs: Tensor[];
  ys: Tensor[];
  w: Tensor | null;
}

/**
 * Batches of rows of the inputs `xs`, the labels `ys` and the weights `w` in the order
 * `order`, in buffers reused from batch to batch; the input batches live in the kernel heap,
 * so the first layers' products read them in place.
 */
export class Batcher {
  private readonly full: Batch;
  private readonly last: Batch | null;
  private readonly n: number;

  constructor(private readonly xs: readonly Tensor[], private readonly ys: readonly Tensor[], private readonly batchSize: number, private readonly w: Tensor | null = null) {
    const n = xs[0].shape[0];
    const dtype = xs[0].data instanceof Float64Array ? 'float64' : 'float32';
    const make = (rows: number): Batch => ({
      xs: xs.map((x) => kernelZeros([rows, ...x.shape.slice(1)], dtype)),
      ys: ys.map((y) => zeros([rows, ...y.shape.slice(1)], dtype)),
      w: w && zeros([rows], dtype),
    });
    this.n = n;
    this.full = make(math.min(batchSize, n));
    this.last = n % batchSize !== 0 && n > batchSize ? make(n % batchSize) : null;
  }

  /** Batches per epoch. */
  get steps(): number {
    return math.ceil(this.n / this.batchSize);
  }

  /** Batch `step` of the epoch whose sample order is `order`. */
  batch(step: number, order: Int32Array): Batch {
    const start = step * this.batchSize;
    const rows = math.min(this.batchSize, this.n - start);
    const target = rows === this.full.xs[0].shape[0] ? this.full : (this.last as Batch);
    this.xs.forEach((x, k) => gatherRows(target.xs[k], x, order, start));
    this.ys.forEach((y, k) => gatherRows(target.ys[k], y, order, start));
    if (this.w && target.w) gatherRows(target.w, this.w, order, start);
    return target;
  }
}
