/**
 * The 5×8 register micro-kernel: `C[0:5, 0:8] (+)= Ap · Bp` over one packed depth block.
 *
 * Packed A holds, for each k, the 5 values `A[0:5, k]`; packed B holds the 8 values
 * `B[k, 0:8]`. Each k is a rank-1 update of the tile: two B vectors, five splatted A values,
 * ten multiply-adds into ten f32x4 accumulators (row i, columns 0-3 and 4-7). That is thirteen
 * live vectors, under the fifteen xmm registers V8 allocates on x64 (blocking.ts gives the
 * measurements); unrolling k lets TurboFan hoist later steps' loads and spill. The relaxed-SIMD
 * build issues fused multiply-adds; the plain build a multiply and an add, bound by the f32x4
 * add and multiply ports.
 */
import { MR, NR } from './blocking';

/**
 * `c + a·b` lane by lane: one fused multiply-add (`f32x4.relaxed_madd`, a single rounding where
 * the CPU has FMA) in the relaxed-SIMD build, a multiply then an add (two roundings) otherwise.
 */
// @ts-ignore: decorator
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  return ASC_FEATURE_RELAXED_SIMD ? f32x4.relaxed_madd(a, b, c) : f32x4.add(c, f32x4.mul(a, b));
}

/** Stores (or adds, when `accumulate`) one row of the tile, eight floats at `p`. */
// @ts-ignore: decorator
@inline
function storeRow(p: usize, lo: v128, hi: v128, accumulate: bool): void {
  if (accumulate) {
    lo = f32x4.add(lo, v128.load(p));
    hi = f32x4.add(hi, v128.load(p, 16));
  }
  v128.store(p, lo);
  v128.store(p, hi, 16);
}

/**
 * Multiplies a packed `4 × kcp` A panel by a packed `kcp × 8` B panel and writes the top-left
 * `rows × cols` of the 5×8 product to C at `c` (row pitch `ldcBytes`), adding to C's values
 * when `accumulate` (every depth block after the first). An edge tile (`rows × cols` smaller
 * than 5×8) is staged in the caller's 160-byte `edge` scratch, so the stores never write past
 * C's edge; the scratch is the caller's rather than static data, so threads sharing one memory
 * never share it.
 */
export function microKernel(
  kcp: i32, a: usize, b: usize, c: usize, ldcBytes: usize,
  accumulate: bool, rows: i32, cols: i32, edge: usize,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  // The loop runs to an end pointer rather than counting k: one add and compare less per step,
  // which matters because the loop is bound by the two vector-add ports.
  const aEnd = a + (<usize>(kcp * MR) << 2);
  while (a < aEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let ai = v128.load32_splat(a);
    c00 = madd(ai, b0, c00);
    c01 = madd(ai, b1, c01);
    ai = v128.load32_splat(a, 4);
    c10 = madd(ai, b0, c10);
    c11 = madd(ai, b1, c11);
    ai = v128.load32_splat(a, 8);
    c20 = madd(ai, b0, c20);
    c21 = madd(ai, b1, c21);
    ai = v128.load32_splat(a, 12);
    c30 = madd(ai, b0, c30);
    c31 = madd(ai, b1, c31);
    ai = v128.load32_splat(a, 16);
    c40 = madd(ai, b0, c40);
    c41 = madd(ai, b1, c41);
    a += MR * 4;
    b += NR * 4;
  }
  if (rows == MR && cols == NR) {
    storeRow(c, c00, c01, accumulate);
    storeRow(c + ldcBytes, c10, c11, accumulate);
    storeRow(c + 2 * ldcBytes, c20, c21, accumulate);
    storeRow(c + 3 * ldcBytes, c30, c31, accumulate);
    storeRow(c + 4 * ldcBytes, c40, c41, accumulate);
    return;
  }
  storeRow(edge, c00, c01, false);
  storeRow(edge + NR * 4, c10, c11, false);
  storeRow(edge + 2 * NR * 4, c20, c21, false);
  storeRow(edge + 3 * NR * 4, c30, c31, false);
  storeRow(edge + 4 * NR * 4, c40, c41, false);
  for (let i = 0; i < rows; i++) {
    const src = edge + <usize>(i * NR * 4);
    const dst = c + <usize>i * ldcBytes;
    for (let j = 0; j < cols; j++) {
      const o = <usize>j << 2;
      const v = load<f32>(src + o);
      store<f32>(dst + o, accumulate ? load<f32>(dst + o) + v : v);
    }
  }
}
