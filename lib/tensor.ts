/**
 * Tensors are scijs `ndarray`s over `Float32Array` (the default) or `Float64Array`.
 * This module creates them, describes their shapes and makes contiguous copies of views.
 */
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { ConfigError, DataError, ShapeError } from './errors';
import { formatString, isArray, kindOf } from './safe-format';
import { hookTensorFormat } from './tensor-format';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** The element types a tensor can hold. */
export type DType = 'float32' | 'float64';

/** The typed arrays behind a tensor. */
export type TypedArray = Float32Array | Float64Array;

/** An n-dimensional array over a float typed array; shape, stride and offset as in scijs ndarray. */
export type Tensor = ndarray.NdArray<TypedArray>;

/** A shape, batch axis first. `null` marks an axis not known yet (the batch, before data arrives). */
export type Shape = readonly (number | null)[];

/** Numbers nested to any depth, e.g. `[[1, 2], [3, 4]]`. */
export type NestedArray = number | readonly NestedArray[];

/** Anything layerwise accepts where it wants a tensor. */
export type TensorLike = Tensor | NestedArray | TypedArray;

let allocationCount = 0;

/**
 * The one place this module makes an ndarray: row-major over `data` from `offset`, with the
 * printing hooks of `tensor-format.ts` on its class (so `console.log(t)` shows its values).
 */
function ndarrayOver(data: TypedArray, shape: number[], offset = 0): Tensor {
  return hookTensorFormat(ndarray(data, shape, undefined, offset));
}

/**
 * How many tensors {@link zeros} has allocated since the process started. Tests use it to
 * prove that a warmed-up training step allocates nothing.
 */
export function tensorAllocations(): number {
  return allocationCount;
}

/**
 * A new typed array of the given dtype and length, filled with zeros.
 * @throws ShapeError when the engine cannot allocate that many elements.
 */
export function allocate(dtype: DType, length: number): TypedArray {
  try {
    return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ShapeError(`cannot allocate a ${dtype} tensor of ${length} elements: ${error.message}`);
  }
}

/**
 * Checks a shape given by a caller: an array of non-negative integers.
 * @param what - how the message names the caller, e.g. `'zeros'`.
 * @throws ShapeError naming the caller and the bad shape.
 */
export function checkShape(shape: unknown, what: string): asserts shape is readonly number[] {
  if (!isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    const got = isArray(shape) ? `[${shape.map((d) => (typeof d === 'string' ? `'${d}'` : formatString(d))).join(', ')}]` : typeof shape;
    throw new ShapeError(`${what}: a shape must be an array of non-negative integers, got ${got}`);
  }
}

/**
 * Checks a dtype given by a caller.
 * @throws ConfigError naming the caller and the bad value.
 */
export function checkDType(dtype: unknown, what: string): asserts dtype is DType {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new ConfigError(`${what}: dtype must be 'float32' or 'float64', got ${typeof dtype === 'string' ? `'${dtype}'` : typeof dtype}`);
  }
}

/** The number of elements of a fully known shape: the product of its axes. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A new contiguous row-major tensor of zeros. */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  checkShape(shape, 'zeros');
  checkDType(dtype, 'zeros');
  allocationCount++;
  return ndarrayOver(allocate(dtype, sizeOf(shape)), shape.slice());
}

/**
 * A contiguous row-major tensor over `data`, new storage of zeros of `shape`'s size placed
 * elsewhere (the kernel heap: see `kernelZeros`), counted by {@link tensorAllocations} as
 * {@link zeros} is.
 */
export function zerosOver(data: TypedArray, shape: readonly number[]): Tensor {
  allocationCount++;
  return ndarrayOver(data, shape.slice());
}

/** The dtype of a tensor's storage. */
export function dtypeOf(t: Tensor): DType {
  return t.data instanceof Float64Array ? 'float64' : 'float32';
}

/**
 * Formats a shape as in error messages: `[?, 3]`, with `?` for unknown axes. Never throws, so a
 * message can quote any shape a caller passed (a non-array prints as its kind, e.g. `a string`).
 */
export function formatShape(shape: Shape): string {
  if (!isArray(shape)) return kindOf(shape);
  const axis = (d: unknown): string => (d === null ? '?' : formatString(d));
  // A shape read from a file may have any number of axes: show the first 8 and the last 2.
  if (shape.length > 12) return `[${shape.slice(0, 8).map(axis).join(', ')}, … ${shape.length - 10} more axes …, ${shape.slice(-2).map(axis).join(', ')}] (${shape.length} axes)`;
  return `[${shape.map(axis).join(', ')}]`;
}

/** True when two shapes are equal axis by axis; a `null` axis matches anything. */
export function shapesMatch(expected: Shape, actual: Shape): boolean {
  if (expected.length !== actual.length) return false;
  return expected.every((d, i) => d === null || actual[i] === null || d === actual[i]);
}

/** True when `t` is laid out row-major without gaps (its offset may be anything). */
export function isContiguous(t: Tensor): boolean {
  let expected = 1;
  for (let axis = t.shape.length - 1; axis >= 0; axis--) {
    if (t.shape[axis] !== 1 && t.stride[axis] !== expected) return false;
    expected *= t.shape[axis];
  }
  return true;
}

/**
 * Copies the elements of `src` into `out`, element by element, whatever either's strides
 * (ndarray-ops's `assign`). The shapes must be equal; the caller checks. Returns `out`.
 */
export function copyInto(out: Tensor, src: Tensor): Tensor {
  ops.assign(out, src);
  return out;
}

/** `t` itself when it is contiguous with offset 0; otherwise a contiguous copy. */
export function toContiguous(t: Tensor): Tensor {
  if (t.offset === 0 && isContiguous(t) && t.data.length === t.size) return t;
  return copyInto(zeros(t.shape, dtypeOf(t)), t);
}

/** A copy of `t` with its own storage, contiguous, in the given dtype (default: `t`'s). */
export function clone(t: Tensor, dtype: DType = dtypeOf(t)): Tensor {
  const out = zeros(t.shape, dtype);
  return copyInto(out, t);
}

/** A view of a contiguous tensor with a new shape of the same size (ndarray has no `.reshape`). */
export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  if (!isTensor(t)) throw new DataError(`reshape: expected a tensor, got ${typeof t}`);
  checkShape(shape, 'reshape');
  if (sizeOf(shape) !== t.size) {
    throw new ShapeError(`reshape: sizes differ: expected ${t.size} elements, got ${formatShape(shape)}`);
  }
  const c = toContiguous(t);
  return ndarrayOver(c.data, shape.slice(), c.offset);
}

function inferShape(values: unknown, path: string): number[] {
  if (typeof values === 'number') return [];
  if (!isArray(values)) {
    throw new DataError(`tensor: expected numbers or nested arrays of numbers, got ${typeof values} at ${path}`);
  }
  if (values.length === 0) return [0];
  return [values.length, ...inferShape(values[0], `${path}[0]`)];
}

function flattenInto(values: unknown, shape: number[], axis: number, out: TypedArray, at: number, path: string): number {
  if (axis === shape.length) {
    if (typeof values !== 'number') {
      if (!isArray(values)) throw new DataError(`tensor: expected a number at ${path}, got ${typeof values}`);
      throw new ShapeError(`tensor: ragged nested array: expected a number at ${path}, got an array`);
    }
    out[at] = values;
    return at + 1;
  }
  if (!isArray(values) || values.length !== shape[axis]) {
    const got = isArray(values) ? `length ${values.length}` : typeof values;
    throw new ShapeError(`tensor: ragged nested array: expected length ${shape[axis]} at ${path}, got ${got}`);
  }
  for (let i = 0; i < values.length; i++) {
    at = flattenInto(values[i], shape, axis + 1, out, at, `${path}[${i}]`);
  }
  return at;
}

/**
 * Creates a tensor from nested arrays, a typed array with a shape, or an existing tensor
 * (converted to `dtype` if it differs, otherwise returned as is).
 *
 * @param values - `[[1, 2], [3, 4]]`, or a flat `Float32Array`/`Float64Array`/number array with `shape`.
 * @param shape - required for flat data; checked against the data's length.
 * @param dtype - storage type; default `'float32'` (or the typed array's own type).
 * @throws ShapeError for ragged arrays or a shape that does not match the data's length.
 * @example
 * ```ts
 * const x = tensor([[0, 0], [0, 1]]);            // shape [2, 2], float32
 * const y = tensor(new Float64Array(6), [3, 2]);  // shape [3, 2], float64
 * ```
 */
export function tensor(values: TensorLike, shape?: readonly number[], dtype?: DType): Tensor {
  if (shape !== undefined) checkShape(shape, 'tensor');
  if (dtype !== undefined) checkDType(dtype, 'tensor');
  if (isTensor(values)) {
    const target = dtype ?? dtypeOf(values);
    const t = target === dtypeOf(values) ? values : clone(values, target);
    return shape ? reshape(t, shape) : t;
  }
  if ((ArrayBuffer.isView(values) && !(values instanceof DataView)) || (shape && isArray(values) && values.every((v) => typeof v === 'number'))) {
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      throw new DataError('tensor: expected numbers, got a BigInt64Array or BigUint64Array (convert with Float64Array.from(values, Number))');
    }
    const flat = values as ArrayLike<number>;
    const target = dtype ?? (values instanceof Float64Array ? 'float64' : 'float32');
    const s = shape ? shape.slice() : [flat.length];
    if (sizeOf(s) !== flat.length) {
      throw new ShapeError(`tensor: shape ${formatShape(s)} needs ${sizeOf(s)} values, got ${flat.length}`);
    }
    const data = allocate(target, flat.length);
    data.set(flat);
    allocationCount++;
    return ndarrayOver(data, s);
  }
  const nested = values as NestedArray;
  const inferred = inferShape(nested, 'values');
  const data = allocate(dtype ?? 'float32', sizeOf(inferred));
  flattenInto(nested, inferred, 0, data, 0, 'values');
  allocationCount++;
  const t = ndarrayOver(data, inferred);
  return shape ? reshape(t, shape) : t;
}

/**
 * True when `value` is an ndarray over a float typed array, with a shape of non-negative
 * integers (so a message can quote it). Never throws: a revoked proxy, or an object whose
 * getters throw, is simply not a tensor.
 */
export function isTensor(value: unknown): value is Tensor {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const v = value as Partial<Tensor>;
    return Array.isArray(v.shape) && Array.isArray(v.stride) && v.stride.length === v.shape.length && typeof v.offset === 'number' &&
      (v.data instanceof Float32Array || v.data instanceof Float64Array) && v.shape.every((d) => Number.isSafeInteger(d) && d >= 0);
  } catch {
    return false;
  }
}

/** The tensor's values as nested number arrays (for printing and tests). */
export function toArray(t: Tensor): NestedArray {
  if (!isTensor(t)) throw new DataError(`toArray: expected a tensor, got ${typeof t}`);
  const c = toContiguous(t);
  const build = (axis: number, at: number): NestedArray => {
    if (axis === c.shape.length) return c.data[c.offset + at];
    const out: NestedArray[] = [];
    const step = sizeOf(c.shape.slice(axis + 1));
    for (let i = 0; i < c.shape[axis]; i++) out.push(build(axis + 1, at + i * step));
    return out;
  };
  return build(0, 0);
}

/**
 * The first index (row-major) of a NaN or ±Infinity in `t`, as a multi-index, or `null`.
 */
export function findNonFinite(t: Tensor): number[] | null {
  const c = toContiguous(t);
  if (allFinite(c.data, c.offset, c.size)) return null;
  const d = c.data;
  for (let i = 0, n = c.size; i < n; i++) {
    const v = d[c.offset + i];
    if (v - v !== 0) {
      const index: number[] = [];
      let rest = i;
      for (let axis = c.shape.length - 1; axis >= 0; axis--) {
        index.unshift(rest % c.shape[axis]);
        rest = math.floor(rest / c.shape[axis]);
      }
      return index;
    }
  }
  return null;
}

/**
 * True when `d[from … from+n)` holds no NaN or ±Infinity: `Σ d[i]·0` is 0 exactly then (NaN
 * otherwise). Four independent sums and no branch make this about twice as fast as testing each
 * value, which matters because every `fit`, `evaluate` and `predict` checks its data.
 */
function allFinite(d: TypedArray, from: number, n: number): boolean {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const end = from + n;
  const end4 = from + (n & ~3);
  let i = from;
  for (; i < end4; i += 4) {
    a0 += d[i] * 0;
    a1 += d[i + 1] * 0;
    a2 += d[i + 2] * 0;
    a3 += d[i + 3] * 0;
  }
  for (; i < end; i++) a0 += d[i] * 0;
  return a0 + a1 + a2 + a3 === 0;
}
