/**
 * The window sweeps of the convolution and pooling layers over NHWC float32 images, with
 * 128-bit SIMD: `im2col` (the patches matrix a convolution multiplies), its adjoint `col2im`,
 * max pooling (with or without its arg-max) and the max pooling's backward scatter.
 *
 * Every pointer is a byte address of a contiguous float32 (or, for arg-max, int32) array in this
 * module's memory. The geometry arguments are those of lib/kernels/conv/conv-geometry.ts's
 * `ConvGeometry`: input `[batch, inH, inW, C]`, window `kernelH × kernelW` moved by `stride`,
 * sampled every `dilation`, `padTop`/`padLeft` zeros before the input, output `[batch, outH, outW, …]`.
 * Each kernel computes exactly what its TypeScript loop in lib/kernels/conv computes, in the
 * same order (a copy, or the same float32 additions and comparisons channel by channel), so the
 * two paths agree bit for bit (tested).
 */

/** Copies `bytes` (a multiple of 4) from `src` to `dst`, sixteen bytes at a time, then four. */
// @ts-ignore: decorator
@inline
function copyRun(dst: usize, src: usize, bytes: usize): void {
  const vectorBytes = bytes & ~15;
  let o: usize = 0;
  for (; o < vectorBytes; o += 16) v128.store(dst + o, v128.load(src + o));
  for (; o < bytes; o += 4) store<f32>(dst + o, load<f32>(src + o));
}

/** Adds the `bytes` (a multiple of 4) of floats at `src` to those at `dst`, four lanes at a time, then one. */
// @ts-ignore: decorator
@inline
function addRun(dst: usize, src: usize, bytes: usize): void {
  const vectorBytes = bytes & ~15;
  let o: usize = 0;
  for (; o < vectorBytes; o += 16) v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  for (; o < bytes; o += 4) store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
}

/**
 * `cols[r, (i·kernelW + j)·C + c] = x[n, oh·sh − padTop + i·dh, ow·sw − padLeft + j·dw, c]` (zero
 * outside the input), row `r = (n·outH + oh)·outW + ow`, overwriting `cols`
 * (`[batch·outH·outW, kernelH·kernelW·C]`). With dilation 1 along the width, a window row that
 * lies inside the input is `kernelW·C` consecutive floats of `x`, copied as one run.
 */
export function im2col(
  batch: i32, inH: i32, inW: i32, C: i32, kernelH: i32, kernelW: i32, strideH: i32, strideW: i32,
  dilationH: i32, dilationW: i32, padTop: i32, padLeft: i32, outH: i32, outW: i32, x: usize, cols: usize,
): void {
  const tapBytes = <usize>C << 2;
  const windowRowBytes = <usize>kernelW * tapBytes;
  const rowBytes = <usize>inW * tapBytes;
  const imageBytes = <usize>inH * rowBytes;
  let p = cols;
  for (let n = 0; n < batch; n++) {
    const image = x + <usize>n * imageBytes;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++) {
        const iw0 = ow * strideW - padLeft;
        const isDenseRow = dilationW == 1 && iw0 >= 0 && iw0 + kernelW <= inW;
        for (let i = 0; i < kernelH; i++) {
          const ih = ih0 + i * dilationH;
          if (ih < 0 || ih >= inH) {
            memory.fill(p, 0, windowRowBytes);
            p += windowRowBytes;
            continue;
          }
          const rowBase = image + <usize>ih * rowBytes;
          if (isDenseRow) {
            copyRun(p, rowBase + <usize>iw0 * tapBytes, windowRowBytes);
            p += windowRowBytes;
            continue;
          }
          for (let j = 0; j < kernelW; j++) {
            const iw = iw0 + j * dilationW;
            if (iw >= 0 && iw < inW) copyRun(p, rowBase + <usize>iw * tapBytes, tapBytes);
            else memory.fill(p, 0, tapBytes);
            p += tapBytes;
          }
        }
      }
    }
  }
}

/**
 * The adjoint of {@link im2col}: `dx[n, ih, iw, c] = Σ dCols[r, (i·kernelW + j)·C + c]` over the
 * rows and taps that read `x[n, ih, iw, c]`, summed in row order from 0 (taps in the padding are
 * dropped), overwriting `dx`.
 */
export function col2im(
  batch: i32, inH: i32, inW: i32, C: i32, kernelH: i32, kernelW: i32, strideH: i32, strideW: i32,
  dilationH: i32, dilationW: i32, padTop: i32, padLeft: i32, outH: i32, outW: i32, dCols: usize, dx: usize,
): void {
  const tapBytes = <usize>C << 2;
  const rowBytes = <usize>inW * tapBytes;
  const imageBytes = <usize>inH * rowBytes;
  memory.fill(dx, 0, <usize>batch * imageBytes);
  let p = dCols;
  for (let n = 0; n < batch; n++) {
    const image = dx + <usize>n * imageBytes;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++) {
        const iw0 = ow * strideW - padLeft;
        for (let i = 0; i < kernelH; i++) {
          const ih = ih0 + i * dilationH;
          const isRowInside = ih >= 0 && ih < inH;
          const rowBase = image + <usize>ih * rowBytes;
          for (let j = 0; j < kernelW; j++) {
            const iw = iw0 + j * dilationW;
            if (isRowInside && iw >= 0 && iw < inW) addRun(rowBase + <usize>iw * tapBytes, p, tapBytes);
            p += tapBytes;
          }
        }
      }
    }
  }
}

/** `⌊a / b⌋` for `b > 0` and any sign of `a`. */
// @ts-ignore: decorator
@inline
function floorDiv(a: i32, b: i32): i32 {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/**
 * `out[n, oh, ow, c] = max over the window's taps inside the input of x[n, ih, iw, c]`, the taps
 * taken row by row from the first inside the input, each compared with `v > max` (so the first
 * maximum wins ties and NaN never replaces a number). When `hasArgmax`, `argmax[o]` receives the
 * element index into `x` of output `o`'s maximum. The first tap's `C` values are copied to the
 * output, then each further tap is compared with them four channels at a time (a scalar tail
 * after), so the inner loop is two loads, a compare, a select and a store.
 */
export function maxPool(
  batch: i32, inH: i32, inW: i32, C: i32, kernelH: i32, kernelW: i32, strideH: i32, strideW: i32,
  dilationH: i32, dilationW: i32, padTop: i32, padLeft: i32, outH: i32, outW: i32,
  x: usize, out: usize, hasArgmax: bool, argmax: usize,
): void {
  const rowStride = inW * C;
  const rowStep = dilationH * rowStride;
  const colStep = dilationW * C;
  const C4 = C & ~3;
  const lanes = i32x4(0, 1, 2, 3);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const imageBase = n * inH * rowStride;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      const i0 = ih0 >= 0 ? 0 : (-ih0 + dilationH - 1) / dilationH;
      const i1 = min(kernelH, floorDiv(inH - 1 - ih0, dilationH) + 1);
      for (let ow = 0; ow < outW; ow++, o += C) {
        const iw0 = ow * strideW - padLeft;
        const j0 = iw0 >= 0 ? 0 : (-iw0 + dilationW - 1) / dilationW;
        const j1 = min(kernelW, floorDiv(inW - 1 - iw0, dilationW) + 1);
        const first = imageBase + (ih0 + i0 * dilationH) * rowStride + (iw0 + j0 * dilationW) * C;
        const op = out + (<usize>o << 2);
        const ap = argmax + (<usize>o << 2);
        copyRun(op, x + (<usize>first << 2), <usize>C << 2);
        if (hasArgmax) {
          for (let c = 0; c < C4; c += 4) v128.store(ap + (<usize>c << 2), i32x4.add(i32x4.splat(first + c), lanes));
          for (let c = C4; c < C; c++) store<i32>(ap + (<usize>c << 2), first + c);
        }
        for (let i = i0, rowAt = first; i < i1; i++, rowAt += rowStep) {
          for (let j = i == i0 ? j0 + 1 : j0, q = rowAt + (j - j0) * colStep; j < j1; j++, q += colStep) {
            const xq = x + (<usize>q << 2);
            if (hasArgmax) {
              for (let c = 0; c < C4; c += 4) {
                const e = <usize>c << 2;
                const v = v128.load(xq + e), m = v128.load(op + e);
                const isGreater = f32x4.gt(v, m);
                v128.store(op + e, v128.bitselect(v, m, isGreater));
                v128.store(ap + e, v128.bitselect(i32x4.add(i32x4.splat(q + c), lanes), v128.load(ap + e), isGreater));
              }
              for (let c = C4; c < C; c++) {
                const e = <usize>c << 2;
                const v = load<f32>(xq + e);
                if (v > load<f32>(op + e)) {
                  store<f32>(op + e, v);
                  store<i32>(ap + e, q + c);
                }
              }
            } else {
              for (let c = 0; c < C4; c += 4) {
                const e = <usize>c << 2;
                const v = v128.load(xq + e), m = v128.load(op + e);
                v128.store(op + e, v128.bitselect(v, m, f32x4.gt(v, m)));
              }
              for (let c = C4; c < C; c++) {
                const e = <usize>c << 2;
                const v = load<f32>(xq + e), m = load<f32>(op + e);
                store<f32>(op + e, v > m ? v : m);
              }
            }
          }
        }
      }
    }
  }
}

/**
 * The adjoint of {@link maxPool}: `dx[k] = Σ dOut[o]` over the outputs `o` with `argmax[o] = k`,
 * in order of `o`, zero elsewhere; `dx` has `inputSize` floats, `dOut` and `argmax` `n` each.
 */
export function maxPoolBackward(n: i32, inputSize: i32, dOut: usize, argmax: usize, dx: usize): void {
  memory.fill(dx, 0, <usize>inputSize << 2);
  for (let o = 0; o < n; o++) {
    const at = dx + (<usize>load<i32>(argmax + (<usize>o << 2)) << 2);
    store<f32>(at, load<f32>(at) + load<f32>(dOut + (<usize>o << 2)));
  }
}
