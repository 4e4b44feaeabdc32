import { blobs } from '../../../../lib/data/datasets/blobs';
import { ConfigError } from '../../../../lib/errors';
import { toArray } from '../../../../lib/tensor';

describe('blobs', () => {
  it('gives x [N, nFeatures] and y [N] in 0 … K−1, split as evenly as possible', () => {
    const { x, y } = blobs({ nSamples: 100, seed: 0 });
    expect(x.shape).toEqual([100, 2]);
    expect(y.shape).toEqual([100]);
    const labels = toArray(y) as number[];
    expect([0, 1, 2].map((c) => labels.filter((v) => v === c).length)).toEqual([34, 33, 33]);
    expect(blobs({ nSamples: 10, centers: 2, nFeatures: 5, seed: 0 }).x.shape).toEqual([10, 5]);
  });

  it('centers each cluster on its given center with the given spread', () => {
    const centers = [[0, 0], [10, -5]];
    const { x, y } = blobs({ nSamples: 2000, centers, clusterStd: [0.5, 2], seed: 4 });
    const labels = toArray(y) as number[];
    const points = toArray(x) as number[][];
    [0, 1].forEach((c) => {
      const mine = points.filter((_, i) => labels[i] === c);
      for (let f = 0; f < 2; f++) {
        const col = mine.map((p) => p[f]);
        const mean = col.reduce((a, b) => a + b, 0) / col.length;
        const std = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length);
        expect(mean).toBeCloseTo(centers[c][f], 0);
        expect(std).toBeCloseTo([0.5, 2][c], 1);
      }
    });
  });

  it('draws random centers inside centerBox, reproducibly by seed', () => {
    const a = blobs({ centers: 4, clusterStd: 0, centerBox: [2, 3], seed: 'b' });
    (toArray(a.x) as number[][]).flat().forEach((v) => {
      expect(v).toBeGreaterThanOrEqual(2);
      expect(v).toBeLessThan(3);
    });
    expect(toArray(blobs({ centers: 4, clusterStd: 0, centerBox: [2, 3], seed: 'b' }).x)).toEqual(toArray(a.x));
    expect(toArray(blobs({ seed: 'c' }).x)).not.toEqual(toArray(blobs({ seed: 'b' }).x));
  });

  it('rejects inconsistent options', () => {
    expect(() => blobs({ centers: 0 })).toThrow(ConfigError);
    expect(() => blobs({ centers: [[0, 0], [1]] })).toThrow(/row lengths \[2, 1\]/);
    expect(() => blobs({ centers: [[0, 0]], nFeatures: 3 })).toThrow(/expected 2, got 3/);
    expect(() => blobs({ centers: 3, clusterStd: [1, 2] })).toThrow(/3 of them \(one per center\), got \[1, 2\]/);
    expect(() => blobs({ clusterStd: -1 })).toThrow(ConfigError);
    expect(() => blobs({ centerBox: [1, 1] })).toThrow(/centerBox must be finite/);
  });
});
