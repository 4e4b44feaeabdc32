import { oneHot } from '../../../lib/data/one-hot';
import { ConfigError, DataError, ShapeError } from '../../../lib/errors';
import { dtypeOf, tensor, toArray } from '../../../lib/tensor';

describe('oneHot', () => {
  it('encodes a number[] with numClasses = max + 1 by default', () => {
    // labels [0, 2, 1]: max 2, so 3 classes; row i has a 1 in column labels[i].
    const y = oneHot([0, 2, 1]);
    expect(y.shape).toEqual([3, 3]);
    expect(dtypeOf(y)).toBe('float32');
    expect(toArray(y)).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it('pads to an explicit numClasses and honours dtype', () => {
    const y = oneHot([1, 1], 4, 'float64');
    expect(dtypeOf(y)).toBe('float64');
    expect(toArray(y)).toEqual([[0, 1, 0, 0], [0, 1, 0, 0]]);
  });

  it('accepts typed integer arrays and tensors [N] and [N, 1]', () => {
    const expected = [[0, 0, 1], [1, 0, 0]];
    expect(toArray(oneHot(Int32Array.from([2, 0])))).toEqual(expected);
    expect(toArray(oneHot(Uint8Array.from([2, 0])))).toEqual(expected);
    expect(toArray(oneHot(tensor([2, 0])))).toEqual(expected);
    expect(toArray(oneHot(tensor([[2], [0]])))).toEqual(expected);
  });

  it('reads a strided view of labels through its stride', () => {
    // Column 1 of [[9, 2], [9, 0]] is the view [2, 0] with stride 2.
    const view = tensor([[9, 2], [9, 0]]).pick(null, 1);
    expect(toArray(oneHot(view, 3))).toEqual([[0, 0, 1], [1, 0, 0]]);
  });

  it('returns [0, numClasses] for no labels when numClasses is given', () => {
    expect(oneHot([], 3).shape).toEqual([0, 3]);
    expect(() => oneHot([])).toThrow(/cannot infer numClasses from 0 labels/);
  });

  it('names the first bad index and value', () => {
    expect(() => oneHot([0, 1.5, -1])).toThrow(DataError);
    expect(() => oneHot([0, 1.5, -1])).toThrow(/index 1 is 1.5/);
    expect(() => oneHot([0, 1, -1])).toThrow(/index 2 is -1/);
    expect(() => oneHot([0, NaN])).toThrow(/index 1 is NaN/);
    expect(() => oneHot([0, 3, 5], 3)).toThrow(/index 1 is 3, expected an integer in \[0, 3\)/);
  });

  it('rejects a bad numClasses and a labels tensor of the wrong shape', () => {
    expect(() => oneHot([0], 0)).toThrow(ConfigError);
    expect(() => oneHot([0], 2.5)).toThrow(/numClasses must be a positive integer, got 2.5/);
    expect(() => oneHot(tensor([[0, 1], [1, 0]]))).toThrow(ShapeError);
    expect(() => oneHot(tensor([[0, 1], [1, 0]]))).toThrow(/expected \[\?\] or \[\?, 1\], got \[2, 2\]/);
  });
});
