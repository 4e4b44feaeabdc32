/**
 * Conversion and validation of the data users hand to `fit`, `evaluate` and `predict`:
 * nested arrays, typed arrays with a shape, or tensors.
 */
import { DataError } from './errors';
import { isRevokedProxy } from './safe-format';
import { dtypeOf, clone, findNonFinite, formatShape, tensor, toContiguous, type DType, type Tensor, type TensorLike } from './tensor';

/** A typed array with its shape, one of the forms `x` and `y` may take. */
export interface ShapedArray {
  readonly data: Float32Array | Float64Array | readonly number[];
  readonly shape: readonly number[];
}

/** Data as `fit`, `evaluate` and `predict` accept it. */
export type DataLike = TensorLike | ShapedArray;

function isShapedArray(value: unknown): value is ShapedArray {
  return typeof value === 'object' && value !== null && !isRevokedProxy(value) && !Array.isArray(value) && !ArrayBuffer.isView(value) &&
    'data' in value && 'shape' in value && !('stride' in value);
}

/**
 * Converts `value` to a contiguous tensor of `dtype` with samples on the first axis, and checks
 * that it is non-empty and, unless `checkFinite` is false (the caller then checks each batch
 * with {@link assertFinite}), finite.
 *
 * @param what - how errors name the argument, e.g. `'fit: x'`.
 * @throws DataError for empty data, or NaN/Infinity (naming the first bad index).
 */
export function toDataTensor(value: DataLike, what: string, dtype: DType, checkFinite = true): Tensor {
  if (value === null || value === undefined || (typeof value !== 'object' && typeof value !== 'number')) {
    throw new DataError(`${what} must be a tensor, a nested number array or a typed array with a shape, got ${value === null ? 'null' : typeof value}`);
  }
  let t: Tensor;
  try {
    t = isShapedArray(value) ? tensor(value.data as TensorLike, value.shape, dtype) : tensor(value as TensorLike, undefined, dtype);
  } catch (error) {
    if (error instanceof Error) error.message = `${what}: ${error.message}`;
    throw error;
  }
  if (t.shape.length === 0) throw new DataError(`${what} must have a sample axis, got a scalar`);
  if (t.shape[0] === 0 || t.size === 0) throw new DataError(`${what} is empty: got shape ${formatShape(t.shape)}`);
  if (checkFinite) assertFinite(t, what);
  return dtypeOf(t) === dtype ? toContiguous(t) : clone(t, dtype);
}

/**
 * Throws unless every element of `t` is finite.
 *
 * @param what - how the error names the data, e.g. `'predict: x'`.
 * @throws DataError naming the first NaN or ±Infinity and its index.
 */
export function assertFinite(t: Tensor, what: string): void {
  const bad = findNonFinite(t);
  if (bad) {
    const v = toContiguous(t).data[flatIndex(t.shape, bad)];
    throw new DataError(`${what} contains ${Number.isNaN(v) ? 'NaN' : v} at [${bad.join(', ')}]`);
  }
}

/** Throws unless `x` and `y` have the same number of samples. */
export function checkSampleCounts(x: Tensor, y: Tensor, what: string): void {
  if (x.shape[0] !== y.shape[0]) {
    throw new DataError(`${what}: x and y must have the same number of samples: x has ${x.shape[0]} ${formatShape(x.shape)}, y has ${y.shape[0]} ${formatShape(y.shape)}`);
  }
}

function flatIndex(shape: readonly number[], index: readonly number[]): number {
  let flat = 0;
  for (let axis = 0; axis < shape.length; axis++) flat = flat * shape[axis] + index[axis];
  return flat;
}
