import ndarray from 'ndarray';
import { ShapeError } from '../../../lib/errors';
import { Dense } from '../../../layers/dense';
import { setKernelBackend, setKernelThreads } from '../../../lib/kernels/backend';
import { kernelZeros } from '../../../lib/kernels/kernel-zeros';
import { matmul, threadsUsedByLastMatmul } from '../../../lib/kernels/matmul';
import { heapAddress } from '../../../lib/kernels/wasm/kernel-heap';
import { Random } from '../../../lib/random';
import { copyInto, tensorAllocations, type Tensor } from '../../../lib/tensor';
import { expectMatchesReference, randomMatrix, referenceProduct } from '../../helpers/matmul-reference';

afterEach(() => {
  setKernelBackend('auto');
  setKernelThreads('auto');
});

/** A seeded `[rows, cols]` float32 matrix copied into the kernel heap. */
function heapMatrix(rows: number, cols: number, rng: Random): Tensor {
  return copyInto(kernelZeros([rows, cols]), randomMatrix(rows, cols, rng, 'float32'));
}

/** The same values in an ordinary (copied-in) array. */
function ordinary(t: Tensor): Tensor {
  return copyInto(ndarray(new Float32Array(t.size), t.shape.slice()), t);
}

describe('kernelZeros', () => {
  test('gives zeros where an earlier product put its copied-in operands (the scratch above the blocks of that time)', () => {
    setKernelThreads(1);
    const rng = new Random(12);
    // A heap output with ordinary operands: the operands are copied to the scratch above the top block.
    const out = kernelZeros([64, 64]);
    matmul(out, randomMatrix(64, 64, rng, 'float32'), randomMatrix(64, 64, rng, 'float32'));
    const fresh = kernelZeros([2 * 64 * 64]);
    expect(heapAddress(fresh.data)).toBeGreaterThan(heapAddress(out.data));
    expect(fresh.data.every((v) => v === 0)).toBe(true);
  });

  test('gives float32 zeros in the kernel heap, counted as an allocation', () => {
    const before = tensorAllocations();
    const t = kernelZeros([3, 5]);
    expect(tensorAllocations()).toBe(before + 1);
    expect(t.shape).toEqual([3, 5]);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(Array.from(t.data)).toEqual(new Array(15).fill(0));
    expect(heapAddress(t.data)).toBeGreaterThan(0);
    expect(heapAddress(t.data) % 16).toBe(0);
  });

  test('blocks of live tensors never overlap, also across heap growth', () => {
    const a = kernelZeros([4, 4]);
    const big = kernelZeros([1024, 1024]); // 4 MiB: the memory grows
    const b = kernelZeros([4, 4]);
    a.data.fill(1);
    b.data.fill(2);
    expect(heapAddress(a.data)).toBeGreaterThanOrEqual(0);
    expect(heapAddress(b.data)).toBeGreaterThan(heapAddress(big.data));
    expect(Array.from(a.data)).toEqual(new Array(16).fill(1));
    expect(Array.from(big.data.subarray(0, 4))).toEqual([0, 0, 0, 0]);
  });

  test('a size past the heap falls back to an ordinary array, whose failure is a ShapeError', () => {
    expect(() => kernelZeros([2 ** 40])).toThrow(ShapeError);
    expect(() => kernelZeros([2 ** 40])).toThrow('cannot allocate a float32 tensor of 1099511627776 elements');
  });

  test('gives ordinary arrays for float64 and under the js backend', () => {
    const f64 = kernelZeros([2, 2], 'float64');
    expect(f64.data).toBeInstanceOf(Float64Array);
    expect(heapAddress(f64.data)).toBe(-1);
    setKernelBackend('js');
    expect(heapAddress(kernelZeros([2, 2]).data)).toBe(-1);
  });

  test('rejects a bad shape or dtype, naming itself', () => {
    expect(() => kernelZeros([2, -1])).toThrow(/kernelZeros: a shape must be an array of non-negative integers/);
    expect(() => kernelZeros([2], 'int8' as never)).toThrow(/kernelZeros: dtype must be 'float32' or 'float64'/);
  });
});

describe('matmul on kernel-heap tensors (read and written in place)', () => {
  // [M, K, N]: 1×1, odd sizes, non-multiples of the tile, and a Dense-sized product that is cut across threads.
  const shapes: [number, number, number][] = [[1, 1, 1], [5, 7, 3], [33, 17, 45], [64, 784, 128]];

  for (const threads of [1, 2]) {
    for (const [M, K, N] of shapes) {
      test(`a·b, aᵀ·b, a·bᵀ at [${M}, ${K}, ${N}] on ${threads} thread(s): bit-identical to copied operands, and correct`, () => {
        setKernelBackend('wasm');
        setKernelThreads(threads);
        const rng = new Random(`heap-${M}-${K}-${N}`);
        const forms: [Tensor, Tensor][] = [
          [heapMatrix(M, K, rng), heapMatrix(K, N, rng)],
          [heapMatrix(K, M, rng).transpose(1, 0), heapMatrix(K, N, rng)],
          [heapMatrix(M, K, rng), heapMatrix(N, K, rng).transpose(1, 0)],
        ];
        for (const [a, b] of forms) {
          const inPlace = kernelZeros([M, N]);
          matmul(inPlace, a, b);
          expect(threadsUsedByLastMatmul()).toBeGreaterThan(0);
          const copied = ndarray(new Float32Array(M * N), [M, N]);
          matmul(copied, ordinary(a), ordinary(b));
          expect(Array.from(inPlace.data)).toEqual(Array.from(copied.data));
          expectMatchesReference(inPlace, referenceProduct(a, b), (K + 2) * 2 ** -24);
        }
      });
    }
  }

  test('strided sub-views of the heap are read in place and the output written inside a wider buffer', () => {
    setKernelBackend('wasm');
    const rng = new Random('heap-views');
    const a = heapMatrix(12, 20, rng).hi(9, 15).lo(1, 2); // [8, 13], row pitch 20, offset 22
    const b = heapMatrix(13, 7, rng);
    const wide = kernelZeros([8, 11]);
    wide.data.fill(-7);
    const out = wide.hi(8, 9).lo(0, 2); // [8, 7] inside [8, 11]
    matmul(out, a, b);
    const copied = ndarray(new Float32Array(8 * 7), [8, 7]);
    matmul(copied, ordinary(a), ordinary(b));
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 11; j++) {
        expect(wide.get(i, j)).toBe(j >= 2 && j < 9 ? copied.get(i, j - 2) : -7);
      }
    }
  });
});

describe('Dense on the kernel heap', () => {
  test('keeps W, b, dW, db and its output in the heap, and still allocates nothing after warm-up', () => {
    const dense = new Dense({ units: 16, activation: 'relu', inputShape: [24] });
    const x = randomMatrix(8, 24, new Random('dense-heap'), 'float32');
    const y = dense.forward(x, true);
    dense.backward(y);
    for (const p of dense.params()) {
      expect(heapAddress(p.value.data)).toBeGreaterThanOrEqual(0);
      expect(heapAddress(p.grad.data)).toBeGreaterThanOrEqual(0);
    }
    expect(heapAddress(y.data)).toBeGreaterThanOrEqual(0);
    const before = tensorAllocations();
    dense.backward(dense.forward(x, true));
    expect(tensorAllocations()).toBe(before);
  });
});
