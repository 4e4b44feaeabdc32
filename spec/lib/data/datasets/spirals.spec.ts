import { spirals } from '../../../../lib/data/datasets/spirals';
import { ConfigError } from '../../../../lib/errors';
import { dtypeOf, toArray } from '../../../../lib/tensor';

describe('spirals', () => {
  it('gives x [N, 2] in the unit disc and class indices y [N] with the default 300 samples and 2 classes', () => {
    const data = spirals({ seed: 0 });
    expect(data.x.shape).toEqual([300, 2]);
    expect(data.y.shape).toEqual([300]);
    const y = toArray(data.y) as number[];
    expect(y.filter((c) => c === 0).length).toBe(150);
    expect(y.filter((c) => c === 1).length).toBe(150);
    (toArray(data.x) as number[][]).forEach(([a, b]) => expect(Math.hypot(a, b)).toBeLessThanOrEqual(1 + 1e-6));
  });

  it('splits an uneven N between K classes and is reproducible by seed', () => {
    const a = spirals({ nSamples: 100, nClasses: 3, seed: 'spiral' });
    const y = toArray(a.y) as number[];
    expect([0, 1, 2].map((c) => y.filter((v) => v === c).length)).toEqual([34, 33, 33]);
    const b = spirals({ nSamples: 100, nClasses: 3, seed: 'spiral' });
    expect(toArray(b.x)).toEqual(toArray(a.x));
    expect(toArray(b.y)).toEqual(toArray(a.y));
    expect(toArray(spirals({ nSamples: 100, nClasses: 3, seed: 'other' }).x)).not.toEqual(toArray(a.x));
  });

  it('without noise, puts point k of arm c at radius k/(n−1) and angle 4c + 4k/(n−1)', () => {
    // CS231n: r = linspace(0, 1, n), t = linspace(4c, 4(c + 1), n), x = (r sin t, r cos t).
    const n = 5;
    const { x, y } = spirals({ nSamples: 2 * n, nClasses: 2, noise: 0, shuffle: false, dtype: 'float64' });
    expect(dtypeOf(x)).toBe('float64');
    expect(toArray(y)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    (toArray(x) as number[][]).forEach(([a, b], i) => {
      const c = Math.floor(i / n), k = i % n;
      const r = k / (n - 1), t = 4 * c + (4 * k) / (n - 1);
      expect(a).toBeCloseTo(r * Math.sin(t), 12);
      expect(b).toBeCloseTo(r * Math.cos(t), 12);
    });
  });

  it('rejects bad options', () => {
    expect(() => spirals({ nClasses: 0 })).toThrow(ConfigError);
    expect(() => spirals({ nSamples: 1.5 })).toThrow(/spirals: nSamples must be an integer >= 1, got 1.5/);
    expect(() => spirals({ noise: -1 })).toThrow(/noise must be a finite number >= 0, got -1/);
  });
});
