import { Random, setSeed, getGlobalRandom } from '../../lib/random';

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Random(5), b = new Random(5), c = new Random(6);
    const seqA = [a.uniform(), a.uniform(), a.normal()];
    expect([b.uniform(), b.uniform(), b.normal()]).toEqual(seqA);
    expect(c.uniform()).not.toBe(seqA[0]);
  });

  it('draws normals with mean 0 and standard deviation 1', () => {
    const r = new Random(1);
    const n = 20000;
    let sum = 0, sq = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(sq / n) - 1)).toBeLessThan(0.03);
  });

  it('keeps truncated normals within two standard deviations', () => {
    const r = new Random(2);
    for (let i = 0; i < 1000; i++) expect(Math.abs(r.truncatedNormal(0, 3))).toBeLessThanOrEqual(6);
  });

  it('makes permutations of 0..n-1', () => {
    const p = Array.from(new Random(3).permutation(50));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('continues exactly from a saved state', () => {
    const r = new Random(9);
    r.uniform();
    const state = r.getState();
    const next = [r.uniform(), r.uniform()];
    const s = new Random(0);
    s.setState(state);
    expect([s.uniform(), s.uniform()]).toEqual(next);
  });

  it('seeds the global generator with setSeed', () => {
    setSeed(123);
    const first = getGlobalRandom().uniform();
    setSeed(123);
    expect(getGlobalRandom().uniform()).toBe(first);
  });
});
