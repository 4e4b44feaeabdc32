/**
 * The choice between the plain and the relaxed-SIMD (fused multiply-add) builds of the kernel
 * module, and the agreement of their products.
 */
import ndarray from 'ndarray';
import { chooseBuild, decodeBase64, type GemmExports } from '../../../../lib/kernels/wasm/gemm-module';
import { GEMM_WASM_BASE64 } from '../../../../lib/kernels/wasm/gemm-wasm.generated';
import { GEMM_RELAXED_WASM_BASE64 } from '../../../../lib/kernels/wasm/gemm-wasm-relaxed.generated';
import { Random } from '../../../../lib/random';
import { expectMatchesReference, randomMatrix, referenceProduct } from '../../../helpers/matmul-reference';

/** The exports of a build with its own memory. */
interface OwnMemory extends GemmExports {
  readonly memory: WebAssembly.Memory;
}

function instantiate(bytes: Uint8Array<ArrayBuffer>): OwnMemory {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as OwnMemory;
}

/** `A·B` through one build's `gemm`, with A `[M, K]` and B `[K, N]` copied into its memory. */
function product(module: OwnMemory, a: Float32Array, b: Float32Array, M: number, K: number, N: number): Float32Array {
  const base = (module.heapBase() + 15) & ~15;
  const aAt = base, bAt = aAt + M * K * 4, cAt = bAt + K * N * 4, work = cAt + M * N * 4;
  const end = work + module.workspaceBytes();
  const have = module.memory.buffer.byteLength;
  if (end > have) module.memory.grow(Math.ceil((end - have) / 65536));
  const heap = new Float32Array(module.memory.buffer);
  heap.set(a, aAt >> 2);
  heap.set(b, bAt >> 2);
  module.gemm(0, 0, M, N, K, aAt, K, bAt, N, cAt, N, work);
  return heap.slice(cAt >> 2, (cAt >> 2) + M * N);
}

describe('chooseBuild', () => {
  test('picks the relaxed-SIMD build in Node, turning on V8\'s flag where the engine needs it', () => {
    const chosen = chooseBuild(GEMM_WASM_BASE64, GEMM_RELAXED_WASM_BASE64);
    expect(Buffer.from(chosen).equals(Buffer.from(decodeBase64(GEMM_RELAXED_WASM_BASE64)))).toBe(true);
    expect(WebAssembly.validate(chosen)).toBe(true);
  });

  test('falls back to the plain build when the engine rejects the relaxed one', () => {
    const rejected = Buffer.from('not a wasm module').toString('base64');
    const chosen = chooseBuild(GEMM_WASM_BASE64, rejected);
    expect(Buffer.from(chosen).equals(Buffer.from(decodeBase64(GEMM_WASM_BASE64)))).toBe(true);
  });

  test('the two builds differ, and only the relaxed one uses the relaxed-SIMD opcode f32x4.relaxed_madd', () => {
    const plain = decodeBase64(GEMM_WASM_BASE64);
    const relaxed = decodeBase64(GEMM_RELAXED_WASM_BASE64);
    // f32x4.relaxed_madd is the SIMD prefix 0xfd followed by LEB128(0x105) = 0x85 0x02.
    const hasMadd = (bytes: Uint8Array) => bytes.some((v, i) => v === 0xfd && bytes[i + 1] === 0x85 && bytes[i + 2] === 0x02);
    expect(hasMadd(relaxed)).toBe(true);
    expect(hasMadd(plain)).toBe(false);
  });
});

describe('the plain and relaxed builds', () => {
  test.each([[1, 1, 1], [5, 7, 9], [64, 784, 128], [33, 257, 17]])(
    'both match the float64 reference within float32 rounding at (M, K, N) = (%i, %i, %i)', (M, K, N) => {
      const rng = new Random(`${M}-${K}-${N}`);
      const a = randomMatrix(M, K, rng, 'float32');
      const b = randomMatrix(K, N, rng, 'float32');
      const reference = referenceProduct(a, b);
      for (const base64 of [GEMM_WASM_BASE64, GEMM_RELAXED_WASM_BASE64]) {
        const c = product(instantiate(chooseBuild(base64, base64)), a.data as Float32Array, b.data as Float32Array, M, K, N);
        expectMatchesReference(ndarray(c, [M, N]), reference, (K + 2) * 2 ** -24);
      }
    });
});
