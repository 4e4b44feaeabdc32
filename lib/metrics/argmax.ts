/** The argmax of one row of a typed array, shared by the categorical accuracies. */
import type { TypedArray } from '../tensor';

/**
 * The index `j` in `[0, c)` of the largest `data[start + j]`; the first one on ties, as
 * `tf.argMax`.
 */
export function argmax(data: TypedArray, start: number, c: number): number {
  let best = 0;
  let max = data[start];
  for (let j = 1; j < c; j++) {
    if (data[start + j] > max) {
      max = data[start + j];
      best = j;
    }
  }
  return best;
}
