/**
 * Packing: copies a block of an operand into zero-padded panels that the micro-kernel reads
 * with stride 1.
 *
 * A panel covers `width` consecutive indices r (rows of A, width MR = 5; columns of B, width NR = 8)
 * over a depth range of k, laid out k-major: `panel[k·width + r]`. Every operand form maps to
 * one of two source layouts:
 * - k-major, element (r, k) at `src[k·ld + r]`: Aᵀ stored row-major (the Xᵀ·dZ form) and plain
 *   row-major B. Each k is `width` contiguous floats: v128 copies (and one scalar for width 5).
 * - r-major, element (r, k) at `src[r·ld + k]`: plain row-major A and Bᵀ stored row-major (the
 *   dZ·Wᵀ form). Groups of 4 r by 4 k are turned with an in-register 4×4 transpose.
 * So the three products differ only in which packer runs; the micro-kernel is shared.
 * Panels are padded with zeros past the last r and up to the padded depth `kcp`, so the
 * micro-kernel never branches on edges.
 */

/** Writes the 4×4 transpose of rows `r0..r3` as four vectors `dstStep` bytes apart. */
// @ts-ignore: decorator
@inline
function transpose4(dst: usize, dstStep: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst + dstStep, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * dstStep, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * dstStep, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

/** Element (r, k) of the source, in either layout. */
// @ts-ignore: decorator
@inline
function element(kMajor: bool, src: usize, ld: i32, r: i32, k: i32): f32 {
  return load<f32>(src + (<usize>(kMajor ? k * ld + r : r * ld + k) << 2));
}

/** A full k-major panel: each k copies `width` contiguous floats, four at a time, then one by one. */
function packKMajor(src: usize, ld: i32, r: i32, width: i32, p0: i32, kc: i32, panel: usize): void {
  const rowBytes = <usize>width << 2;
  const vectorBytes = <usize>(width & ~3) << 2;
  let s = src + (<usize>(p0 * ld + r) << 2);
  const step = <usize>ld << 2;
  let d = panel;
  for (let k = 0; k < kc; k++, s += step, d += rowBytes) {
    for (let v: usize = 0; v < vectorBytes; v += 16) v128.store(d + v, v128.load(s + v));
    for (let v = vectorBytes; v < rowBytes; v += 4) store<f32>(d + v, load<f32>(s + v));
  }
}

/**
 * A full r-major panel: 4×4 transposes of each group of four r, then a scalar tail when `kc`
 * is not a multiple of 4; indices past the last group of four (the fifth row of a 5-wide A
 * panel) are copied one by one.
 */
function packRMajor(src: usize, ld: i32, r: i32, width: i32, p0: i32, kc: i32, panel: usize): void {
  const rowBytes = <usize>width << 2;
  const kc4 = kc & ~3;
  const groups = width & ~3;
  for (let g = 0; g < groups; g += 4) {
    const s0 = src + (<usize>((r + g) * ld + p0) << 2);
    const s1 = s0 + (<usize>ld << 2);
    const s2 = s1 + (<usize>ld << 2);
    const s3 = s2 + (<usize>ld << 2);
    const d = panel + (<usize>g << 2);
    for (let k = 0; k < kc4; k += 4) {
      const o = <usize>k << 2;
      transpose4(d + <usize>k * rowBytes, rowBytes, v128.load(s0 + o), v128.load(s1 + o), v128.load(s2 + o), v128.load(s3 + o));
    }
    for (let k = kc4; k < kc; k++) {
      const o = <usize>k << 2;
      const q = d + <usize>k * rowBytes;
      store<f32>(q, load<f32>(s0 + o));
      store<f32>(q, load<f32>(s1 + o), 4);
      store<f32>(q, load<f32>(s2 + o), 8);
      store<f32>(q, load<f32>(s3 + o), 12);
    }
  }
  for (let i = groups; i < width; i++) {
    const s = src + (<usize>((r + i) * ld + p0) << 2);
    const d = panel + (<usize>i << 2);
    for (let k = 0; k < kc; k++) store<f32>(d + <usize>k * rowBytes, load<f32>(s + (<usize>k << 2)));
  }
}

/**
 * A panel cut by the edge of the operand: `count < width` valid indices, zeros after them. In
 * the k-major layout each k's valid indices are `count` contiguous floats, copied as a run.
 */
function packEdge(kMajor: bool, src: usize, ld: i32, r: i32, count: i32, width: i32, p0: i32, kc: i32, panel: usize): void {
  let d = panel;
  if (kMajor) {
    const countBytes = <usize>count << 2;
    const rowBytes = <usize>width << 2;
    const step = <usize>ld << 2;
    let s = src + (<usize>(p0 * ld + r) << 2);
    for (let k = 0; k < kc; k++, s += step, d += rowBytes) {
      for (let v: usize = 0; v < countBytes; v += 4) store<f32>(d + v, load<f32>(s + v));
      for (let v = countBytes; v < rowBytes; v += 4) store<f32>(d + v, 0);
    }
    return;
  }
  for (let k = 0; k < kc; k++) {
    for (let i = 0; i < width; i++, d += 4) {
      store<f32>(d, i < count ? element(kMajor, src, ld, r + i, p0 + k) : 0);
    }
  }
}

/**
 * Packs indices `r0 .. r0+count` over depths `p0 .. p0+kc` into `ceil(count/width)` panels of
 * `kcp × width` floats each at `dst` (`kcp` = `kc` rounded up to a multiple of 4, zero-filled).
 */
export function packPanels(
  kMajor: bool, src: usize, ld: i32, r0: i32, count: i32, width: i32,
  p0: i32, kc: i32, kcp: i32, dst: usize,
): void {
  const rowBytes = <usize>width << 2;
  for (let rp = 0; rp < count; rp += width) {
    const panel = dst + (<usize>(rp * kcp) << 2);
    const n = min(width, count - rp);
    if (n < width) packEdge(kMajor, src, ld, r0 + rp, n, width, p0, kc, panel);
    else if (kMajor) packKMajor(src, ld, r0 + rp, width, p0, kc, panel);
    else packRMajor(src, ld, r0 + rp, width, p0, kc, panel);
    memory.fill(panel + <usize>kc * rowBytes, 0, <usize>(kcp - kc) * rowBytes);
  }
}
