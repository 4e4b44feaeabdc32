import { xor } from '../../../../lib/data/datasets/xor';
import { dtypeOf, toArray } from '../../../../lib/tensor';

describe('xor', () => {
  it('gives the four XOR points with y = x1 XOR x2', () => {
    const { x, y } = xor();
    expect(x.shape).toEqual([4, 2]);
    expect(y.shape).toEqual([4, 1]);
    expect(toArray(x)).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    (toArray(x) as number[][]).forEach(([a, b], i) => expect((toArray(y) as number[][])[i]).toEqual([a ^ b]));
  });

  it('honours dtype', () => {
    const { x, y } = xor({ dtype: 'float64' });
    expect(dtypeOf(x)).toBe('float64');
    expect(dtypeOf(y)).toBe('float64');
  });
});
