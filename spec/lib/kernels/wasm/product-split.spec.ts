import fc from 'fast-check';
import { splitProduct } from '../../../../lib/kernels/wasm/product-split';

describe('splitProduct', () => {
  test('cuts the longer side into aligned, contiguous, non-empty blocks covering it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 8 }), (M, N, threads) => {
        const { axis, blocks } = splitProduct(M, N, threads);
        expect(axis).toBe(M >= N ? 'rows' : 'columns');
        const length = axis === 'rows' ? M : N;
        const unit = axis === 'rows' ? 4 : 16;
        expect(blocks.length).toBeGreaterThanOrEqual(1);
        expect(blocks.length).toBeLessThanOrEqual(Math.min(threads, Math.ceil(length / unit)));
        let next = 0;
        for (const { start, count } of blocks) {
          expect(start).toBe(next);
          expect(start % unit).toBe(0);
          expect(count).toBeGreaterThan(0);
          next = start + count;
        }
        expect(next).toBe(length);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  test('halves known shapes: rows of the Xᵀ·dZ product, columns of the forward product', () => {
    // dW = Xᵀ·dZ of Dense(784 → 128) at batch 64: C is 784 × 128, cut at row 392 (a multiple of 4).
    expect(splitProduct(784, 128, 2)).toEqual({ axis: 'rows', blocks: [{ start: 0, count: 392 }, { start: 392, count: 392 }] });
    // Z = X·W at batch 64: C is 64 × 128, cut at column 64 (a multiple of 16).
    expect(splitProduct(64, 128, 2)).toEqual({ axis: 'columns', blocks: [{ start: 0, count: 64 }, { start: 64, count: 64 }] });
    // 10 rows are 3 units of 4: blocks of 1 and 2 units, the last one cut by the edge.
    expect(splitProduct(10, 3, 2)).toEqual({ axis: 'rows', blocks: [{ start: 0, count: 4 }, { start: 4, count: 6 }] });
  });

  test('gives one block when the side has a single unit', () => {
    expect(splitProduct(3, 2, 2).blocks).toEqual([{ start: 0, count: 3 }]);
    expect(splitProduct(1, 16, 4).blocks).toEqual([{ start: 0, count: 16 }]);
  });
});
