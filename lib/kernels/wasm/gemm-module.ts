/**
 * What the one-thread loader (gemm-wasm.ts) and the thread pool (gemm-threads.ts) share about
 * the GEMM WebAssembly module: its exports, decoding the shipped base64, and the warm-up.
 */

/** The module's exports; see assembly/gemm.ts. Pointers are byte addresses. */
export interface GemmExports {
  heapBase(): number;
  workspaceBytes(): number;
  gemm(
    transA: number, transB: number, M: number, N: number, K: number,
    a: number, lda: number, b: number, ldb: number, c: number, ldc: number, work: number,
  ): void;
}

/** Bytes in a WebAssembly memory page. */
export const PAGE_BYTES = 65536;

/** Side of the warm-up product: enough calls of the inner functions for V8 to tier them up. */
export const WARM_UP_SIZE = 96;

/** Rounds a byte count up to a multiple of 16, the alignment of every matrix in the arena. */
export const align16 = (bytes: number): number => (bytes + 15) & ~15;

/** The bytes of a base64 string (`atob` exists in Node ≥ 16 and in every browser). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** True when this engine has WebAssembly and accepts the module (which needs 128-bit SIMD, and threads for the shared build). */
export function engineAccepts(bytes: Uint8Array<ArrayBuffer>): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function' && WebAssembly.validate(bytes);
}

/**
 * The first calls of a fresh instance run in V8's baseline tier; one product per operand form
 * of two `WARM_UP_SIZE²` matrices at `a` and `b` (zeros) into `c`, with the workspace at `work`,
 * makes the packers and the micro-kernel hot enough to be optimized before any caller's product
 * is timed. The worker source repeats this loop in plain JavaScript.
 */
export function warmUp(module: GemmExports, a: number, b: number, c: number, work: number): void {
  const n = WARM_UP_SIZE;
  for (let form = 0; form < 3; form++) {
    module.gemm(form === 1 ? 1 : 0, form === 2 ? 1 : 0, n, n, n, a, n, b, n, c, n, work);
  }
}
