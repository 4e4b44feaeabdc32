/**
 * {@link Mask}: which time steps of a sequence batch are real and which are padding (Keras's
 * `mask`), made by `Embedding({ maskZero: true })` or `Masking` and read by the layers after them.
 */
import ndarray from 'ndarray';
import { ShapeError } from '../lib/errors';
import { formatShape, type Tensor } from '../lib/tensor';

/**
 * A mask of shape `[batch, time]`: `1` where step `t` of sample `b` is data, `0` where it is
 * padding that recurrent layers skip and losses leave out.
 */
export type Mask = ndarray.NdArray<Uint8Array>;

/**
 * The logical and of the masks that are given, `m_bt = Π_k m^k_bt` over the non-null `m^k`
 * (Keras's `Merge.compute_mask`): a step is data when every masked input says so; `null` when
 * no input is masked. Returns the one mask itself when only one is given.
 * @throws ShapeError naming `owner` when two masks differ in shape.
 */
export function andMasks(masks: readonly (Mask | null)[], owner: string): Mask | null {
  const given = masks.filter((m): m is Mask => m !== null);
  if (given.length <= 1) return given[0] ?? null;
  const [n, steps] = given[0].shape;
  const out = ndarray(new Uint8Array(n * steps), [n, steps]);
  out.data.fill(1);
  for (const m of given) {
    if (m.shape[0] !== n || m.shape[1] !== steps) {
      throw new ShapeError(`${owner}: the inputs' masks must have one shape: expected ${formatShape(given[0].shape)}, got ${formatShape(m.shape)}`);
    }
    for (let b = 0; b < n; b++) {
      for (let t = 0; t < steps; t++) {
        if (m.data[m.offset + b * m.stride[0] + t * m.stride[1]] === 0) out.data[b * steps + t] = 0;
      }
    }
  }
  return out;
}

/**
 * The masks of sequences joined along time (Concatenate on axis 1 of `[batch, time_k, …]`),
 * as Keras joins them: input `k` contributes its `[batch, time_k]` mask, all ones when it has
 * none; `null` when no input is masked.
 */
export function concatMasksInTime(masks: readonly (Mask | null)[], inputs: readonly Tensor[]): Mask | null {
  if (masks.every((m) => m === null)) return null;
  const n = inputs[0].shape[0];
  const lengths = inputs.map((x) => x.shape[1]);
  const total = lengths.reduce((a, b) => a + b, 0);
  const out = ndarray(new Uint8Array(n * total), [n, total]);
  let start = 0;
  masks.forEach((m, k) => {
    for (let b = 0; b < n; b++) {
      for (let t = 0; t < lengths[k]; t++) {
        out.data[b * total + start + t] = m === null ? 1 : m.data[m.offset + b * m.stride[0] + t * m.stride[1]];
      }
    }
    start += lengths[k];
  });
  return out;
}
