import { erf, erfc } from '../../../layers/activations/erf';

describe('erf and erfc (Cody)', () => {
  // Reference values from mpmath at 40 digits, rounded to double.
  const cases: [number, number, number][] = [
    // x, erf(x), erfc(x)
    [0.1, 0.1124629160182849, 0.8875370839817152],
    [0.46875, 0.49261347321793797, 0.507386526782062],
    [1, 0.8427007929497149, 0.15729920705028513],
    [2.5, 0.999593047982555, 4.069520174449589e-4],
    [4, 0.9999999845827421, 1.541725790028002e-8],
    [5, 0.9999999999984626, 1.537459794428035e-12],
    [10, 1, 2.088487583762545e-45],
  ];
  it.each(cases)('at %p: erf and erfc agree with the reference to ~1e-15 relative', (x, e, c) => {
    expect(Math.abs(erf(x) - e)).toBeLessThanOrEqual(2e-16 * Math.abs(e) + 1e-300);
    expect(Math.abs(erf(-x) + e)).toBeLessThanOrEqual(2e-16 * Math.abs(e) + 1e-300);
    expect(Math.abs(erfc(x) - c)).toBeLessThanOrEqual(2e-15 * c);
    expect(Math.abs(erfc(-x) - (2 - c))).toBeLessThanOrEqual(4e-16);
  });

  it('is exact at 0 and saturates far out', () => {
    expect(erf(0)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erf(30)).toBe(1);
    expect(erfc(30)).toBe(0);
    expect(erfc(-30)).toBe(2);
  });

  it('its derivative 2/√π·e^(−x²) matches central differences closely (no approximation ripple)', () => {
    const h = 1e-6;
    const slope = (x: number): number => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x);
    // erf where its slope is not tiny; erfc (which keeps relative precision) in the tail.
    for (const x of [-2.2, -0.7, -0.3, 0.2, 0.46, 0.48, 1.3]) {
      expect(Math.abs((erf(x + h) - erf(x - h)) / (2 * h) - slope(x)) / slope(x)).toBeLessThan(1e-8);
    }
    for (const x of [2.5, 3.9, 4.1, 6]) {
      expect(Math.abs((erfc(x - h) - erfc(x + h)) / (2 * h) - slope(x)) / slope(x)).toBeLessThan(1e-8);
    }
  });
});
