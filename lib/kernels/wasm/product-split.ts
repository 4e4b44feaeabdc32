/**
 * How a product `C = op(A)·op(B)` (`C` is `M × N`) is cut among threads: into contiguous
 * blocks of C's rows, or of its columns, one block per thread.
 *
 * Every block is computed by the same GEMM over the whole depth K, with the same depth
 * blocking (it depends on K alone), so each element of C is the same sequence of float32
 * operations whichever block, and however many threads, computed it: the result is bit-for-bit
 * that of one thread.
 *
 * The longer side is cut, because each thread packs the whole of the other operand: cutting
 * rows repeats packing B (`K × N`) per thread, cutting columns repeats packing A (`M × K`).
 * Row blocks start at multiples of 4 (the micro-tile's rows); column blocks at multiples of 16,
 * so two threads never write the same 64-byte cache line of C.
 */

/** One thread's share: `count` rows or columns of C from `start`. */
export interface ProductBlock {
  readonly start: number;
  readonly count: number;
}

/** A product's cut: along C's rows or columns, in contiguous non-empty blocks covering it. */
export interface ProductSplit {
  readonly axis: 'rows' | 'columns';
  readonly blocks: readonly ProductBlock[];
}

/** Alignment of block starts along each axis, in elements. */
const ROW_UNIT = 4;
const COLUMN_UNIT = 16;

/**
 * Cuts an `M × N` output into at most `threads` blocks of nearly equal size (fewer when the
 * cut side has fewer aligned units than threads). Blocks are in order, so block 0 starts at 0.
 */
export function splitProduct(M: number, N: number, threads: number): ProductSplit {
  const axis = M >= N ? 'rows' : 'columns';
  const length = axis === 'rows' ? M : N;
  const unit = axis === 'rows' ? ROW_UNIT : COLUMN_UNIT;
  const units = Math.ceil(length / unit);
  const parts = Math.max(1, Math.min(threads, units));
  const blocks: ProductBlock[] = [];
  for (let i = 0; i < parts; i++) {
    const start = Math.floor((i * units) / parts) * unit;
    const end = Math.min(length, Math.floor(((i + 1) * units) / parts) * unit);
    blocks.push({ start, count: end - start });
  }
  return { axis, blocks };
}
