import { moons } from '../../../../lib/data/datasets/moons';
import { ConfigError } from '../../../../lib/errors';
import { toArray } from '../../../../lib/tensor';

describe('moons', () => {
  it('gives x [N, 2] and y [N] in {0, 1}, ⌊N/2⌋ of class 0', () => {
    const { x, y } = moons({ nSamples: 101, noise: 0.1, seed: 0 });
    expect(x.shape).toEqual([101, 2]);
    expect(y.shape).toEqual([101]);
    const labels = toArray(y) as number[];
    expect(labels.filter((c) => c === 0).length).toBe(50);
    expect(labels.filter((c) => c === 1).length).toBe(51);
  });

  it('without noise, puts class 0 on the unit circle about (0, 0) and class 1 on the one about (1, 0.5)', () => {
    const { x, y } = moons({ nSamples: 40, seed: 1 });
    const labels = toArray(y) as number[];
    (toArray(x) as number[][]).forEach(([a, b], i) => {
      const [cx, cy] = labels[i] === 0 ? [0, 0] : [1, 0.5];
      expect(Math.hypot(a - cx, b - cy)).toBeCloseTo(1, 5);
      // The outer moon is the upper half circle, the inner moon the lower one.
      if (labels[i] === 0) expect(b).toBeGreaterThanOrEqual(-1e-6);
      else expect(b).toBeLessThanOrEqual(0.5 + 1e-6);
    });
  });

  it('is reproducible by seed; shuffle=false keeps class order', () => {
    const a = moons({ noise: 0.2, seed: 5 });
    expect(toArray(moons({ noise: 0.2, seed: 5 }).x)).toEqual(toArray(a.x));
    expect(toArray(moons({ noise: 0.2, seed: 6 }).x)).not.toEqual(toArray(a.x));
    expect(toArray(moons({ nSamples: 4, shuffle: false, seed: 0 }).y)).toEqual([0, 0, 1, 1]);
  });

  it('rejects bad options', () => {
    expect(() => moons({ nSamples: 1 })).toThrow(ConfigError);
    expect(() => moons({ noise: NaN })).toThrow(/moons: noise must be a finite number >= 0, got NaN/);
  });
});
