/**
 * {@link im2col}: NHWC input unrolled into the patches matrix, so a convolution is one GEMM.
 */
import type { Tensor } from '../../tensor';
import type { ConvGeometry } from './conv-geometry';

/**
 * `cols[r, (i·kernelW + j)·C + c] = x[n, oh·sh − padTop + i·dh, ow·sw − padLeft + j·dw, c]`
 * (zero outside the input), with row `r = (n·outH + oh)·outW + ow`, overwriting `cols`.
 *
 * Shapes: `x` is contiguous `[batch, inH, inW, C]`, `cols` contiguous
 * `[batch·outH·outW, kernelH·kernelW·C]`. The column order `(i, j, c)` is the row-major order
 * of a Keras kernel `[kernelH, kernelW, C, filters]`, so `Z = cols · W` with `W` viewed as
 * `[kernelH·kernelW·C, filters]`, and `Z` viewed as `[batch, outH, outW, filters]` is the
 * NHWC output. In NHWC each window tap is `C` consecutive values, copied as one run. Returns `cols`.
 */
export function im2col(cols: Tensor, x: Tensor, g: ConvGeometry): Tensor {
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
