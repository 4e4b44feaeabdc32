/** {@link Batcher}: the mini-batches of an epoch, gathered into reused buffers. */
import { gatherRows, kernelZeros } from './kernels';
import { zeros, type Tensor } from './tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** One batch: rows of x and y, and their sample weights when there are any. */
export interface Batch {
  x: Tensor;
  y: Tensor;
  w: Tensor | null;
}

/**
 * Batches of rows of `x`, `y` and the weights `w` in the order `order`, in buffers reused from
 * batch to batch; the input batch lives in the kernel heap, so the first layer's product reads
 * it in place.
 */
export class Batcher {
  private readonly full: Batch;
  private readonly last: Batch | null;

  constructor(private readonly x: Tensor, private readonly y: Tensor, private readonly batchSize: number, private readonly w: Tensor | null = null) {
    const n = x.shape[0];
    const dtype = x.data instanceof Float64Array ? 'float64' : 'float32';
    const make = (rows: number): Batch => ({
      x: kernelZeros([rows, ...x.shape.slice(1)], dtype), y: zeros([rows, ...y.shape.slice(1)], dtype), w: w && zeros([rows], dtype),
    });
    this.full = make(math.min(batchSize, n));
    this.last = n % batchSize !== 0 && n > batchSize ? make(n % batchSize) : null;
  }

  get steps(): number {
    return math.ceil(this.x.shape[0] / this.batchSize);
  }

  batch(step: number, order: Int32Array): Batch {
    const start = step * this.batchSize;
    const rows = math.min(this.batchSize, this.x.shape[0] - start);
    const target = rows === this.full.x.shape[0] ? this.full : (this.last as Batch);
    gatherRows(target.x, this.x, order, start);
    gatherRows(target.y, this.y, order, start);
    if (this.w && target.w) gatherRows(target.w, this.w, order, start);
    return target;
  }
}
