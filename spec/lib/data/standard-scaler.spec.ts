import { StandardScaler } from '../../../lib/data/standard-scaler';
import { DataError, ShapeError, StateError } from '../../../lib/errors';
import { Random } from '../../../lib/random';
import { dtypeOf, tensor, toArray, type Tensor } from '../../../lib/tensor';

function expectClose(actual: Tensor, expected: number[][], digits = 6): void {
  const rows = toArray(actual) as number[][];
  expect(actual.shape).toEqual([expected.length, expected[0].length]);
  rows.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], digits)));
}

describe('StandardScaler', () => {
  // Column 0: [1, 3, 5], mean 3, population variance (4 + 0 + 4)/3 = 8/3, scale √(8/3).
  // Column 1: [10, 10, 40], mean 20, variance (100 + 100 + 400)/3 = 200, scale √200 = 10√2.
  // Column 2: constant 7, so scale 1 and every z is 0.
  const x = tensor([[1, 10, 7], [3, 10, 7], [5, 40, 7]], undefined, 'float64');

  it('fits per-column mean and population std, with 1 for a constant column', () => {
    const scaler = new StandardScaler().fit(x);
    expect(scaler.mean).toEqual([3, 20, 7]);
    expect(scaler.scale[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(scaler.scale[1]).toBeCloseTo(Math.sqrt(200), 12);
    expect(scaler.scale[2]).toBe(1);
  });

  it('transforms to the hand-computed z-scores', () => {
    // (1 − 3)/√(8/3) = −√(3/2) ≈ −1.2247; (10 − 20)/(10√2) = −1/√2 ≈ −0.7071; (40 − 20)/(10√2) = √2.
    const s = Math.sqrt(1.5), r = Math.SQRT1_2;
    expectClose(new StandardScaler().fitTransform(x), [[-s, -r, 0], [0, -r, 0], [s, Math.SQRT2, 0]], 12);
  });

  it('treats a column that is constant up to rounding as constant', () => {
    // 0.1 + 0.1 + 0.1 = 0.30000000000000004, so the mean is not exactly 0.1; scikit-learn's test still calls it constant.
    const scaler = new StandardScaler().fit(tensor([[0.1], [0.1], [0.1]], undefined, 'float64'));
    expect(scaler.scale).toEqual([1]);
  });

  it('gives mean ≈ 0 and std ≈ 1 per column on random float32 data, and inverseTransform round-trips', () => {
    const rng = new Random(1);
    const data = Float32Array.from({ length: 200 * 3 }, (_, k) => rng.normal(k % 3 === 0 ? 50 : -2, (k % 3) + 0.5));
    const x32 = tensor(data, [200, 3]);
    const scaler = new StandardScaler();
    const z = scaler.fitTransform(x32);
    expect(dtypeOf(z)).toBe('float32');
    const rows = toArray(z) as number[][];
    for (let j = 0; j < 3; j++) {
      const col = rows.map((row) => row[j]);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length;
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(Math.sqrt(variance)).toBeCloseTo(1, 5);
    }
    const back = toArray(scaler.inverseTransform(z)) as number[][];
    const original = toArray(x32) as number[][];
    back.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(original[i][j], 4)));
  });

  it('reads strided views and matches their contiguous copies', () => {
    const xt = tensor([[1, 3, 5], [10, 10, 40], [7, 7, 7]], undefined, 'float64').transpose(1, 0); // equals x
    const scaler = new StandardScaler().fit(xt);
    expect(scaler.mean).toEqual([3, 20, 7]);
    expect(toArray(scaler.transform(xt))).toEqual(toArray(new StandardScaler().fitTransform(x)));
  });

  it('round-trips through toJSON and fromJSON', () => {
    const scaler = new StandardScaler().fit(x);
    const json = JSON.parse(JSON.stringify(scaler));
    expect(json.className).toBe('StandardScaler');
    const restored = StandardScaler.fromJSON(json);
    expect(restored.isFitted).toBe(true);
    expect(toArray(restored.transform(x))).toEqual(toArray(scaler.transform(x)));
    expect(new StandardScaler().toJSON()).toEqual({ className: 'StandardScaler', mean: null, scale: null });
    expect(StandardScaler.fromJSON(new StandardScaler().toJSON()).isFitted).toBe(false);
    expect(() => StandardScaler.fromJSON({ className: 'StandardScaler', mean: [1, 2], scale: [1] })).toThrow(DataError);
  });

  it('throws StateError before fit, ShapeError for wrong ranks or widths, DataError for bad data', () => {
    const scaler = new StandardScaler();
    expect(() => scaler.transform(x)).toThrow(StateError);
    expect(() => scaler.mean).toThrow(/StandardScaler.mean: the scaler is not fitted; call fit\(x\) first/);
    expect(() => scaler.fit(tensor([1, 2, 3]))).toThrow(ShapeError);
    scaler.fit(x);
    expect(() => scaler.transform(tensor([[1, 2]]))).toThrow(/expected \[\?, 3\], got \[1, 2\]/);
    expect(() => scaler.inverseTransform(tensor([[1, 2]]))).toThrow(ShapeError);
    expect(() => scaler.fit(tensor(new Float32Array(0), [0, 3]))).toThrow(DataError);
    expect(() => scaler.fit(tensor([[1, 2], [NaN, 4]]))).toThrow(/x\[1, 0\] is NaN/);
  });
});
