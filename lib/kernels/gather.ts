/** Row gathering (shuffled mini-batches, Embedding's lookup) and its adjoint, the scatter-add of rows. */
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

/**
 * Adds row `r` of `rows` into row `indices[r]` of `out`, `out[indices[r]] += rows[r]`, for `r`
 * in `[0, rows.shape[0])`: the adjoint of {@link gatherRows}, so a repeated index receives the
 * sum of its rows. `out` and `rows` are contiguous with equal row size; `out` is not cleared
 * first. Returns `out`.
 */
export function scatterAddRows(out: Tensor, rows: Tensor, indices: Int32Array): Tensor {
  const n = rows.shape[0];
  const rowSize = n === 0 ? 0 : rows.size / n;
  const rd = rows.data, od = out.data;
  const ro = rows.offset, oo = out.offset;
  for (let r = 0; r < n; r++) {
    // Both rows are stride 1: walk them side by side.
    let p = oo + indices[r] * rowSize;
    let q = ro + r * rowSize;
    for (let j = 0; j < rowSize; j++) od[p++] += rd[q++];
  }
  return out;
}
