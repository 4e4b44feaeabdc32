import ndarray from 'ndarray';
import { DataError, ShapeError } from '../../lib/errors';
import {
  clone, copyInto, findNonFinite, formatShape, isContiguous, reshape, tensor, toArray, toContiguous, zeros,
} from '../../lib/tensor';

describe('tensor', () => {
  it('builds from nested arrays, inferring the shape, float32 by default', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('builds from a typed array with a shape and keeps float64', () => {
    const t = tensor(new Float64Array([1, 2, 3, 4, 5, 6]), [3, 2]);
    expect(t.shape).toEqual([3, 2]);
    expect(t.data).toBeInstanceOf(Float64Array);
    expect(t.get(2, 1)).toBe(6);
  });

  it('rejects ragged arrays, naming where', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow('expected length 2 at values[1], got length 1');
  });

  it('rejects strings inside the data with a DataError', () => {
    expect(() => tensor([[1, 'a' as unknown as number]])).toThrow(DataError);
  });

  it('rejects a shape that does not match the length', () => {
    expect(() => tensor(new Float32Array(5), [2, 3])).toThrow('shape [2, 3] needs 6 values, got 5');
  });

  it('converts dtype on request', () => {
    const t = tensor([[0.1]], undefined, 'float64');
    expect(t.data[0]).toBe(0.1);
    expect(clone(t, 'float32').data[0]).toBe(Math.fround(0.1));
  });
});

describe('views and copies', () => {
  const m = tensor([[1, 2, 3], [4, 5, 6]]);

  it('recognises a transposed view as non-contiguous and copies it in row-major order', () => {
    const t = m.transpose(1, 0);
    expect(isContiguous(t)).toBe(false);
    const c = toContiguous(t);
    expect(c.shape).toEqual([3, 2]);
    expect(Array.from(c.data)).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('copies picked and sliced views', () => {
    expect(toArray(m.pick(null, 1))).toEqual([2, 5]);
    expect(toArray(m.lo(1, 1))).toEqual([[5, 6]]);
    const out = zeros([2, 2]);
    copyInto(out, m.hi(2, 2));
    expect(toArray(out)).toEqual([[1, 2], [4, 5]]);
  });

  it('returns a contiguous tensor itself', () => {
    expect(toContiguous(m)).toBe(m);
  });

  it('reshapes by size and refuses a size change', () => {
    expect(reshape(m, [3, 2]).shape).toEqual([3, 2]);
    expect(() => reshape(m, [4, 2])).toThrow(ShapeError);
  });

  it('handles rank 3 copies', () => {
    const t = ndarray(new Float32Array([0, 1, 2, 3, 4, 5, 6, 7]), [2, 2, 2]).transpose(2, 1, 0);
    expect(toArray(toContiguous(t))).toEqual([[[0, 4], [2, 6]], [[1, 5], [3, 7]]]);
  });
});

describe('helpers', () => {
  it('formats shapes with ? for unknown axes', () => {
    expect(formatShape([null, 3])).toBe('[?, 3]');
  });

  it('finds the first NaN or Infinity', () => {
    expect(findNonFinite(tensor([[1, 2], [3, 4]]))).toBeNull();
    expect(findNonFinite(tensor([[1, 2], [NaN, Infinity]]))).toEqual([1, 0]);
  });
});
