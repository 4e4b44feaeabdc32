import { takeRows } from '../../../lib/data/take-rows';
import { dtypeOf, tensor, toArray } from '../../../lib/tensor';

describe('takeRows', () => {
  it('gathers rows of a rank-3 tensor in the given order, repeats allowed', () => {
    const t = tensor([[[1, 2]], [[3, 4]], [[5, 6]]]);
    const out = takeRows(t, [2, 0, 2]);
    expect(out.shape).toEqual([3, 1, 2]);
    expect(toArray(out)).toEqual([[[5, 6]], [[1, 2]], [[5, 6]]]);
  });

  it('gathers from a rank-1 tensor and converts the dtype', () => {
    const out = takeRows(tensor([10, 20, 30]), Int32Array.from([1]), 'float64');
    expect(dtypeOf(out)).toBe('float64');
    expect(toArray(out)).toEqual([20]);
  });

  it('gives the same result for a transposed view as for its contiguous copy', () => {
    const view = tensor([[1, 2, 3], [4, 5, 6]]).transpose(1, 0); // [[1, 4], [2, 5], [3, 6]]
    expect(toArray(takeRows(view, [2, 0]))).toEqual([[3, 6], [1, 4]]);
  });
});
