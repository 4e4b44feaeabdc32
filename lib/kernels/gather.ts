/** Row gathering, used to assemble shuffled mini-batches. */
import type { Tensor } from '../tensor';

/**
 * Copies rows `src[indices[start + r]]` into row `r` of `out`, for `r` in `[0, out.shape[0])`.
 * `src` and `out` are contiguous with equal row size (the product of the axes after the first).
 * Returns `out`.
 */
export function gatherRows(out: Tensor, src: Tensor, indices: Int32Array, start: number): Tensor {
  const rows = out.shape[0];
  const rowSize = rows === 0 ? 0 : out.size / rows;
  const sd = src.data, od = out.data;
  for (let r = 0; r < rows; r++) {
    const from = src.offset + indices[start + r] * rowSize;
    od.set(sd.subarray(from, from + rowSize), out.offset + r * rowSize);
  }
  return out;
}
