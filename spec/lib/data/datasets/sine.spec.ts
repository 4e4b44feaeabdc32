import { sine } from '../../../../lib/data/datasets/sine';
import { ConfigError } from '../../../../lib/errors';
import { dtypeOf, toArray, type Tensor } from '../../../../lib/tensor';

const column = (t: Tensor) => (toArray(t) as number[][]).map(([v]) => v);

describe('sine', () => {
  it('gives x [N, 1] in the default range [−π, π) and y [N, 1]', () => {
    const { x, y } = sine({ nSamples: 50, seed: 0 });
    expect(x.shape).toEqual([50, 1]);
    expect(y.shape).toEqual([50, 1]);
    column(x).forEach((v) => {
      expect(v).toBeGreaterThanOrEqual(-Math.PI - 1e-6);
      expect(v).toBeLessThan(Math.PI + 1e-6);
    });
  });

  it('with noise 0, gives y = sin(x) in the requested range', () => {
    const { x, y } = sine({ nSamples: 30, noise: 0, xRange: [0, 10], seed: 1, dtype: 'float64' });
    expect(dtypeOf(y)).toBe('float64');
    const xs = column(x), ys = column(y);
    xs.forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
      expect(ys[i]).toBe(Math.sin(v));
    });
  });

  it('adds noise with the requested standard deviation', () => {
    const { x, y } = sine({ nSamples: 4000, noise: 0.3, seed: 2, dtype: 'float64' });
    const xs = column(x), ys = column(y);
    const residuals = ys.map((v, i) => v - Math.sin(xs[i]));
    const std = Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / residuals.length);
    expect(std).toBeCloseTo(0.3, 1);
  });

  it('is reproducible by seed', () => {
    expect(toArray(sine({ seed: 3 }).y)).toEqual(toArray(sine({ seed: 3 }).y));
    expect(toArray(sine({ seed: 3 }).x)).not.toEqual(toArray(sine({ seed: 4 }).x));
  });

  it('rejects bad options', () => {
    expect(() => sine({ nSamples: 0 })).toThrow(ConfigError);
    expect(() => sine({ xRange: [1, -1] })).toThrow(/sine: xRange must be finite \[low, high\] with low < high, got \[1, -1\]/);
  });
});
