/** One-hot encoding of integer class labels. */
import { ConfigError, DataError, ShapeError } from '../errors';
import { formatString, formatValue, isArray, kindOf } from '../checks';
import { checkDType, formatShape, isTensor, zeros, type DType, type Tensor } from '../tensor';

/** Class labels as {@link oneHot} accepts them: a tensor `[N]` or `[N, 1]`, or a plain or typed array of length N. */
export type LabelsLike = Tensor | ArrayLike<number>;

/**
 * Encodes class indices as one-hot rows: `out[i, j] = 1` if `labels[i] = j`, else `0`
 * (Keras's `to_categorical`).
 *
 * Shapes: labels `[N]` or `[N, 1]` (or an array of length N). Output: `[N, numClasses]`.
 *
 * @param labels - integer class indices in `[0, numClasses)`.
 * @param numClasses - the number of classes; default `max(labels) + 1`.
 * @param dtype - storage type of the result; default `'float32'`.
 * @throws ShapeError when a labels tensor is not `[N]` or `[N, 1]`.
 * @throws DataError when `labels` is not a tensor, an array or a typed array.
 * @throws ConfigError when `numClasses` is not a positive integer or `dtype` is unknown.
 * @throws DataError naming the first index and value of a label that is not an integer in
 *   `[0, numClasses)`, or when N = 0 and `numClasses` is not given.
 * @example
 * ```ts
 * oneHot([0, 2, 1]); // [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 * ```
 */
export function oneHot(labels: LabelsLike, numClasses?: number, dtype: DType = 'float32'): Tensor {
  checkDType(dtype, 'oneHot');
  const values = labelValues(labels);
  if (numClasses !== undefined && !(Number.isInteger(numClasses) && numClasses > 0)) {
    throw new ConfigError(`oneHot: numClasses must be a positive integer, got ${formatValue(numClasses)}`);
  }
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0) {
      throw new DataError(`oneHot: labels must be non-negative integers: label at index ${i} is ${formatString(v)}`);
    }
    if (numClasses !== undefined && v >= numClasses) {
      throw new DataError(
        `oneHot: label out of range: label at index ${i} is ${v}, expected an integer in [0, ${numClasses})`);
    }
  }
  let classes = numClasses;
  if (classes === undefined) {
    if (n === 0) throw new DataError('oneHot: cannot infer numClasses from 0 labels; pass numClasses');
    classes = 0;
    for (let i = 0; i < n; i++) if (values[i] >= classes) classes = values[i] + 1;
  }
  const out = zeros([n, classes], dtype);
  const od = out.data;
  for (let i = 0; i < n; i++) od[i * classes + values[i]] = 1;
  return out;
}

/** The labels as an indexable list; a tensor `[N]` or `[N, 1]` is read through its stride. */
function labelValues(labels: LabelsLike): ArrayLike<number> {
  if (!isTensor(labels)) {
    if (isArray(labels) || (ArrayBuffer.isView(labels) && !(labels instanceof DataView))) return labels;
    throw new DataError(`oneHot: labels must be a tensor, an array or a typed array, got ${kindOf(labels)}`);
  }
  const shape = labels.shape;
  if (!(shape.length === 1 || (shape.length === 2 && shape[1] === 1))) {
    throw new ShapeError(`oneHot: labels must be [N] or [N, 1]: expected [?] or [?, 1], got ${formatShape(shape)}`);
  }
  const n = shape[0];
  const values = new Float64Array(n);
  const d = labels.data, s = labels.stride[0];
  for (let i = 0, p = labels.offset; i < n; i++, p += s) values[i] = d[p];
  return values;
}
