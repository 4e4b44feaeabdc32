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
import { GEMM_RELAXED_WASM_BASE64 } from './gemm-wasm-relaxed.generated';
import { align16, chooseBuild, engineAccepts, PAGE_BYTES, WARM_UP_SIZE, warmUp, type GemmExports } from './gemm-module';
import { isKernelHeapReady } from './kernel-heap';
import { copyOperandIn, copyResultOut } from './operand-copy';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** The one-thread module's exports: the GEMM and the memory it owns. */
interface OwnMemoryExports extends GemmExports {
  readonly memory: WebAssembly.Memory;
}

/** Where loading stands: not tried, usable, impossible here, or waiting for {@link initWasm}. */
type LoadState = 'untried' | 'ready' | 'unavailable' | 'async-only';

let state: LoadState = 'untried';
let gemm: OwnMemoryExports | null = null;
let heap = new Float32Array(0);
let arenaStart = 0;
let workBytes = 0;

/** Takes an instance into use: reads its layout, then runs one product per form so V8 optimizes the code. */
function adopt(instance: WebAssembly.Instance): void {
  gemm = instance.exports as unknown as OwnMemoryExports;
  arenaStart = align16(gemm.heapBase());
  workBytes = gemm.workspaceBytes();
  heap = new Float32Array(gemm.memory.buffer);
  state = 'ready';
  const bytes = WARM_UP_SIZE * WARM_UP_SIZE * 4;
  const a = arenaStart + workBytes;
  reserve(a + 3 * bytes);
  warmUp(gemm, a, a + bytes, a + 2 * bytes, arenaStart);
}

/** Grows the memory so that bytes `[0, end)` exist, and re-takes the heap view. False if it cannot grow. */
function reserve(end: number): boolean {
  const memory = (gemm as OwnMemoryExports).memory;
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
  const bytes = chooseBuild(GEMM_WASM_BASE64, GEMM_RELAXED_WASM_BASE64);
  if (!engineAccepts(bytes)) {
    state = 'unavailable';
    return false;
  }
  try {
    adopt(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}));
  } catch {
    state = 'async-only';
  }
  return ownModuleReady();
}

/** True when this one-thread module is loaded (a function, so that TypeScript does not narrow `state` across `adopt`). */
function ownModuleReady(): boolean {
  return state === 'ready';
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
  const bytes = chooseBuild(GEMM_WASM_BASE64, GEMM_RELAXED_WASM_BASE64);
  if (!engineAccepts(bytes)) {
    state = 'unavailable';
    return false;
  }
  try {
    const { instance } = await WebAssembly.instantiate(bytes, {});
    if (!ownModuleReady()) adopt(instance);
  } catch {
    state = 'unavailable';
  }
  return isWasmReady();
}

/**
 * True when WebAssembly kernels are loaded: this one-thread module (after {@link loadWasmSync} or
 * {@link initWasm}), or the shared kernel heap's module, which runs every product and
 * element-wise kernel on float32 heap tensors where `SharedArrayBuffer` exists.
 */
export function isWasmReady(): boolean {
  return ownModuleReady() || isKernelHeapReady();
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
