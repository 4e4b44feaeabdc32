/** Gathering rows (first-axis slices) of a tensor by index: the step behind splits and shuffles. */
import { dtypeOf, sizeOf, toContiguous, zeros, type DType, type Tensor } from '../tensor';

/**
 * A new contiguous tensor whose row `i` is row `indices[i]` of `t`: `out[i, …] = t[indices[i], …]`.
 * Works for any rank ≥ 1; rows are the first axis. The caller checks that the indices are in range.
 *
 * Shapes: `t` is `[N, ...rest]`, the result is `[indices.length, ...rest]`.
 *
 * @param dtype - storage type of the result; default `t`'s.
 */
export function takeRows(t: Tensor, indices: ArrayLike<number>, dtype: DType = dtypeOf(t)): Tensor {
  const rest = t.shape.slice(1);
  const rowSize = sizeOf(rest);
  const out = zeros([indices.length, ...rest], dtype);
  const src = toContiguous(t);
  const sd = src.data, od = out.data;
  // Contiguous rows are runs of rowSize elements, so each row is one bulk copy.
  for (let i = 0, op = 0; i < indices.length; i++, op += rowSize) {
    const start = src.offset + indices[i] * rowSize;
    od.set(sd.subarray(start, start + rowSize), op);
  }
  return out;
}
