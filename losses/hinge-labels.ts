/** Keras's reading of the labels of the hinge losses: ±1, or {0, 1} converted to ±1. */
import type { Tensor } from '../lib/tensor';

/**
 * How `Hinge` and `SquaredHinge` read a batch of labels: the label used is
 * `t · scale + shift`. When every label of the batch is 0 or 1 they are binary labels and
 * become `2t − 1` (`scale = 2`, `shift = −1`); otherwise (±1 labels) they are used as they are
 * (`scale = 1`, `shift = 0`). Keras decides this per batch in the same way.
 *
 * @param yTrue - the labels, contiguous.
 */
export function hingeLabelMap(yTrue: Tensor): { scale: number; shift: number } {
  const t = yTrue.data;
  for (let i = yTrue.offset, end = yTrue.offset + yTrue.size; i < end; i++) {
    if (t[i] !== 0 && t[i] !== 1) return { scale: 1, shift: 0 };
  }
  return { scale: 2, shift: -1 };
}
