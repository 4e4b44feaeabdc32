/**
 * What the one-thread loader (gemm-wasm.ts), the kernel heap (kernel-heap.ts) and the thread
 * pool (gemm-threads.ts) share about the kernel WebAssembly module: its exports, decoding the
 * shipped base64, choosing between its plain and relaxed-SIMD builds, and the warm-up.
 */
import { isNode } from '../../node-only';

/** The module's exports; see assembly/gemm.ts. Pointers are byte addresses. */
export interface GemmExports {
  heapBase(): number;
  workspaceBytes(): number;
  gemm(
    transA: number, transB: number, M: number, N: number, K: number,
    a: number, lda: number, b: number, ldb: number, c: number, ldc: number, work: number,
  ): void;
}

/**
 * The element-wise kernels, window sweeps and optimizer steps of the module (assembly/elementwise.ts,
 * assembly/windows.ts, assembly/optimizer-steps.ts, assembly/optimizer-steps-keras3.ts). Pointers are byte addresses
 * of contiguous float32 arrays; counts are in elements; booleans are passed as 0 or 1.
 */
export interface ElementwiseExports {
  axpy(n: number, alpha: number, x: number, y: number): void;
  momentumStep(n: number, mu: number, lr: number, nesterov: number, g: number, v: number, w: number): void;
  adamStep(n: number, c1: number, c2: number, alpha: number, eps: number, amsgrad: number, g: number, m: number, v: number, vMax: number, w: number): void;
  scale(n: number, alpha: number, x: number): void;
  rmspropStep(
    n: number, rho: number, lr: number, eps: number, mu: number, centered: number, momentum: number,
    g: number, s: number, mg: number, b: number, w: number,
  ): void;
  adagradStep(n: number, lr: number, eps: number, g: number, a: number, w: number): void;
  adamaxStep(n: number, c1: number, beta2: number, lrc: number, eps: number, g: number, m: number, u: number, w: number): void;
  nadamStep(
    n: number, c1: number, c2: number, a: number, b: number, vScale: number, lr: number, eps: number, g: number, m: number, v: number, w: number,
  ): void;
  adadeltaStep(n: number, rho: number, lr: number, eps: number, g: number, eg: number, ed: number, w: number): void;
  sumSquares(n: number, x: number): number;
  lionStep(n: number, beta1: number, beta2: number, lr: number, g: number, m: number, w: number): void;
  lambDirection(n: number, beta1: number, beta2: number, c1: number, c2: number, eps: number, g: number, m: number, v: number, u: number): number;
  ftrlStep(n: number, power: number, lr: number, l1: number, l2: number, shrink: number, g: number, a: number, z: number, w: number): void;
  adafactorSecondMoment(n: number, beta2: number, eps1: number, g: number, v: number): void;
  adafactorFactored(rows: number, cols: number, beta2: number, eps1: number, g: number, r: number, c: number, colSums: number, v: number): void;
  adafactorDirection(n: number, g: number, v: number, u: number): number;
  muonMomentum(rows: number, cols: number, mu: number, nesterov: number, transposed: number, g: number, m: number, x: number): number;
  axpby(n: number, alpha: number, x: number, beta: number, y: number): void;
  axpyTransposed(rows: number, cols: number, alpha: number, x: number, w: number): void;
  relu(n: number, x: number, y: number): void;
  sigmoidInPlace(n: number, v: number): void;
  tanhInPlace(n: number, v: number): void;
  reluBackward(n: number, dy: number, y: number, dx: number): void;
  addBias(M: number, N: number, z: number, b: number, out: number): void;
  addBiasRelu(M: number, N: number, z: number, b: number, out: number): void;
  sumColumns(M: number, N: number, a: number, out: number): void;
  allFinite(n: number, x: number): number;
  im2col(
    batch: number, inH: number, inW: number, C: number, kernelH: number, kernelW: number, strideH: number, strideW: number,
    dilationH: number, dilationW: number, padTop: number, padLeft: number, outH: number, outW: number, x: number, cols: number,
  ): void;
  col2im(
    batch: number, inH: number, inW: number, C: number, kernelH: number, kernelW: number, strideH: number, strideW: number,
    dilationH: number, dilationW: number, padTop: number, padLeft: number, outH: number, outW: number, dCols: number, dx: number,
  ): void;
  maxPool(
    batch: number, inH: number, inW: number, C: number, kernelH: number, kernelW: number, strideH: number, strideW: number,
    dilationH: number, dilationW: number, padTop: number, padLeft: number, outH: number, outW: number,
    x: number, out: number, hasArgmax: number, argmax: number,
  ): void;
  maxPoolBackward(n: number, inputSize: number, dOut: number, argmax: number, dx: number): void;
}

/** Every export of the kernel module: the GEMM and the element-wise kernels. */
export type KernelExports = GemmExports & ElementwiseExports;

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

/** The V8 flag that turns relaxed SIMD on where it is not on by default (Node 20; on from Node 22). */
const RELAXED_SIMD_FLAG = '--experimental-wasm-relaxed-simd';

/**
 * The build to load, decoded: the relaxed-SIMD one (its micro-kernel uses fused multiply-adds,
 * about 20% faster where the CPU has FMA) when this engine accepts it, else the plain SIMD one.
 * Node 20 has relaxed SIMD behind a V8 flag, which is turned on here, through `v8`'s
 * `setFlagsFromString`, before the first module is compiled; the flag only lets this process
 * compile relaxed-SIMD WebAssembly, a feature of the WebAssembly 3.0 standard that Node 22 and
 * current browsers ship on.
 */
export function chooseBuild(plainBase64: string, relaxedBase64: string): Uint8Array<ArrayBuffer> {
  const relaxed = decodeBase64(relaxedBase64);
  if (engineAccepts(relaxed)) return relaxed;
  if (isNode() && typeof process.getBuiltinModule === 'function') {
    const v8 = process.getBuiltinModule('v8') as { setFlagsFromString?: (flags: string) => void } | undefined;
    try {
      v8?.setFlagsFromString?.(RELAXED_SIMD_FLAG);
    } catch {
      // An engine that refuses the flag keeps the plain build.
    }
    if (engineAccepts(relaxed)) return relaxed;
  }
  return decodeBase64(plainBase64);
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
