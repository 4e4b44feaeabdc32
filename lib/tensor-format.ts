/**
 * Tensors as people read them: `console.log(t)`, `util.inspect(t)`, `${t}` and {@link formatTensor}
 * print the dtype, the shape and the values, numpy-style, instead of ndarray's fields.
 *
 * This module does not import `tensor.ts`, so that `tensor.ts` can import it to install the
 * hooks on the tensors it creates.
 */
import { ConfigError, DataError } from './errors';
import { isArray, isReadableObject, kindOf } from './safe-format';
import type ndarray from 'ndarray';

/** What is formatted: a float ndarray (`Tensor` of `tensor.ts`, named here without importing it, as `tensor.ts` imports this module). */
type Tensor = ndarray.NdArray<Float32Array | Float64Array>;

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Above {@link FormatTensorOptions.maxValues} elements, each axis shows this many entries at each end (numpy's `edgeitems`). */
const EDGE_ITEMS = 3;

/** Where a row of the last axis wraps onto the next line (numpy's `linewidth`). */
const LINE_WIDTH = 75;

/** Options of {@link formatTensor}. */
export interface FormatTensorOptions {
  /**
   * Above this many elements the tensor is summarized: every axis longer than 6 shows its first 3
   * and last 3 entries around `...` (numpy's `threshold`). `Infinity` never summarizes.
   * @defaultValue 1000
   */
  maxValues?: number;
}

/**
 * One value as printed: integers below a million as they are, other values with 4 significant
 * digits (`0.1235`, `3.142`, `-12.5`), and values of a million or more or below 0.001 in
 * exponent notation (`1.235e+7`, `2e-5`), the thresholds of `formatLogs`; `NaN`, `Infinity` and
 * `-Infinity` as JavaScript writes them.
 */
export function formatTensorValue(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const rounded = Number.isInteger(v) ? v : Number(v.toPrecision(4));
  const magnitude = math.abs(rounded);
  if (magnitude >= 1e6 || magnitude < 1e-3) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(rounded);
}

/** True for an ndarray over a float typed array: what the hooks and {@link formatTensor} read. */
function isFloatNdarray(t: unknown): t is Tensor {
  if (!isReadableObject(t)) return false;
  try {
    const v = t as Partial<Tensor>;
    return isArray(v.shape) && isArray(v.stride) && v.stride.length === v.shape.length && typeof v.offset === 'number' &&
      (v.data instanceof Float32Array || v.data instanceof Float64Array);
  } catch {
    return false;
  }
}

/** The header line: `Tensor float32 [2, 3]`. */
function header(t: Tensor): string {
  return `Tensor ${t.data instanceof Float64Array ? 'float64' : 'float32'} [${t.shape.join(', ')}]`;
}

/** The indices of an axis that are printed, `null` standing for the `...` between the two ends. */
function printedIndices(length: number, summarize: boolean): (number | null)[] {
  const all = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
  if (!summarize || length <= 2 * EDGE_ITEMS) return all(0, length);
  return [...all(0, EDGE_ITEMS), null, ...all(length - EDGE_ITEMS, length)];
}

/**
 * A tensor as text, like numpy's `repr` and `tf.print`: a header with the dtype and shape, then
 * the values nested in brackets, one row of the last axis per line, columns right-aligned,
 * blank lines between the blocks of rank 3 and more.
 *
 * @param t - any tensor, views included (it reads through the strides; nothing is copied).
 * @param options - see {@link FormatTensorOptions}.
 * @throws DataError when `t` is not a tensor.
 * @throws ConfigError when `maxValues` is not a non-negative integer or `Infinity`.
 * @example
 * ```ts
 * formatTensor(tensor([[1, 2, 3], [4, 5, 6]]));
 * // Tensor float32 [2, 3]
 * // [[1, 2, 3],
 * //  [4, 5, 6]]
 * ```
 */
export function formatTensor(t: Tensor, options: FormatTensorOptions = {}): string {
  if (!isFloatNdarray(t)) throw new DataError(`formatTensor: expected a tensor, got ${kindOf(t)}`);
  if (!isReadableObject(options) || isArray(options)) throw new ConfigError(`formatTensor: options must be an object, got ${kindOf(options)}`);
  const maxValues = options.maxValues ?? 1000;
  if (typeof maxValues !== 'number' || !(maxValues === Infinity || (Number.isSafeInteger(maxValues) && maxValues >= 0))) {
    throw new ConfigError(`formatTensor: maxValues must be a non-negative integer or Infinity, got ${typeof maxValues === 'number' ? maxValues : kindOf(maxValues)}`);
  }
  const { shape, stride, data } = t;
  const rank = shape.length;
  let size = 1;
  for (const d of shape) size *= d;
  const summarize = size > maxValues;
  const indices = shape.map((d) => printedIndices(d, summarize));

  // First pass: the width of the widest printed value, so that columns line up.
  let width = 0;
  const measure = (axis: number, at: number): void => {
    if (axis === rank) {
      width = math.max(width, formatTensorValue(data[at]).length);
      return;
    }
    for (const i of indices[axis]) if (i !== null) measure(axis + 1, at + stride[axis] * i);
  };
  measure(0, t.offset);

  const build = (axis: number, at: number): string => {
    if (axis === rank) return formatTensorValue(data[at]).padStart(width);
    const items = indices[axis].map((i) => (i === null ? '...' : build(axis + 1, at + stride[axis] * i)));
    if (axis < rank - 1) return `[${items.join(`,${'\n'.repeat(rank - axis - 1)}${' '.repeat(axis + 1)}`)}]`;
    // The last axis: values on one line, wrapped at LINE_WIDTH under the first value.
    let text = '[';
    let column = axis + 1;
    items.forEach((item, k) => {
      if (k > 0 && column + 2 + item.length + 1 > LINE_WIDTH) {
        text += `,\n${' '.repeat(axis + 1)}`;
        column = axis + 1;
      } else if (k > 0) {
        text += ', ';
        column += 2;
      }
      text += item;
      column += item.length;
    });
    return `${text}]`;
  };
  return `${header(t)}\n${build(0, t.offset)}`;
}

/**
 * Writes {@link formatTensor}'s text to the console (`console.log`), as `tf.print` does.
 * @throws DataError when `t` is not a tensor.
 */
export function printTensor(t: Tensor, options: FormatTensorOptions = {}): void {
  // eslint-disable-next-line no-console
  console.log(formatTensor(t, options));
}

/** Node's `util.inspect` hook; a plain registered symbol, so nothing Node-only is imported (browsers ignore it). */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The ndarray prototypes (one per dtype and rank) that carry the hooks already. */
const hooked = new WeakSet<object>();

/** What `console.log`, `util.inspect` and `toString` call; a short header when inspect has no depth left. */
function inspectTensor(this: Tensor, depth?: number): string {
  if (!isFloatNdarray(this)) return Object.prototype.toString.call(this);
  return typeof depth === 'number' && depth < 0 ? header(this) : formatTensor(this);
}

function tensorToString(this: Tensor): string {
  return inspectTensor.call(this);
}

/**
 * Installs the `util.inspect` and `toString` hooks on the prototype of `t` and of every lower
 * rank of its dtype. ndarray compiles one class per dtype and rank, lazily, and compiles all the
 * lower ranks with it, so hooking each new prototype `tensor.ts` meets (and, through `pick`,
 * which allocates no storage, the lower ranks that views such as `pick` return) covers every
 * tensor of that dtype. The prototypes gain two non-enumerable methods and nothing else, so
 * `instanceof`, equality in tests and ndarray-ops are unchanged. Returns `t`.
 */
export function hookTensorFormat<T extends Tensor>(t: T): T {
  if (hooked.has(Object.getPrototypeOf(t) as object)) return t;
  const method = (value: unknown): PropertyDescriptor => ({ value, writable: true, configurable: true, enumerable: false });
  for (let view: Tensor = t; ; view = view.pick(0) as Tensor) {
    const proto = Object.getPrototypeOf(view) as object;
    if (hooked.has(proto)) break; // The lower ranks were hooked with this one.
    hooked.add(proto);
    Object.defineProperty(proto, INSPECT, method(inspectTensor));
    Object.defineProperty(proto, 'toString', method(tensorToString));
    if (view.shape.length === 0) break;
  }
  return t;
}
