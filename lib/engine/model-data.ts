/**
 * The data forms a model's `fit`, `evaluate` and `predict` take for its inputs or outputs: one
 * tensor (one input), an array of them in order, or a record keyed by input/output name.
 */
import { isArray, isReadableObject, kindOf } from '../checks';
import { ConfigError } from '../errors';
import { isTensor, type DType, type Tensor } from '../tensor';
import { toDataTensor, type DataLike } from '../inputs';

/** Data for a model's inputs (or outputs): one value, an array in order, or a record by name. */
export type ModelData = DataLike | readonly DataLike[] | Readonly<Record<string, DataLike>>;

/** True for a plain record of data by name (not a tensor, a typed array or a `{ data, shape }` value). */
function isDataRecord(value: unknown): value is Readonly<Record<string, DataLike>> {
  return isReadableObject(value) && !isArray(value) && !isTensor(value) && !ArrayBuffer.isView(value) && !('data' in value && 'shape' in value);
}

/** True for an array of tensors or `{ data, shape }` values: a list of data, never one nested number array. */
function isTensorList(value: unknown): value is readonly DataLike[] {
  return isArray(value) && value.length > 0 && value.every((v) => isTensor(v) || (isReadableObject(v) && !isArray(v) && 'data' in v && 'shape' in v));
}

/**
 * `value` as one contiguous tensor per name of `names`, in that order. A model of several
 * inputs takes an array (tensors, or nested arrays, one per name) or a record by name; a model
 * of one takes the value itself, a one-element array of a tensor, or a one-key record.
 * @param what - how errors name the argument, e.g. `'fit: x'`.
 * @throws ConfigError for the wrong number of arrays or a record whose keys do not match `names`;
 * DataError for data that is not numbers (see `toDataTensor`).
 */
export function toDataList(value: ModelData, names: readonly string[], what: string, dtype: DType, checkFinite = true): Tensor[] {
  const label = (k: number) => (names.length > 1 ? `${what} '${names[k]}'` : what);
  if (isDataRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length !== names.length || names.some((n) => !keys.includes(n))) {
      throw new ConfigError(`${what}: record keys must be ${names.map((n) => `'${n}'`).join(', ')}, got ${keys.map((k) => `'${k}'`).join(', ') || 'none'}`);
    }
    return names.map((n, k) => toDataTensor(value[n], label(k), dtype, checkFinite));
  }
  if (isTensorList(value) || (names.length > 1 && isArray(value))) {
    const list = value as readonly DataLike[];
    if (list.length !== names.length) {
      throw new ConfigError(`${what}: the model has ${names.length} (${names.map((n) => `'${n}'`).join(', ')}), got an array of ${list.length}`);
    }
    return list.map((v, k) => toDataTensor(v, label(k), dtype, checkFinite));
  }
  if (names.length > 1) {
    throw new ConfigError(`${what}: the model has ${names.length} (${names.map((n) => `'${n}'`).join(', ')}); pass an array of ${names.length} or a record by name, got ${kindOf(value)}`);
  }
  return [toDataTensor(value as DataLike, what, dtype, checkFinite)];
}
