/**
 * Float32 GEMM with 128-bit SIMD: `C = op(A) · op(B)`, where op is the identity or the
 * transpose, for the three products of a Dense layer (X·W, Xᵀ·dZ, dZ·Wᵀ).
 *
 * All pointers are byte addresses into this module's memory, which the caller lays out
 * (there is no allocator: the loader manages the arena above `heapBase()`). The module keeps
 * nothing in memory between calls (all scratch is at `work`), so the shared-memory build can
 * run on several threads at once, each instance with its own workspace and output rows. Matrices are
 * row-major with leading dimensions in elements:
 * - A is `M × K` with pitch `lda`, or when `transA` its transpose is stored, `K × M`.
 * - B is `K × N` with pitch `ldb`, or when `transB` its transpose is stored, `N × K`.
 * - C is `M × N` with pitch `ldc`; it is overwritten.
 *
 * Loop nest (Goto's): columns of C in NC blocks → depth in equal blocks of at most KC, packing
 * B → rows in MC blocks, packing A → 5×8 micro-tiles. The forms differ only in how packing
 * reads A and B.
 */
import { KC, MC, MR, NC, NR } from './blocking';
import { microKernel } from './micro-kernel';
import { packPanels } from './pack';

/** The first free byte above the module's static data: where the caller's arena may start. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * Bytes of scratch that {@link gemm} needs at `work`: the packed A block, the packed B block and
 * the micro-kernel's edge tile. Threads that share this module's memory each pass their own.
 */
export function workspaceBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) * 4;
}

/** `C = op(A) · op(B)`; see the module comment for the layout. `K` must be at least 1. */
export function gemm(
  transA: bool, transB: bool, M: i32, N: i32, K: i32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, work: usize,
): void {
  const packedA = work;
  const packedB = work + <usize>(MC * KC * 4);
  const edge = packedB + <usize>(KC * NC * 4);
  const ldcBytes = <usize>ldc << 2;
  // Equal depth blocks (784 = 4 × 196, not 3 × 256 + 16): a thin last block would pay the
  // read-modify-write of C for little work.
  const blocks = (K + KC - 1) / KC;
  const depth = (((K + blocks - 1) / blocks) + 3) & ~3;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    for (let pc = 0; pc < K; pc += depth) {
      const kc = min(depth, K - pc);
      const kcp = (kc + 3) & ~3;
      const accumulate = pc > 0;
      packPanels(!transB, b, ldb, jc, nc, NR, pc, kc, kcp, packedB);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = min(MC, M - ic);
        packPanels(transA, a, lda, ic, mc, MR, pc, kc, kcp, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const bp = packedB + (<usize>(jr * kcp) << 2);
          const cols = min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const ap = packedA + (<usize>(ir * kcp) << 2);
            const cp = c + <usize>(ic + ir) * ldcBytes + (<usize>(jc + jr) << 2);
            microKernel(kcp, ap, bp, cp, ldcBytes, accumulate, min(MR, mc - ir), cols, edge);
          }
        }
      }
    }
  }
}
