/**
 * {@link im2col}: NHWC input unrolled into the patches matrix, so a convolution is one GEMM.
 */
import type { Tensor } from '../../tensor';
import { heapKernels, heapOperand, heapPointer } from '../wasm/heap-kernels';
import type { ConvGeometry } from './conv-geometry';

/**
 * `cols[r, (i·kernelW + j)·C + c] = x[n, oh·sh − padTop + i·dh, ow·sw − padLeft + j·dw, c]`
 * (zero outside the input), with row `r = (n·outH + oh)·outW + ow`, overwriting `cols`.
 *
 * Shapes: `x` is contiguous `[batch, inH, inW, C]`, `cols` contiguous
 * `[batch·outH·outW, kernelH·kernelW·C]`. The column order `(i, j, c)` is the row-major order
 * of a Keras kernel `[kernelH, kernelW, C, filters]`, so `Z = cols · W` with `W` viewed as
 * `[kernelH·kernelW·C, filters]`, and `Z` viewed as `[batch, outH, outW, filters]` is the
 * NHWC output. In NHWC each window tap is `C` consecutive values, copied as one run.
 * When `cols` lives in the kernel heap the copy runs in WebAssembly SIMD (assembly/windows.ts),
 * reading `x` in place or from one bulk copy into the heap's scratch; otherwise, and on the
 * `'js'` backend, it is {@link im2colJs}. Both give the same values. Returns `cols`.
 */
export function im2col(cols: Tensor, x: Tensor, g: ConvGeometry): Tensor {
  const wasm = heapKernels();
  const cp = wasm === null ? -1 : heapPointer(cols);
  const xp = cp < 0 ? -1 : heapOperand(x);
  if (wasm !== null && xp >= 0) {
    wasm.im2col(g.batch, g.inH, g.inW, g.channels, g.kernelH, g.kernelW, g.strideH, g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft, g.outH, g.outW, xp, cp);
    return cols;
  }
  return im2colJs(cols, x, g);
}

/** {@link im2col} as a TypeScript loop, for any storage: the reference the WebAssembly path is tested against. Returns `cols`. */
export function im2colJs(cols: Tensor, x: Tensor, g: ConvGeometry): Tensor {
  const xd = x.data, cd = cols.data;
  const { batch, inH, inW, channels: C, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft, outH, outW } = g;
  const rowStride = inW * C;
  let p = cols.offset;
  for (let n = 0; n < batch; n++) {
    const imageBase = x.offset + n * inH * rowStride;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++) {
        const iw0 = ow * strideW - padLeft;
        for (let i = 0; i < kernelH; i++) {
          const ih = ih0 + i * dilationH;
          const isRowInside = ih >= 0 && ih < inH;
          const rowBase = imageBase + ih * rowStride;
          for (let j = 0; j < kernelW; j++) {
            const iw = iw0 + j * dilationW;
            if (isRowInside && iw >= 0 && iw < inW) {
              for (let c = 0, q = rowBase + iw * C; c < C; c++) cd[p++] = xd[q++];
            } else {
              for (let c = 0; c < C; c++) cd[p++] = 0;
            }
          }
        }
      }
    }
  }
  return cols;
}
