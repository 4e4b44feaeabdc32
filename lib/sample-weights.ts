/**
 * The per-sample weights of `fit` and `evaluate`: `sampleWeight` arrays checked and converted,
 * and `classWeight` maps turned into one weight per sample from the labels (Keras's
 * `class_weight`).
 */
import { formatString, isArray, isReadableObject } from './checks';
import { ConfigError, DataError, ShapeError } from './errors';
import { toDataTensor, type DataLike } from './inputs';
import { formatShape, reshape, zeros, type DType, type Tensor } from './tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Weights by class index, e.g. `{ 0: 1, 1: 5 }` to count each sample of class 1 five times. */
export type ClassWeight = Readonly<Record<number, number>>;

/**
 * `sampleWeight` as a contiguous `[N]` tensor of `dtype`.
 *
 * @param n - the number of samples the weights must match.
 * @param what - how errors name the caller, e.g. `'fit'`.
 * @throws ShapeError unless the weights are `[N]` or `[N, 1]`.
 * @throws DataError when their count is not `n`, or a weight is NaN, infinite or negative
 * (naming the first such sample).
 */
export function toSampleWeights(value: DataLike, n: number, what: string, dtype: DType): Tensor {
  const w = toDataTensor(value, `${what}: sampleWeight`, dtype);
  const shape = w.shape;
  if (shape.length > 2 || (shape.length === 2 && shape[1] !== 1)) {
    throw new ShapeError(`${what}: sampleWeight must hold one weight per sample: expected [${n}] or [${n}, 1], got ${formatShape(shape)}`);
  }
  if (shape[0] !== n) {
    throw new DataError(`${what}: sampleWeight must have one weight per sample: expected ${n} weights, got ${shape[0]} ${formatShape(shape)}`);
  }
  for (let i = 0; i < n; i++) {
    const v = w.data[w.offset + i];
    if (v < 0) throw new DataError(`${what}: sampleWeight[${i}] is ${v}; weights must be ≥ 0`);
  }
  return shape.length === 1 ? w : reshape(w, [n]);
}

/**
 * One weight per sample from its label's class: `w_i = classWeight[c_i]`, or 1 for a class the
 * map does not list. The class `c_i` is the argmax of a one-hot (or probability) row of `[N, C]`
 * labels, and the rounded label of `[N]` or `[N, 1]` labels (binary 0/1, or sparse indices).
 *
 * @param y - the labels, contiguous.
 * @param what - how errors name the caller, e.g. `'fit'`.
 * @throws ConfigError when `classWeight` is not an object whose keys are class indices
 * (integers ≥ 0) and whose values are finite numbers ≥ 0.
 * @throws ShapeError when the labels are not `[N]`, `[N, 1]` or `[N, C]`.
 */
export function classWeightsToSampleWeights(y: Tensor, classWeight: ClassWeight, what: string, dtype: DType): Tensor {
  const byClass = checkClassWeight(classWeight, what);
  if (y.shape.length > 2) {
    throw new ShapeError(`${what}: classWeight needs labels [N], [N, 1] or [N, C] to find each sample's class, got ${formatShape(y.shape)}`);
  }
  const n = y.shape[0];
  const c = y.shape.length === 2 ? y.shape[1] : 1;
  const t = y.data;
  const out = zeros([n], dtype);
  for (let i = 0, row = y.offset; i < n; i++, row += c) {
    let cls = 0;
    if (c === 1) {
      cls = math.round(t[row]);
    } else {
      for (let j = 1; j < c; j++) if (t[row + j] > t[row + cls]) cls = j;
    }
    out.data[i] = byClass.get(cls) ?? 1;
  }
  return out;
}

/** The class weights as a map from class index to weight, after checking every entry. */
function checkClassWeight(classWeight: ClassWeight, what: string): Map<number, number> {
  if (!isReadableObject(classWeight) || isArray(classWeight)) {
    throw new ConfigError(`${what}: classWeight must be an object mapping class indices to weights, e.g. { 0: 1, 1: 5 }, got ${isArray(classWeight) ? 'an array' : formatString(classWeight)}`);
  }
  const byClass = new Map<number, number>();
  for (const [key, weight] of Object.entries(classWeight)) {
    if (!/^\d+$/.test(key)) throw new ConfigError(`${what}: classWeight keys must be class indices (integers ≥ 0), got '${key}'`);
    if (typeof weight !== 'number' || !(weight >= 0 && weight < Infinity)) {
      throw new ConfigError(`${what}: classWeight[${key}] must be a finite number ≥ 0, got ${formatString(weight)}`);
    }
    byClass.set(Number(key), weight);
  }
  return byClass;
}
