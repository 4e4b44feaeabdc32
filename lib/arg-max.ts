/** The index of the largest value along an axis: turning class probabilities into labels. */
import { ConfigError, DataError, ShapeError } from './errors';
import { formatValue, kindOf } from './safe-format';
import { formatShape, isTensor, zeros, type Tensor } from './tensor';

/**
 * The index of the largest value along `axis`, as `tf.argMax` and Keras's `ops.argmax`:
 * `out[i…, k…] = argmax_j t[i…, j, k…]`, the first such `j` on ties. A NaN never compares
 * greater, as in TensorFlow.js's kernel (so it wins only at index 0).
 *
 * Shapes: the input's shape without `axis`, e.g. `[batch, classes]` → `[batch]` for the
 * default last axis, `[classes]` → `[]` (a scalar). The indices are stored as float32 (exact up
 * to 2²⁴), in a new contiguous tensor; `t` may be any view.
 *
 * @param t - a tensor of rank 1 or more.
 * @param axis - the axis to reduce, negative counting from the end; default -1, the last.
 * @throws DataError when `t` is not a tensor.
 * @throws ConfigError when `axis` is not an integer.
 * @throws ShapeError for a scalar, an axis outside `[-rank, rank)`, or an axis of length 0.
 * @example
 * ```ts
 * const probabilities = model.predict(x);   // [batch, 10]
 * const labels = toArray(argMax(probabilities)); // [batch] class indices
 * ```
 */
export function argMax(t: Tensor, axis = -1): Tensor {
  if (!isTensor(t)) throw new DataError(`argMax: expected a tensor, got ${kindOf(t)}`);
  if (typeof axis !== 'number' || !Number.isInteger(axis)) {
    throw new ConfigError(`argMax: axis must be an integer, got ${formatValue(axis)}`);
  }
  const rank = t.shape.length;
  if (rank === 0) throw new ShapeError('argMax: a scalar (shape []) has no axis to reduce');
  if (axis < -rank || axis >= rank) {
    throw new ShapeError(`argMax: axis ${axis} is out of range for shape ${formatShape(t.shape)}: expected an axis in [${-rank}, ${rank - 1}]`);
  }
  const a = axis < 0 ? axis + rank : axis;
  const n = t.shape[a];
  if (n === 0) throw new ShapeError(`argMax: axis ${axis} of shape ${formatShape(t.shape)} has length 0: there is no maximum`);
  const outShape = t.shape.filter((_, k) => k !== a);
  const out = zeros(outShape, 'float32');
  const outData = out.data;
  const { data, stride } = t;
  const step = stride[a];
  // The other axes, walked row-major by an odometer that moves `at` by their strides.
  const axes = t.shape.map((_, k) => k).filter((k) => k !== a);
  const counter = axes.map(() => 0);
  let at = t.offset;
  for (let o = 0; o < out.size; o++) {
    let best = 0;
    let max = data[at];
    for (let j = 1, p = at + step; j < n; j++, p += step) {
      if (data[p] > max) {
        max = data[p];
        best = j;
      }
    }
    outData[o] = best;
    for (let d = axes.length - 1; d >= 0; d--) {
      const k = axes[d];
      at += stride[k];
      if (++counter[d] < t.shape[k]) break;
      at -= stride[k] * t.shape[k];
      counter[d] = 0;
    }
  }
  return out;
}
