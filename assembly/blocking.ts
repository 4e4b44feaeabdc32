/**
 * Tile and block sizes of the float32 GEMM, shared by the packing routines, the micro-kernel
 * and the driver.
 *
 * The micro-tile is MR × NR = 5 × 8: ten f32x4 accumulators plus two B vectors and one
 * splatted A value, thirteen registers, fit V8's fifteen allocatable xmm registers on x64
 * without spilling. Ten independent accumulators keep both FMA ports busy through the fused
 * multiply-add's 4-cycle latency, where eight (a 4 × 8 tile) left no slack: measured on one
 * thread, 52-54 against 44-48 GFLOP/s. A 6 × 8 tile spills (about 38).
 * KC × NR floats of packed B (8 KiB) stay in L1 while the micro-kernel streams packed A;
 * an MC × KC block of packed A (64 KiB) stays in L2; NC bounds the packed B block.
 */

/** Rows of the register micro-tile. */
export const MR: i32 = 5;
/** Columns of the register micro-tile (two f32x4 vectors). */
export const NR: i32 = 8;
/**
 * Largest depth of a packed block (a multiple of 4). The driver cuts K into equal blocks of at
 * most this depth, each rounded up to a multiple of 4.
 */
export const KC: i32 = 256;
/** Rows of a packed A block (a multiple of MR). */
export const MC: i32 = 60;
/** Columns of a packed B block (a multiple of NR). */
export const NC: i32 = 512;
