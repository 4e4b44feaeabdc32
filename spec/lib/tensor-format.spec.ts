import util from 'util';
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { ConfigError, DataError, ShapeError } from '../../lib/errors';
import { argMax } from '../../lib/arg-max';
import { clone, reshape, tensor, toArray, zeros } from '../../lib/tensor';
import { formatTensor, formatTensorValue, printTensor } from '../../lib/tensor-format';
import * as api from '../../lib';

/** 0, 1, …, n-1 as a float32 tensor of `shape`. */
function iota(shape: number[]) {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Float32Array.from({ length: n }, (_, i) => i), shape);
}

describe('formatTensor', () => {
  it('prints a rank-0, rank-1, rank-2 and rank-3 tensor with its dtype and shape', () => {
    expect(formatTensor(reshape(tensor([3.14159]), []))).toBe('Tensor float32 []\n3.142');
    expect(formatTensor(tensor([1, 2, 3]))).toBe('Tensor float32 [3]\n[1, 2, 3]');
    expect(formatTensor(tensor([[1, 2, 3], [4, 5, 6]]))).toBe('Tensor float32 [2, 3]\n[[1, 2, 3],\n [4, 5, 6]]');
    // numpy's layout: a blank line between the [3, 4] blocks, columns right-aligned to the widest value (23).
    expect(formatTensor(iota([2, 3, 4]))).toBe([
      'Tensor float32 [2, 3, 4]',
      '[[[ 0,  1,  2,  3],',
      '  [ 4,  5,  6,  7],',
      '  [ 8,  9, 10, 11]],',
      '',
      ' [[12, 13, 14, 15],',
      '  [16, 17, 18, 19],',
      '  [20, 21, 22, 23]]]',
    ].join('\n'));
  });

  it('names float64 and prints floats with 4 significant digits, tiny and huge ones in exponent notation', () => {
    expect(formatTensor(tensor([[0.5, -2.25], [1 / 3, 1e-5]], undefined, 'float64'))).toBe(
      'Tensor float64 [2, 2]\n[[   0.5,  -2.25],\n [0.3333,   1e-5]]',
    );
    // float32's 0.1 is 0.100000001490116…: four significant digits print it as 0.1.
    expect(formatTensor(tensor([0.1, 12345678, -0.000123456, NaN, Infinity, -Infinity]))).toBe(
      'Tensor float32 [6]\n[      0.1,  1.235e+7, -1.235e-4,       NaN,  Infinity, -Infinity]',
    );
    expect(formatTensorValue(0)).toBe('0');
    expect(formatTensorValue(-0)).toBe('0');
    expect(formatTensorValue(123456)).toBe('123456');
    expect(formatTensorValue(1234.56)).toBe('1235');
    expect(formatTensorValue(999999.5)).toBe('1e+6');
    expect(formatTensorValue(1e6)).toBe('1e+6');
    expect(formatTensorValue(-0.001)).toBe('-0.001');
  });

  it('prints empty tensors as empty brackets', () => {
    expect(formatTensor(zeros([0]))).toBe('Tensor float32 [0]\n[]');
    expect(formatTensor(zeros([2, 0]))).toBe('Tensor float32 [2, 0]\n[[],\n []]');
  });

  it('reads views through their strides: a transpose and a picked row', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(formatTensor(t.transpose(1, 0))).toBe('Tensor float32 [3, 2]\n[[1, 4],\n [2, 5],\n [3, 6]]');
    expect(formatTensor(t.pick(1, null))).toBe('Tensor float32 [3]\n[4, 5, 6]');
    expect(formatTensor(t.pick(null, 2))).toBe('Tensor float32 [2]\n[3, 6]');
  });

  it('summarizes a tensor of more than 1000 values: 3 entries at each end of every long axis', () => {
    expect(formatTensor(iota([100, 20]))).toBe([
      'Tensor float32 [100, 20]',
      '[[   0,    1,    2, ...,   17,   18,   19],',
      ' [  20,   21,   22, ...,   37,   38,   39],',
      ' [  40,   41,   42, ...,   57,   58,   59],',
      ' ...,',
      ' [1940, 1941, 1942, ..., 1957, 1958, 1959],',
      ' [1960, 1961, 1962, ..., 1977, 1978, 1979],',
      ' [1980, 1981, 1982, ..., 1997, 1998, 1999]]',
    ].join('\n'));
    // 1000 values are printed whole (numpy's threshold), 1001 are not.
    expect(formatTensor(iota([1000]))).not.toContain('...');
    expect(formatTensor(iota([1001]))).toBe('Tensor float32 [1001]\n[   0,    1,    2, ...,  998,  999, 1000]');
  });

  it('summarizes at maxValues, keeping short axes whole and blank lines between blocks', () => {
    expect(formatTensor(iota([2, 8, 2]), { maxValues: 10 })).toBe([
      'Tensor float32 [2, 8, 2]',
      '[[[ 0,  1],',
      '  [ 2,  3],',
      '  [ 4,  5],',
      '  ...,',
      '  [10, 11],',
      '  [12, 13],',
      '  [14, 15]],',
      '',
      ' [[16, 17],',
      '  [18, 19],',
      '  [20, 21],',
      '  ...,',
      '  [26, 27],',
      '  [28, 29],',
      '  [30, 31]]]',
    ].join('\n'));
    expect(formatTensor(iota([2000]), { maxValues: Infinity })).not.toContain('...');
  });

  it('wraps a long row within 75 columns, continuing under the first value', () => {
    const text = formatTensor(iota([40]));
    const lines = text.split('\n');
    // 18 more would make the line 76 characters with its comma.
    expect(lines[1]).toBe('[ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,');
    expect(lines[2].startsWith(' 18, 19,')).toBe(true);
    expect(lines.every((line) => line.length <= 75)).toBe(true);
    expect(lines[lines.length - 1].endsWith('39]')).toBe(true);
  });

  it('rejects what is not a tensor and a bad maxValues', () => {
    expect(() => formatTensor([1, 2] as never)).toThrow(DataError);
    expect(() => formatTensor([1, 2] as never)).toThrow('formatTensor: expected a tensor, got an array');
    expect(() => formatTensor(tensor([1]), { maxValues: -1 })).toThrow(ConfigError);
    expect(() => formatTensor(tensor([1]), { maxValues: 1.5 })).toThrow('formatTensor: maxValues must be a non-negative integer or Infinity, got 1.5');
  });

  it('printTensor writes the text to the console', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      printTensor(tensor([[1, 2], [3, 4]]));
      expect(log).toHaveBeenCalledWith('Tensor float32 [2, 2]\n[[1, 2],\n [3, 4]]');
    } finally {
      log.mockRestore();
    }
  });

  it('is what util.inspect, console.log, String and a template literal show', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    const text = 'Tensor float32 [2, 3]\n[[1, 2, 3],\n [4, 5, 6]]';
    expect(util.inspect(t)).toBe(text);
    expect(util.format('%o', t)).toContain(text);
    expect(`${t}`).toBe(text);
    expect(String(t)).toBe(text);
    // Inside an object that inspect does not descend into, the header alone.
    expect(util.inspect({ weights: t }, { depth: 0 })).toBe('{ weights: Tensor float32 [2, 3] }');
    // float64, views of other ranks (pick, transpose), and the tensors of every constructor.
    expect(`${clone(t, 'float64').pick(0, null)}`).toBe('Tensor float64 [3]\n[1, 2, 3]');
    expect(util.inspect(t.transpose(1, 0))).toBe('Tensor float32 [3, 2]\n[[1, 4],\n [2, 5],\n [3, 6]]');
    expect(`${zeros([1, 1, 1, 1, 1, 1, 1])}`).toBe('Tensor float32 [1, 1, 1, 1, 1, 1, 1]\n[[[[[[[0]]]]]]]');
    expect(`${zeros([1, 1, 1, 1, 1, 1, 1]).pick(0, 0, 0, 0, 0, 0, null)}`).toBe('Tensor float32 [1]\n[0]');
    // A scalar still converts to its number in arithmetic (ndarray's valueOf).
    const scalar = reshape(tensor([2]), []);
    expect(+scalar * 3).toBe(6);
    expect(`${scalar}`).toBe('Tensor float32 []\n2');
  });

  it('leaves instanceof, equality, enumeration and ndarray-ops as they were', () => {
    const t = tensor([[1, 2], [3, 4]]);
    const raw = ndarray(new Float32Array([1, 2, 3, 4]), [2, 2]);
    expect(Object.getPrototypeOf(raw)).toBe(Object.getPrototypeOf(t));
    expect(raw).toBeInstanceOf(t.constructor);
    expect(Object.keys(t).sort()).toEqual(['data', 'offset', 'shape', 'stride']);
    const out = zeros([2, 2]);
    ops.add(out, t, raw);
    expect(toArray(out)).toEqual([[2, 4], [6, 8]]);
    expect(t).toEqual(raw);
  });
});

describe('argMax', () => {
  it('is exported from the package', () => {
    expect(api.argMax).toBe(argMax);
    expect(api.formatTensor).toBe(formatTensor);
    expect(api.printTensor).toBe(printTensor);
  });

  it('gives the index of the largest value of a rank-1 tensor as a scalar', () => {
    const out = argMax(tensor([0.1, 0.7, 0.2]));
    expect(out.shape).toEqual([]);
    expect(toArray(out)).toBe(1);
  });

  it('reduces the last axis of a rank-2 tensor by default: one label per sample', () => {
    const p = tensor([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1], [0.2, 0.3, 0.5], [-3, -1, -2]]);
    const out = argMax(p);
    expect(out.shape).toEqual([4]);
    expect(toArray(out)).toEqual([1, 0, 2, 1]);
    expect(toArray(argMax(p, 1))).toEqual([1, 0, 2, 1]);
    // Along axis 0, the row of each column's maximum: column 0 holds 0.8 at row 1, column 1 0.7 at row 0, column 2 0.5 at row 2.
    expect(toArray(argMax(p, 0))).toEqual([1, 0, 2]);
    expect(toArray(argMax(p, -2))).toEqual([1, 0, 2]);
  });

  it('reduces any axis of a rank-3 tensor', () => {
    // t[i][j][k] = values below, shape [2, 3, 2].
    const t = tensor([
      [[1, 9], [5, 2], [3, 3]],
      [[7, 0], [4, 8], [6, 1]],
    ]);
    // axis 0: compare t[0][j][k] with t[1][j][k].
    expect(toArray(argMax(t, 0))).toEqual([[1, 0], [0, 1], [1, 0]]);
    // axis 1: for each i, k, the j of the largest of three: i=0 k=0: 1,5,3 → 1; k=1: 9,2,3 → 0; i=1 k=0: 7,4,6 → 0; k=1: 0,8,1 → 1.
    expect(toArray(argMax(t, 1))).toEqual([[1, 0], [0, 1]]);
    // axis 2 (the default): t[0][2] is a tie 3, 3 → the first, 0.
    expect(toArray(argMax(t))).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(argMax(t, 1).shape).toEqual([2, 2]);
  });

  it('takes the first index on ties and reads views', () => {
    expect(toArray(argMax(tensor([[2, 5, 5, 1], [0, 0, 0, 0]])))).toEqual([1, 0]);
    const t = tensor([[1, 5, 3], [6, 2, 4]]);
    // The transpose's rows are the columns (1, 6), (5, 2), (3, 4).
    expect(toArray(argMax(t.transpose(1, 0)))).toEqual([1, 0, 1]);
    expect(toArray(argMax(t.pick(1, null)))).toBe(0);
    // Columns 1 and 2: [[5, 3], [2, 4]].
    expect(toArray(argMax(t.hi(2, 3).lo(0, 1)))).toEqual([0, 1]);
  });

  it('returns an empty tensor when another axis has length 0', () => {
    expect(argMax(zeros([0, 3])).shape).toEqual([0]);
  });

  it('rejects a bad axis, a scalar, an empty axis and what is not a tensor, naming the shape', () => {
    const t = tensor([[1, 2, 3]]);
    expect(() => argMax(t, 2)).toThrow(ShapeError);
    expect(() => argMax(t, 2)).toThrow('argMax: axis 2 is out of range for shape [1, 3]: expected an axis in [-2, 1]');
    expect(() => argMax(t, -3)).toThrow('argMax: axis -3 is out of range for shape [1, 3]');
    expect(() => argMax(t, 0.5)).toThrow(ConfigError);
    expect(() => argMax(t, 0.5)).toThrow('argMax: axis must be an integer, got 0.5');
    expect(() => argMax(t, '1' as never)).toThrow("argMax: axis must be an integer, got '1'");
    expect(() => argMax(reshape(tensor([1]), []))).toThrow('argMax: a scalar (shape []) has no axis to reduce');
    expect(() => argMax(zeros([2, 0]))).toThrow('argMax: axis -1 of shape [2, 0] has length 0: there is no maximum');
    expect(() => argMax([1, 2] as never)).toThrow(DataError);
  });
});
