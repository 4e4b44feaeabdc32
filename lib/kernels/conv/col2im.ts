/**
 * {@link col2im}: the adjoint of `im2col`, summing patch gradients back onto the NHWC input.
 */
import type { Tensor } from '../../tensor';
import { heapKernels, heapPointer } from '../wasm/heap-kernels';
import type { ConvGeometry } from './conv-geometry';

/**
 * `dx[n, ih, iw, c] = Σ dCols[r, (i·kernelW + j)·C + c]` over every row `r = (n, oh, ow)` and
 * tap `(i, j)` that `im2col` read `x[n, ih, iw, c]` from, overwriting `dx` (taps in the padding
 * are dropped). Since `im2col` is a linear map `cols = P·x`, this is `dx = Pᵀ·dCols`: the input
 * gradient of a convolution is `col2im(dZ · Wᵀ)`.
 *
 * Shapes: `dCols` contiguous `[batch·outH·outW, kernelH·kernelW·C]`, `dx` contiguous
 * `[batch, inH, inW, C]`. When both live in the kernel heap the sums run in WebAssembly SIMD
 * (assembly/windows.ts), otherwise (and on the `'js'` backend) in {@link col2imJs}, adding in
 * the same order, so both give the same bits. Returns `dx`.
 */
export function col2im(dx: Tensor, dCols: Tensor, g: ConvGeometry): Tensor {
  const wasm = heapKernels();
  if (wasm !== null) {
    const xp = heapPointer(dx), cp = heapPointer(dCols);
    if (xp >= 0 && cp >= 0) {
      wasm.col2im(g.batch, g.inH, g.inW, g.channels, g.kernelH, g.kernelW, g.strideH, g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft, g.outH, g.outW, cp, xp);
      return dx;
    }
  }
  return col2imJs(dx, dCols, g);
}

/** {@link col2im} as a TypeScript loop, for any storage: the reference the WebAssembly path is tested against. Returns `dx`. */
export function col2imJs(dx: Tensor, dCols: Tensor, g: ConvGeometry): Tensor {
  const xd = dx.data, cd = dCols.data;
  const { batch, inH, inW, channels: C, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft, outH, outW } = g;
  const rowStride = inW * C;
  xd.fill(0, dx.offset, dx.offset + dx.size);
  let p = dCols.offset;
  for (let n = 0; n < batch; n++) {
    const imageBase = dx.offset + n * inH * rowStride;
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
              for (let c = 0, q = rowBase + iw * C; c < C; c++) xd[q++] += cd[p++];
            } else {
              p += C;
            }
          }
        }
      }
    }
  }
  return dx;
}
