/**
 * The portable matrix multiply: register-tiled TypeScript for float32 and float64 tensors
 * with any strides, used where WebAssembly is unavailable, for float64 (gradient checks), and
 * for products too small to repay the copy into WebAssembly memory.
 *
 * Layout, as in the WebAssembly kernel: B is packed into panels of 4 columns
 * (`panel[k·4 + c]`) and, row block by row block, 4 rows of A into one panel
 * (`panel[k·4 + r]`). The 4×4 tile of C then lives in sixteen local variables while k runs
 * over both panels with stride 1. There is no depth blocking: at this kernel's speed a
 * whole-depth B panel streams from L2 fast enough, and each output is one sum in k order.
 * Packing reads any strides, so the transposed views of Xᵀ·dZ and dZ·Wᵀ cost nothing extra.
 * Panels are Float64Array: every float32 and float64 value is exact in them, and JavaScript
 * arithmetic is double, so float64 products are computed without any float32 rounding.
 *
 * Sixteen accumulators, four A values and a B value exceed x64's sixteen xmm registers, so V8
 * spills a few; 2×4, 3×4, 4×2 and 4×3 tiles measured no faster (about 4–4.5 GFLOP/s here).
 */
import type { Tensor, TypedArray } from '../tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Rows and columns of the register tile. */
const TILE = 4;

let packedA = new Float64Array(0);
let packedB = new Float64Array(0);
/** A 4×4 staging tile for the edges of C. */
const edge = new Float64Array(TILE * TILE);

/**
 * Packs rows `i0 … i0+rows` of `a` (all K columns) into `packedA[k·4 + r]`, zeros for
 * `rows ≤ r < 4`. Four strided streams, one per row, so any layout of `a` reads well.
 */
function packRows(a: Tensor, i0: number, rows: number, K: number): void {
  const ad = a.data, s0 = a.stride[0], s1 = a.stride[1];
  const dst = packedA;
  let p = a.offset + i0 * s0;
  if (rows === TILE) {
    for (let k = 0, q = 0; k < K; k++, p += s1, q += TILE) {
      dst[q] = ad[p];
      dst[q + 1] = ad[p + s0];
      dst[q + 2] = ad[p + 2 * s0];
      dst[q + 3] = ad[p + 3 * s0];
    }
    return;
  }
  dst.fill(0, 0, K * TILE);
  for (let k = 0, q = 0; k < K; k++, p += s1, q += TILE) {
    for (let r = 0; r < rows; r++) dst[q + r] = ad[p + r * s0];
  }
}

/**
 * Packs all of `b` (`[K, N]`) into 4-column panels, `packedB[(j >> 2)·K·4 + k·4 + (j & 3)]`,
 * zero-padding the last panel. Four strided streams per panel, as in {@link packRows}.
 */
function packColumns(b: Tensor, K: number, N: number): void {
  const bd = b.data, s0 = b.stride[0], s1 = b.stride[1];
  const dst = packedB;
  let q = 0;
  for (let j0 = 0; j0 < N; j0 += TILE) {
    const cols = math.min(TILE, N - j0);
    let p = b.offset + j0 * s1;
    if (cols === TILE) {
      for (let k = 0; k < K; k++, p += s0, q += TILE) {
        dst[q] = bd[p];
        dst[q + 1] = bd[p + s1];
        dst[q + 2] = bd[p + 2 * s1];
        dst[q + 3] = bd[p + 3 * s1];
      }
    } else {
      dst.fill(0, q, q + K * TILE);
      for (let k = 0; k < K; k++, p += s0, q += TILE) {
        for (let c = 0; c < cols; c++) dst[q + c] = bd[p + c * s1];
      }
    }
  }
}

/**
 * `C[i0:i0+4, j0:j0+4] = Ap · Bp`: a rank-1 update of sixteen local accumulators per k, k in
 * ascending order (so float64 results equal a plain triple loop's bit for bit). Writes the
 * top-left `rows × cols` into `od` at `o` with strides `os0`, `os1`.
 */
function tile(K: number, bp: number, od: TypedArray, o: number, os0: number, os1: number, rows: number, cols: number): void {
  const A = packedA, B = packedB;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let k = 0, ap = 0; k < K; k++, ap += TILE, bp += TILE) {
    const a0 = A[ap], a1 = A[ap + 1], a2 = A[ap + 2], a3 = A[ap + 3];
    let b = B[bp];
    c00 += a0 * b; c10 += a1 * b; c20 += a2 * b; c30 += a3 * b;
    b = B[bp + 1];
    c01 += a0 * b; c11 += a1 * b; c21 += a2 * b; c31 += a3 * b;
    b = B[bp + 2];
    c02 += a0 * b; c12 += a1 * b; c22 += a2 * b; c32 += a3 * b;
    b = B[bp + 3];
    c03 += a0 * b; c13 += a1 * b; c23 += a2 * b; c33 += a3 * b;
  }
  if (rows === TILE && cols === TILE) {
    const o1 = o + os1, o2 = o + 2 * os1, o3 = o + 3 * os1;
    od[o] = c00; od[o1] = c01; od[o2] = c02; od[o3] = c03;
    od[o + os0] = c10; od[o1 + os0] = c11; od[o2 + os0] = c12; od[o3 + os0] = c13;
    od[o + 2 * os0] = c20; od[o1 + 2 * os0] = c21; od[o2 + 2 * os0] = c22; od[o3 + 2 * os0] = c23;
    od[o + 3 * os0] = c30; od[o1 + 3 * os0] = c31; od[o2 + 3 * os0] = c32; od[o3 + 3 * os0] = c33;
    return;
  }
  const e = edge;
  e[0] = c00; e[1] = c01; e[2] = c02; e[3] = c03;
  e[4] = c10; e[5] = c11; e[6] = c12; e[7] = c13;
  e[8] = c20; e[9] = c21; e[10] = c22; e[11] = c23;
  e[12] = c30; e[13] = c31; e[14] = c32; e[15] = c33;
  for (let r = 0; r < rows; r++, o += os0) {
    for (let c = 0, p = o; c < cols; c++, p += os1) od[p] = e[r * TILE + c];
  }
}

/**
 * `out[i, j] = Σ_k a[i, k] · b[k, j]` with the register-tiled TypeScript kernel, overwriting
 * `out`. Shapes: `a` `[M, K]`, `b` `[K, N]`, `out` `[M, N]`; any strides and offsets; float32
 * or float64 (float64 results carry no float32 rounding). `out` must not share storage with
 * `a` or `b`. The packing buffers grow to the largest product seen (8·K·(N + 4) bytes) and
 * are kept. Returns `out`.
 */
export function matmulJs(out: Tensor, a: Tensor, b: Tensor): Tensor {
  const M = a.shape[0];
  const K = a.shape[1];
  const N = b.shape[1];
  const od = out.data, os0 = out.stride[0], os1 = out.stride[1];
  if (K === 0) {
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) od[out.offset + i * os0 + j * os1] = 0;
    return out;
  }
  if (packedA.length < K * TILE) packedA = new Float64Array(K * TILE);
  const panel = K * TILE;
  const need = math.ceil(N / TILE) * panel;
  if (packedB.length < need) packedB = new Float64Array(need);
  packColumns(b, K, N);
  for (let i0 = 0; i0 < M; i0 += TILE) {
    const rows = math.min(TILE, M - i0);
    packRows(a, i0, rows, K);
    for (let j0 = 0, bp = 0; j0 < N; j0 += TILE, bp += panel) {
      tile(K, bp, od, out.offset + i0 * os0 + j0 * os1, os0, os1, rows, math.min(TILE, N - j0));
    }
  }
  return out;
}
