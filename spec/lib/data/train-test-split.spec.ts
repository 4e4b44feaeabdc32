import fc from 'fast-check';
import { trainTestSplit } from '../../../lib/data/train-test-split';
import { ConfigError, DataError, ShapeError } from '../../../lib/errors';
import { setSeed } from '../../../lib/random';
import { tensor, toArray, type Tensor } from '../../../lib/tensor';

/** x row i is [i, 10i] and y row i is i, so every row names the sample it came from. */
function indexed(n: number): { x: Tensor; y: Tensor } {
  return {
    x: tensor(Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 : 10 * ((k - 1) / 2))), [n, 2]),
    y: tensor(Float32Array.from({ length: n }, (_, i) => i), [n]),
  };
}

const ids = (t: Tensor): number[] => toArray(t) as number[];

describe('trainTestSplit', () => {
  it('splits 20 samples into 15 + 5 by default, disjoint, covering all, pairs kept', () => {
    const { x, y } = indexed(20);
    const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, y, { seed: 3 });
    expect(xTrain.shape).toEqual([15, 2]);
    expect(xTest.shape).toEqual([5, 2]);
    expect(yTrain.shape).toEqual([15]);
    expect(yTest.shape).toEqual([5]);
    const all = [...ids(yTrain), ...ids(yTest)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Each x row still belongs to its y: x = [i, 10i] beside y = i.
    const xs = toArray(xTrain) as number[][];
    ids(yTrain).forEach((i, r) => expect(xs[r]).toEqual([i, 10 * i]));
  });

  it('rounds a fractional test size up, and takes a whole number as a count', () => {
    const { x, y } = indexed(10);
    expect(trainTestSplit(x, y, { testSize: 0.21, seed: 0 }).xTest.shape[0]).toBe(3); // ⌈2.1⌉
    expect(trainTestSplit(x, y, { testSize: 4, seed: 0 }).xTest.shape[0]).toBe(4);
  });

  it('gives the same split for the same seed and a different one for another seed', () => {
    const { x, y } = indexed(50);
    const a = trainTestSplit(x, y, { seed: 'abc' });
    const b = trainTestSplit(x, y, { seed: 'abc' });
    const c = trainTestSplit(x, y, { seed: 'abd' });
    expect(ids(a.yTest)).toEqual(ids(b.yTest));
    expect(toArray(a.xTrain)).toEqual(toArray(b.xTrain));
    expect(ids(a.yTest)).not.toEqual(ids(c.yTest));
  });

  it('draws its seed from the global generator when none is given', () => {
    const { x, y } = indexed(50);
    setSeed(7);
    const a = trainTestSplit(x, y);
    setSeed(7);
    const b = trainTestSplit(x, y);
    expect(ids(a.yTest)).toEqual(ids(b.yTest));
  });

  it('without shuffling, trains on the first rows and tests on the last', () => {
    const { x, y } = indexed(8);
    const { yTrain, yTest } = trainTestSplit(x, y, { testSize: 0.25, shuffle: false });
    expect(ids(yTrain)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ids(yTest)).toEqual([6, 7]);
  });

  it('works for rank 1 and rank 3, and for views', () => {
    const x = tensor(Float32Array.from({ length: 24 }, (_, k) => k), [6, 2, 2]);
    const y = tensor([[0, 1, 2, 3, 4, 5]]).transpose(1, 0); // a [6, 1] view
    const { xTest, yTest } = trainTestSplit(x, y, { testSize: 2, seed: 1 });
    expect(xTest.shape).toEqual([2, 2, 2]);
    expect(yTest.shape).toEqual([2, 1]);
    (toArray(yTest) as number[][]).forEach(([i], r) => {
      expect((toArray(xTest) as number[][][])[r]).toEqual([[4 * i, 4 * i + 1], [4 * i + 2, 4 * i + 3]]);
    });
    expect(trainTestSplit(tensor([1, 2, 3, 4]), tensor([1, 2, 3, 4]), { seed: 0 }).xTrain.shape).toEqual([3]);
  });

  it('partitions any N for any valid test size (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 40 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.nat(), (n, testSize, seed) => {
      const { x, y } = indexed(n);
      const nTest = Math.ceil(testSize * n);
      fc.pre(nTest < n);
      const split = trainTestSplit(x, y, { testSize, seed });
      expect(split.yTest.shape[0]).toBe(nTest);
      expect(new Set([...ids(split.yTrain), ...ids(split.yTest)]).size).toBe(n);
    }), { seed: 42, numRuns: 50 });
  });

  it('rejects mismatched, empty and rank-0 data', () => {
    expect(() => trainTestSplit(indexed(5).x, indexed(4).y)).toThrow(DataError);
    expect(() => trainTestSplit(indexed(5).x, indexed(4).y)).toThrow(/x \[5, 2\] has 5, y \[4\] has 4/);
    expect(() => trainTestSplit(tensor(new Float32Array(0), [0, 2]), tensor([]))).toThrow(/empty/);
    expect(() => trainTestSplit(tensor(1), tensor(1))).toThrow(ShapeError);
  });

  it('rejects a bad testSize naming it', () => {
    const { x, y } = indexed(4);
    for (const testSize of [0, -0.5, 1.5, NaN, 4, 10]) {
      expect(() => trainTestSplit(x, y, { testSize })).toThrow(ConfigError);
    }
    expect(() => trainTestSplit(x, y, { testSize: 1.5 })).toThrow(/testSize must be a fraction in \(0, 1\).*got 1.5/);
    expect(() => trainTestSplit(x, y, { testSize: 4 })).toThrow(/leaves no training samples.*at most 3 of the 4 samples, got 4/);
    expect(() => trainTestSplit(indexed(1).x, indexed(1).y)).toThrow(/leaves no training samples/);
  });
});
