/**
 * Max and average pooling over NHWC windows, and their adjoints. Padding never takes part:
 * a max is over the taps inside the input, and an average divides by their count, as
 * TensorFlow does for `'same'`.
 */
import type { Tensor } from '../../tensor';
import { heapAddress } from '../wasm/kernel-heap';
import { heapKernels, heapOperand, heapPointer } from '../wasm/heap-kernels';
import type { ConvGeometry } from './conv-geometry';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `out[n, oh, ow, c] = max over the window's taps inside the input of x[n, ih, iw, c]`,
 * recording in `argmax` (when given: training) the index into `x.data` (relative to `x.offset`)
 * of each maximum (the first one on ties); without it the comparison is a branch-free select.
 * Shapes: `x` contiguous `[batch, inH, inW, C]`, `out` contiguous `[batch, outH, outW, C]`,
 * `argmax` at least `out.size` long. For each output position the
 * taps inside the input are a rectangle `[i0, i1) × [j0, j1)` worked out once; the first tap
 * initializes the `C` maxima and every other tap is compared channel by channel, so every
 * inner loop walks `C` values with stride 1. When `out` and `argmax` live in the kernel heap
 * (`kernelZeros`, `kernelInt32`) it runs in WebAssembly SIMD (assembly/windows.ts), four
 * channels at a time with the same comparisons, otherwise (and on the `'js'` backend) in
 * {@link maxPoolJs}; both give the same bits (`x` is read in place, or from one bulk copy into
 * the heap's scratch when it lives elsewhere). Returns `out`.
 */
export function maxPool(out: Tensor, argmax: Int32Array | null, x: Tensor, g: ConvGeometry): Tensor {
  const wasm = heapKernels();
  if (wasm !== null) {
    const op = heapPointer(out), ap = argmax === null ? 0 : heapAddress(argmax);
    const xp = op < 0 || ap < 0 ? -1 : heapOperand(x);
    if (xp >= 0) {
      wasm.maxPool(
        g.batch, g.inH, g.inW, g.channels, g.kernelH, g.kernelW, g.strideH, g.strideW, g.dilationH, g.dilationW,
        g.padTop, g.padLeft, g.outH, g.outW, xp, op, argmax === null ? 0 : 1, ap,
      );
      return out;
    }
  }
  return maxPoolJs(out, argmax, x, g);
}

/** {@link maxPool} as a TypeScript loop, for any storage: the reference the WebAssembly path is tested against. Returns `out`. */
export function maxPoolJs(out: Tensor, argmax: Int32Array | null, x: Tensor, g: ConvGeometry): Tensor {
  const xd = x.data, od = out.data, xo = x.offset;
  const { batch, inH, inW, channels: C, strideH, strideW, dilationH, dilationW, padTop, padLeft, outH, outW } = g;
  const rowStride = inW * C, rowStep = dilationH * rowStride, colStep = dilationW * C;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const imageBase = n * inH * rowStride;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      const i0 = firstTap(ih0, dilationH), i1 = endTap(ih0, dilationH, g.kernelH, inH);
      for (let ow = 0; ow < outW; ow++, o += C) {
        const iw0 = ow * strideW - padLeft;
        const j0 = firstTap(iw0, dilationW), j1 = endTap(iw0, dilationW, g.kernelW, inW);
        const first = imageBase + (ih0 + i0 * dilationH) * rowStride + (iw0 + j0 * dilationW) * C;
        const op = out.offset + o;
        for (let c = 0; c < C; c++) od[op + c] = xd[xo + first + c];
        if (argmax) for (let c = 0; c < C; c++) argmax[o + c] = first + c;
        for (let i = i0, rowAt = first; i < i1; i++, rowAt += rowStep) {
          for (let j = i === i0 ? j0 + 1 : j0, q = rowAt + (j - j0) * colStep; j < j1; j++, q += colStep) {
            if (argmax) {
              for (let c = 0; c < C; c++) {
                const v = xd[xo + q + c];
                if (v > od[op + c]) {
                  od[op + c] = v;
                  argmax[o + c] = q + c;
                }
              }
            } else {
              for (let c = 0; c < C; c++) {
                const v = xd[xo + q + c], m = od[op + c];
                od[op + c] = v > m ? v : m;
              }
            }
          }
        }
      }
    }
  }
  return out;
}

/** The first tap of a window starting at input row `start`, every `dilation`, that is not before row 0. */
function firstTap(start: number, dilation: number): number {
  return start >= 0 ? 0 : math.ceil(-start / dilation);
}

/** One past the last tap of a `kernel`-tap window starting at `start`, every `dilation`, that is before row `size`. */
function endTap(start: number, dilation: number, kernel: number, size: number): number {
  return math.min(kernel, math.floor((size - 1 - start) / dilation) + 1);
}

/**
 * The adjoint of {@link maxPool}: `dx[k] = Σ dOut[o]` over the outputs `o` whose maximum was
 * `x[k]` (`argmax[o] = k`), zero elsewhere, since `∂ max/∂x_k` is 1 for the arg-max and 0 for
 * the rest. Overwrites `dx` (contiguous, `x`'s shape). In WebAssembly when all three live in the
 * kernel heap, else in TypeScript; both add in order of `o`. Returns `dx`.
 */
export function maxPoolBackward(dx: Tensor, dOut: Tensor, argmax: Int32Array): Tensor {
  const wasm = heapKernels();
  if (wasm !== null) {
    const xp = heapPointer(dx), gp = heapPointer(dOut), ap = heapAddress(argmax);
    if (xp >= 0 && gp >= 0 && ap >= 0) {
      wasm.maxPoolBackward(dOut.size, dx.size, gp, ap, xp);
      return dx;
    }
  }
  const xd = dx.data, gd = dOut.data;
  xd.fill(0, dx.offset, dx.offset + dx.size);
  for (let o = 0, n = dOut.size, gp = dOut.offset, xo = dx.offset; o < n; o++) xd[xo + argmax[o]] += gd[gp + o];
  return dx;
}

/** The number of the window's taps at `(oh, ow)` that lie inside the input. */
function tapsInside(g: ConvGeometry, oh: number, ow: number): number {
  let rows = 0, cols = 0;
  for (let i = 0; i < g.kernelH; i++) {
    const ih = oh * g.strideH - g.padTop + i * g.dilationH;
    if (ih >= 0 && ih < g.inH) rows++;
  }
  for (let j = 0; j < g.kernelW; j++) {
    const iw = ow * g.strideW - g.padLeft + j * g.dilationW;
    if (iw >= 0 && iw < g.inW) cols++;
  }
  return rows * cols;
}

/**
 * `out[n, oh, ow, c] = (1/T)·Σ x[n, ih, iw, c]` over the `T` taps of the window inside the
 * input. Shapes as {@link maxPool}. Returns `out`.
 */
export function avgPool(out: Tensor, x: Tensor, g: ConvGeometry): Tensor {
  const xd = x.data, od = out.data;
  const { batch, inH, inW, channels: C, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft, outH, outW } = g;
  const rowStride = inW * C;
  let op = out.offset;
  for (let n = 0; n < batch; n++) {
    const imageBase = x.offset + n * inH * rowStride;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++, op += C) {
        const iw0 = ow * strideW - padLeft;
        for (let c = 0; c < C; c++) od[op + c] = 0;
        for (let i = 0; i < kernelH; i++) {
          const ih = ih0 + i * dilationH;
          if (ih < 0 || ih >= inH) continue;
          for (let j = 0; j < kernelW; j++) {
            const iw = iw0 + j * dilationW;
            if (iw < 0 || iw >= inW) continue;
            const q = imageBase + ih * rowStride + iw * C;
            for (let c = 0; c < C; c++) od[op + c] += xd[q + c];
          }
        }
        const scale = 1 / tapsInside(g, oh, ow);
        for (let c = 0; c < C; c++) od[op + c] *= scale;
      }
    }
  }
  return out;
}

/**
 * The adjoint of {@link avgPool}: each output's gradient spread evenly over its `T` taps,
 * `dx[n, ih, iw, c] = Σ dOut[n, oh, ow, c]/T(oh, ow)` over the windows containing the pixel.
 * Overwrites `dx` (contiguous, the input's shape). Returns `dx`.
 */
export function avgPoolBackward(dx: Tensor, dOut: Tensor, g: ConvGeometry): Tensor {
  const xd = dx.data, gd = dOut.data;
  const { batch, inH, inW, channels: C, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft, outH, outW } = g;
  const rowStride = inW * C;
  xd.fill(0, dx.offset, dx.offset + dx.size);
  let gp = dOut.offset;
  for (let n = 0; n < batch; n++) {
    const imageBase = dx.offset + n * inH * rowStride;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++, gp += C) {
        const iw0 = ow * strideW - padLeft;
        const scale = 1 / tapsInside(g, oh, ow);
        for (let i = 0; i < kernelH; i++) {
          const ih = ih0 + i * dilationH;
          if (ih < 0 || ih >= inH) continue;
          for (let j = 0; j < kernelW; j++) {
            const iw = iw0 + j * dilationW;
            if (iw < 0 || iw >= inW) continue;
            const q = imageBase + ih * rowStride + iw * C;
            for (let c = 0; c < C; c++) xd[q + c] += gd[gp + c] * scale;
          }
        }
      }
    }
  }
  return dx;
}
