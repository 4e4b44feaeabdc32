import ndarray from 'ndarray';
import { Random } from '../../../../lib/random';
import type { Tensor } from '../../../../lib/tensor';
import { expectMatchesReference, randomMatrix, referenceProduct } from '../../../helpers/matmul-reference';

type MatmulModule = typeof import('../../../../lib/kernels/matmul');
type BackendModule = typeof import('../../../../lib/kernels/backend');
type WasmModule = typeof import('../../../../lib/kernels/wasm/gemm-wasm');
type ErrorsModule = typeof import('../../../../lib/errors');
interface Kernels {
  matmul: MatmulModule;
  backend: BackendModule;
  wasm: WasmModule;
  errors: ErrorsModule;
}

/**
 * Fresh copies of the kernel modules (and of the error classes they throw), so each test
 * starts with the WebAssembly module not loaded yet.
 */
function freshKernels(): Kernels {
  let modules: Kernels | undefined;
  jest.isolateModules(() => {
    modules = {
      matmul: require('../../../../lib/kernels/matmul') as MatmulModule,
      backend: require('../../../../lib/kernels/backend') as BackendModule,
      wasm: require('../../../../lib/kernels/wasm/gemm-wasm') as WasmModule,
      errors: require('../../../../lib/errors') as ErrorsModule,
    };
  });
  if (!modules) throw new Error('isolateModules did not run');
  return modules;
}

/** Multiplies seeded `[M, K]·[K, N]` float32 matrices with `matmul` and checks them against the float64 triple loop. */
function expectCorrectProduct(matmul: MatmulModule['matmul'], M: number, K: number, N: number, transposeA = false): Tensor {
  const rng = new Random(`${M}-${K}-${N}`);
  const a = transposeA ? randomMatrix(K, M, rng, 'float32').transpose(1, 0) : randomMatrix(M, K, rng, 'float32');
  const b = randomMatrix(K, N, rng, 'float32');
  const out = ndarray(new Float32Array(M * N).fill(NaN), [M, N]);
  matmul(out, a, b);
  expectMatchesReference(out, referenceProduct(a, b), (K + 2) * 2 ** -24);
  return out;
}

afterEach(() => jest.restoreAllMocks());

describe('the WebAssembly GEMM loader', () => {
  test('loads synchronously in Node and reports itself ready', () => {
    const { wasm } = freshKernels();
    expect(wasm.isWasmReady()).toBe(false);
    expect(wasm.loadWasmSync()).toBe(true);
    expect(wasm.isWasmReady()).toBe(true);
  });

  test('reports ready once the shared kernel heap runs products, with the one-thread module never loaded', () => {
    let modules: { heap: typeof import('../../../../lib/kernels/wasm/kernel-heap'); wasm: WasmModule } | undefined;
    jest.isolateModules(() => {
      modules = {
        heap: require('../../../../lib/kernels/wasm/kernel-heap'),
        wasm: require('../../../../lib/kernels/wasm/gemm-wasm') as WasmModule,
      };
    });
    const { heap, wasm } = modules as NonNullable<typeof modules>;
    expect(wasm.isWasmReady()).toBe(false);
    expect(heap.kernelHeap()).not.toBeNull();
    expect(wasm.isWasmReady()).toBe(true);
  });

  test('initWasm resolves true, and again when already loaded', async () => {
    const { wasm } = freshKernels();
    await expect(wasm.initWasm()).resolves.toBe(true);
    await expect(wasm.initWasm()).resolves.toBe(true);
  });

  test('grows its memory for a bigger product and keeps computing correctly before and after', () => {
    const { matmul, backend, wasm } = freshKernels();
    backend.setKernelBackend('wasm');
    expectCorrectProduct(matmul.matmul, 8, 8, 8);
    const grow = jest.spyOn(WebAssembly.Memory.prototype, 'grow');
    // Three 200×200 float32 matrices (~470 KiB) and the 576 KiB packing workspace do not fit the
    // ~0.7 MiB the memory has after the 96×96×96 warm-up.
    expectCorrectProduct(matmul.matmul, 200, 200, 200, true);
    expect(grow).toHaveBeenCalled();
    expectCorrectProduct(matmul.matmul, 5, 9, 7);
    expect(wasm.isWasmReady()).toBe(true);
  });

  test('falls back to the TypeScript kernel when its memory cannot grow', () => {
    const { matmul, backend, wasm } = freshKernels();
    backend.setKernelBackend('wasm');
    jest.spyOn(WebAssembly.Memory.prototype, 'grow').mockImplementation(() => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    });
    const viaWasm = jest.spyOn(wasm, 'matmulWasm');
    expectCorrectProduct(matmul.matmul, 200, 150, 100);
    expect(viaWasm).toHaveReturnedWith(false);
  });
});

describe('where WebAssembly SIMD is unavailable', () => {
  test('reports unavailable, and matmul still computes everything in TypeScript', async () => {
    jest.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    const { matmul, wasm } = freshKernels();
    expect(wasm.loadWasmSync()).toBe(false);
    await expect(wasm.initWasm()).resolves.toBe(false);
    expectCorrectProduct(matmul.matmul, 33, 17, 25);
    expectCorrectProduct(matmul.matmul, 64, 50, 40, true);
  });

  test("setKernelBackend('wasm') throws a ConfigError that says why", () => {
    jest.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    const { backend, errors } = freshKernels();
    expect(() => backend.setKernelBackend('wasm')).toThrow(errors.ConfigError);
    expect(() => backend.setKernelBackend('wasm')).toThrow(/'wasm' is unavailable.*lacks WebAssembly SIMD.*initWasm/);
    expect(backend.getKernelBackend()).toBe('auto');
  });
});

describe('where synchronous compilation is refused (a browser main thread)', () => {
  test('matmul uses TypeScript until initWasm has loaded the module asynchronously', async () => {
    const { matmul, backend, wasm, errors } = freshKernels();
    const refuse = jest.spyOn(WebAssembly, 'Module').mockImplementation(() => {
      throw new RangeError('WebAssembly.Module(): Buffer size is over the limit for synchronous compilation');
    });
    expect(wasm.loadWasmSync()).toBe(false);
    expectCorrectProduct(matmul.matmul, 20, 30, 40);
    expect(() => backend.setKernelBackend('wasm')).toThrow(errors.ConfigError);
    refuse.mockRestore();

    await expect(wasm.initWasm()).resolves.toBe(true);
    backend.setKernelBackend('wasm');
    const viaWasm = jest.spyOn(wasm, 'matmulWasm');
    expectCorrectProduct(matmul.matmul, 20, 30, 40);
    expect(viaWasm).toHaveReturnedWith(true);
  });
});
