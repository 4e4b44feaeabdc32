import { circles } from '../../../../lib/data/datasets/circles';
import { ConfigError } from '../../../../lib/errors';
import { toArray } from '../../../../lib/tensor';

describe('circles', () => {
  it('gives x [N, 2] and y [N] in {0, 1}, ⌊N/2⌋ on the outer circle', () => {
    const { x, y } = circles({ nSamples: 99, noise: 0.05, seed: 0 });
    expect(x.shape).toEqual([99, 2]);
    expect(y.shape).toEqual([99]);
    const labels = toArray(y) as number[];
    expect(labels.filter((c) => c === 0).length).toBe(49);
    expect(labels.filter((c) => c === 1).length).toBe(50);
  });

  it('without noise, puts class 0 at radius 1 and class 1 at radius factor', () => {
    const { x, y } = circles({ nSamples: 60, factor: 0.3, seed: 2 });
    const labels = toArray(y) as number[];
    (toArray(x) as number[][]).forEach(([a, b], i) => {
      expect(Math.hypot(a, b)).toBeCloseTo(labels[i] === 0 ? 1 : 0.3, 5);
    });
  });

  it('with noise, keeps the mean inner radius ≈ factor · the mean outer radius', () => {
    const { x, y } = circles({ nSamples: 2000, noise: 0.02, factor: 0.5, seed: 3 });
    const labels = toArray(y) as number[];
    const radii = [[], []] as number[][];
    (toArray(x) as number[][]).forEach(([a, b], i) => radii[labels[i]].push(Math.hypot(a, b)));
    const mean = (v: number[]) => v.reduce((s, r) => s + r, 0) / v.length;
    expect(mean(radii[1]) / mean(radii[0])).toBeCloseTo(0.5, 2);
  });

  it('is reproducible by seed', () => {
    expect(toArray(circles({ noise: 0.1, seed: 9 }).x)).toEqual(toArray(circles({ noise: 0.1, seed: 9 }).x));
    expect(toArray(circles({ noise: 0.1, seed: 9 }).x)).not.toEqual(toArray(circles({ noise: 0.1, seed: 8 }).x));
  });

  it('rejects a factor outside [0, 1)', () => {
    expect(() => circles({ factor: 1 })).toThrow(ConfigError);
    expect(() => circles({ factor: -0.1 })).toThrow(/circles: factor must be in \[0, 1\), got -0.1/);
  });
});
