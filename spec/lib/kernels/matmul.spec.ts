import ndarray from 'ndarray';
import { getKernelBackend, setKernelBackend, type KernelBackend } from '../../../lib/kernels/backend';
import { matmul, WASM_MIN_MULTIPLY_ADDS } from '../../../lib/kernels/matmul';
import * as gemmWasm from '../../../lib/kernels/wasm/gemm-wasm';
import { Random } from '../../../lib/random';
import type { DType, Tensor } from '../../../lib/tensor';
import { expectMatchesReference, randomMatrix, referenceProduct } from '../../helpers/matmul-reference';

/** float32's unit roundoff. A length-K sum in any order is within (K−1)·u·Σ|terms| (Higham's γ), plus u for the products and u for the final rounding. */
const F32_UNIT = 2 ** -24;
const f32Bound = (K: number): number => (K + 2) * F32_UNIT;
/** float64 in any summation order: far below 1e-12 of Σ|terms| for these sizes. */
const F64_BOUND = 1e-12;

/** Which operands are `transpose(1, 0)` views of row-major storage (the Dense products: a·b, aᵀ·b, a·bᵀ). */
type Form = 'a·b' | 'aᵀ·b' | 'a·bᵀ' | 'aᵀ·bᵀ';
const FORMS: readonly Form[] = ['a·b', 'aᵀ·b', 'a·bᵀ', 'aᵀ·bᵀ'];
const BACKENDS: readonly KernelBackend[] = ['js', 'wasm', 'auto'];

/** 1×1, vectors, odd sizes, non-multiples of the 5×8 and 4×4 tiles, a depth over one 256 block, and the MNIST first layer. */
const SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1], [1, 7, 1], [3, 1, 5], [1, 9, 13], [5, 7, 3], [4, 8, 8], [7, 13, 9], [17, 33, 19], [9, 300, 11], [64, 784, 128],
];

function operands(form: Form, M: number, K: number, N: number, rng: Random, dtype: DType): [Tensor, Tensor] {
  const a = form === 'aᵀ·b' || form === 'aᵀ·bᵀ' ? randomMatrix(K, M, rng, dtype).transpose(1, 0) : randomMatrix(M, K, rng, dtype);
  const b = form === 'a·bᵀ' || form === 'aᵀ·bᵀ' ? randomMatrix(N, K, rng, dtype).transpose(1, 0) : randomMatrix(K, N, rng, dtype);
  return [a, b];
}

function output(M: number, N: number, dtype: DType): Tensor {
  // NaN-filled, so an entry the kernel forgets to write fails the comparison.
  const data = dtype === 'float64' ? new Float64Array(M * N) : new Float32Array(M * N);
  return ndarray(data.fill(NaN), [M, N]);
}

afterEach(() => setKernelBackend('auto'));

describe('matmul float32, every backend, against a float64 triple loop', () => {
  const cases = SHAPES.flatMap((shape) => FORMS.map((form) => [form, shape] as const));
  test.each(cases)('%s with [M, K, N] = %j', (form, [M, K, N]) => {
    const [a, b] = operands(form, M, K, N, new Random(`${form}${M}-${K}-${N}`), 'float32');
    const reference = referenceProduct(a, b);
    for (const backend of BACKENDS) {
      setKernelBackend(backend);
      const out = output(M, N, 'float32');
      expect(matmul(out, a, b)).toBe(out);
      expectMatchesReference(out, reference, f32Bound(K));
    }
  });
});

describe('matmul float64 stays float64 on every backend', () => {
  const cases = SHAPES.flatMap((shape) => FORMS.map((form) => [form, shape] as const));
  test.each(cases)('%s with [M, K, N] = %j', (form, [M, K, N]) => {
    const [a, b] = operands(form, M, K, N, new Random(`f64${form}${M}-${K}-${N}`), 'float64');
    const reference = referenceProduct(a, b);
    for (const backend of BACKENDS) {
      setKernelBackend(backend);
      const out = output(M, N, 'float64');
      matmul(out, a, b);
      expectMatchesReference(out, reference, F64_BOUND);
    }
  });

  test('keeps bits float32 cannot hold', () => {
    // (1 + 2⁻⁴⁰)·1 + 2⁻⁴⁰·1 = 1 + 2⁻³⁹ exactly in float64; float32 would round it to 1.
    const a = ndarray(new Float64Array([1 + 2 ** -40, 2 ** -40]), [1, 2]);
    const b = ndarray(new Float64Array([1, 1]), [2, 1]);
    for (const backend of BACKENDS) {
      setKernelBackend(backend);
      const out = output(1, 1, 'float64');
      matmul(out, a, b);
      expect(out.data[0]).toBe(1 + 2 ** -39);
    }
  });
});

describe('matmul on views with offsets and awkward strides', () => {
  const [M, K, N] = [11, 21, 13];
  /** `[rows, cols]` cut from the middle of a bigger row-major matrix: non-zero offset, row stride > cols. */
  const window = (rows: number, cols: number, rng: Random, dtype: DType): Tensor =>
    randomMatrix(rows + 3, cols + 5, rng, dtype).hi(rows + 2, cols + 3).lo(2, 3);

  const views: readonly [string, (rng: Random, dtype: DType) => [Tensor, Tensor]][] = [
    ['lo/hi windows', (rng, dtype) => [window(M, K, rng, dtype), window(K, N, rng, dtype)]],
    ['transposed windows', (rng, dtype) => [window(K, M, rng, dtype).transpose(1, 0), window(N, K, rng, dtype).transpose(1, 0)]],
    ['every other column', (rng, dtype) => [randomMatrix(M, 2 * K, rng, dtype).step(1, 2), randomMatrix(K, 2 * N, rng, dtype).step(1, 2)]],
    ['reversed rows', (rng, dtype) => [randomMatrix(M, K, rng, dtype).step(-1, 1), randomMatrix(K, N, rng, dtype).step(-1, 1)]],
  ];
  const outputs: readonly [string, (dtype: DType) => Tensor][] = [
    ['a window of a bigger output', (dtype) => output(M + 2, N + 4, dtype).hi(M + 1, N + 2).lo(1, 2)],
    ['a transposed output', (dtype) => output(N, M, dtype).transpose(1, 0)],
  ];

  for (const dtype of ['float32', 'float64'] as const) {
    for (const [viewName, make] of views) {
      test.each(outputs)(`${dtype} ${viewName} into %s`, (_, makeOut) => {
        const [a, b] = make(new Random(`${dtype}${viewName}`), dtype);
        const reference = referenceProduct(a, b);
        for (const backend of BACKENDS) {
          setKernelBackend(backend);
          const out = makeOut(dtype);
          matmul(out, a, b);
          expectMatchesReference(out, reference, dtype === 'float32' ? f32Bound(K) : F64_BOUND);
        }
      });
    }
  }

  test('an empty depth gives zeros, and empty outputs are left alone', () => {
    for (const backend of BACKENDS) {
      setKernelBackend(backend);
      const out = output(2, 3, 'float32');
      matmul(out, ndarray(new Float32Array(0), [2, 0]), ndarray(new Float32Array(0), [0, 3]));
      expect(Array.from(out.data)).toEqual([0, 0, 0, 0, 0, 0]);
      const empty = output(0, 3, 'float32');
      expect(matmul(empty, ndarray(new Float32Array(0), [0, 4]), ndarray(new Float32Array(12), [4, 3]))).toBe(empty);
    }
  });
});

describe('matmul dispatch', () => {
  const spy = jest.spyOn(gemmWasm, 'matmulWasm');
  beforeEach(() => spy.mockClear());
  afterAll(() => spy.mockRestore());

  const run = (M: number, K: number, N: number, dtype: DType): void => {
    const rng = new Random(M * K * N);
    matmul(output(M, N, dtype), randomMatrix(M, K, rng, dtype), randomMatrix(K, N, rng, dtype));
  };

  test("'auto' keeps products under the crossover in TypeScript and sends bigger float32 ones to WebAssembly", () => {
    expect(getKernelBackend()).toBe('auto');
    expect(2 * 3 * 4).toBeLessThan(WASM_MIN_MULTIPLY_ADDS);
    run(2, 3, 4, 'float32');
    expect(spy).not.toHaveBeenCalled();
    expect(16 * 16 * 16).toBeGreaterThanOrEqual(WASM_MIN_MULTIPLY_ADDS);
    run(16, 16, 16, 'float32');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test("'wasm' takes every float32 product and no float64 one; 'js' takes none", () => {
    setKernelBackend('wasm');
    run(2, 3, 4, 'float32');
    run(16, 16, 16, 'float64');
    expect(spy).toHaveBeenCalledTimes(1);
    setKernelBackend('js');
    run(16, 16, 16, 'float32');
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
