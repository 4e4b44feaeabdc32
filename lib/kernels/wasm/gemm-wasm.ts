/**
 * Loads the WebAssembly SIMD GEMM (built from assembly/ by scripts/build-wasm.mjs and shipped
 * base64-encoded) and runs float32 matrix products through it.
 *
 * The module has no allocator and no imports: this loader owns its linear memory as one arena
 * above the module's static data, laid out per call as
 * `[packing workspace | A | B | C]`, and grows it when a product needs more. Growing
 * non-shared memory detaches every view of the old buffer, so the heap view is re-taken after
 * each growth. Memory is never shrunk: the arena stays at the largest product seen.
 *
 * Where WebAssembly or its SIMD extension is missing (`WebAssembly.validate` rejects the
 * bytes), or compiling is forbidden (a browser Content-Security-Policy without
 * `'wasm-unsafe-eval'`), the loader reports itself unavailable and callers use the TypeScript
 * kernel.
 */
import type { Tensor } from '../../tensor';
import { GEMM_WASM_BASE64 } from './gemm-wasm.generated';
import { copyOperandIn, copyResultOut } from './operand-copy';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** The module's exports; see assembly/gemm.ts. Pointers are byte addresses. */
interface GemmExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  workspaceBytes(): number;
  gemm(
    transA: number, transB: number, M: number, N: number, K: number,
    a: number, lda: number, b: number, ldb: number, c: number, ldc: number, work: number,
  ): void;
}

/** Where loading stands: not tried, usable, impossible here, or waiting for {@link initWasm}. */
type LoadState = 'untried' | 'ready' | 'unavailable' | 'async-only';

const PAGE_BYTES = 65536;
/** Side of the warm-up product: enough calls of the inner functions for V8 to tier them up. */
const WARM_UP_SIZE = 96;

let state: LoadState = 'untried';
let gemm: GemmExports | null = null;
let heap = new Float32Array(0);
let arenaStart = 0;
let workBytes = 0;

const align16 = (bytes: number): number => (bytes + 15) & ~15;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** True when this engine has WebAssembly and accepts the module (which needs 128-bit SIMD). */
function engineAccepts(bytes: Uint8Array<ArrayBuffer>): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function' && WebAssembly.validate(bytes);
}

/** Takes an instance into use: reads its layout, then runs one product so V8 optimizes the code. */
function adopt(instance: WebAssembly.Instance): void {
  gemm = instance.exports as unknown as GemmExports;
  arenaStart = align16(gemm.heapBase());
  workBytes = gemm.workspaceBytes();
  heap = new Float32Array(gemm.memory.buffer);
  state = 'ready';
  warmUp(gemm);
}

/**
 * The first calls of a fresh module run in V8's baseline tier; one zero-filled product per
 * operand form makes the packers and the micro-kernel hot enough to be optimized before any
 * caller's product is timed.
 */
function warmUp(module: GemmExports): void {
  const n = WARM_UP_SIZE;
  const a = arenaStart + workBytes;
  const b = a + n * n * 4;
  const c = b + n * n * 4;
  reserve(c + n * n * 4);
  for (let form = 0; form < 3; form++) {
    module.gemm(form === 1 ? 1 : 0, form === 2 ? 1 : 0, n, n, n, a, n, b, n, c, n, arenaStart);
  }
}

/** Grows the memory so that bytes `[0, end)` exist, and re-takes the heap view. False if it cannot grow. */
function reserve(end: number): boolean {
  const memory = (gemm as GemmExports).memory;
  const have = memory.buffer.byteLength;
  if (end > have) {
    try {
      memory.grow(math.ceil((end - have) / PAGE_BYTES));
    } catch {
      return false;
    }
  }
  if (heap.buffer !== memory.buffer) heap = new Float32Array(memory.buffer);
  return true;
}

/**
 * Instantiates the module synchronously if this has not been tried yet, and tells whether it
 * is ready. Node compiles any size synchronously; a browser's main thread may refuse (then
 * {@link initWasm} is the way). Never throws: failure means "use the TypeScript kernel".
 */
export function loadWasmSync(): boolean {
  if (state !== 'untried') return state === 'ready';
  const bytes = decodeBase64(GEMM_WASM_BASE64);
  if (!engineAccepts(bytes)) {
    state = 'unavailable';
    return false;
  }
  try {
    adopt(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}));
  } catch {
    state = 'async-only';
  }
  return isWasmReady();
}

/**
 * Loads the WebAssembly kernels asynchronously, which every engine allows (a browser main
 * thread limits synchronous compilation). Resolves to whether they are available; it never
 * rejects. In Node, kernels load on first use without it.
 *
 * @example
 * ```ts
 * if (!(await initWasm())) console.warn('no WebAssembly SIMD: using the TypeScript kernels');
 * ```
 */
export async function initWasm(): Promise<boolean> {
  if (state === 'ready' || state === 'unavailable') return state === 'ready';
  const bytes = decodeBase64(GEMM_WASM_BASE64);
  if (!engineAccepts(bytes)) {
    state = 'unavailable';
    return false;
  }
  try {
    const { instance } = await WebAssembly.instantiate(bytes, {});
    if (!isWasmReady()) adopt(instance);
  } catch {
    state = 'unavailable';
  }
  return isWasmReady();
}

/** True when the WebAssembly kernels are loaded (after {@link loadWasmSync} or {@link initWasm}). */
export function isWasmReady(): boolean {
  return state === 'ready';
}

/**
 * `out = a · b` in float32 through the WebAssembly GEMM: `a` is `[M, K]`, `b` is `[K, N]`,
 * `out` is `[M, N]`, all over `Float32Array`, any strides. A view whose first axis has
 * stride 1 (a `transpose(1, 0)` of a row-major matrix) goes in as stored, flagged
 * transposed. Returns false, leaving `out` untouched, if the module is not ready or its memory
 * cannot grow enough; the caller then uses the TypeScript kernel.
 */
export function matmulWasm(out: Tensor, a: Tensor, b: Tensor): boolean {
  if (state !== 'ready' || gemm === null) return false;
  const M = a.shape[0];
  const K = a.shape[1];
  const N = b.shape[1];
  const aPtr = arenaStart + workBytes;
  const bPtr = aPtr + align16(M * K * 4);
  const cPtr = bPtr + align16(K * N * 4);
  if (!reserve(cPtr + M * N * 4)) return false;
  if (M === 0 || N === 0) return true;
  if (K === 0) {
    heap.fill(0, cPtr >> 2, (cPtr >> 2) + M * N);
  } else {
    const transA = copyOperandIn(heap, aPtr >> 2, a);
    const transB = copyOperandIn(heap, bPtr >> 2, b);
    gemm.gemm(+transA, +transB, M, N, K, aPtr, transA ? M : K, bPtr, transB ? K : N, cPtr, N, arenaStart);
  }
  copyResultOut(out, heap, cPtr >> 2);
  return true;
}
