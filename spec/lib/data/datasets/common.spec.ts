import { linspace, makeDataset, splitCount } from '../../../../lib/data/datasets/common';
import { Random } from '../../../../lib/random';
import { toArray } from '../../../../lib/tensor';

describe('dataset helpers', () => {
  it('linspace matches numpy, with and without the endpoint', () => {
    // np.linspace(0, 1, 5) and np.linspace(0, 2π, 4, endpoint=False).
    expect(Array.from(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(linspace(0, 2 * Math.PI, 4, false))).toEqual([0, Math.PI / 2, Math.PI, 1.5 * Math.PI]);
    expect(Array.from(linspace(3, 7, 1))).toEqual([3]);
  });

  it('splitCount gives the remainder to the first parts, as make_blobs', () => {
    expect(splitCount(10, 3)).toEqual([4, 3, 3]);
    expect(splitCount(2, 3)).toEqual([1, 1, 0]);
  });

  it('makeDataset keeps each x row with its y when shuffling', () => {
    const x = Float64Array.from([0, 0, 1, 10, 2, 20, 3, 30]);
    const y = Float64Array.from([0, 1, 2, 3]);
    const data = makeDataset(x, y, 2, [], new Random(0), true, 'float32');
    const xs = toArray(data.x) as number[][];
    const ys = toArray(data.y) as number[];
    expect([...ys].sort()).toEqual([0, 1, 2, 3]);
    ys.forEach((i, r) => expect(xs[r]).toEqual([i, 10 * i]));
  });
});
