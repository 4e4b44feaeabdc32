/**
 * Depthwise convolution over NHWC input, where each input channel has its own filters, and
 * its gradients. It has `M` times fewer multiply-adds per output than a full convolution and
 * no shared reduction axis, so it is a direct loop rather than a GEMM.
 */
import type { Tensor } from '../../tensor';
import type { ConvGeometry } from './conv-geometry';

/**
 * `out[n, oh, ow, c·M + m] = Σ_{i,j} x[n, ih, iw, c]·W[i, j, c, m]` with `ih`, `iw` as in
 * `im2col` (padding taps skipped), overwriting `out`. Shapes: `x` contiguous
 * `[batch, inH, inW, C]`, `W` contiguous `[kernelH, kernelW, C, M]`, `out` contiguous
 * `[batch, outH, outW, C·M]`; the inner loop walks `c·M + m`, stride 1 in both `W` and `out`.
 * Returns `out`.
 */
export function depthwiseConv(out: Tensor, x: Tensor, W: Tensor, g: ConvGeometry, M: number): Tensor {
  const xd = x.data, wd = W.data, od = out.data;
  const { batch, inH, inW, channels: C, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft, outH, outW } = g;
  const rowStride = inW * C, width = C * M;
  let op = out.offset;
  for (let n = 0; n < batch; n++) {
    const imageBase = x.offset + n * inH * rowStride;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, op += width) {
        for (let k = 0; k < width; k++) od[op + k] = 0;
        for (let i = 0; i < kernelH; i++) {
          const ih = oh * strideH - padTop + i * dilationH;
          if (ih < 0 || ih >= inH) continue;
          for (let j = 0; j < kernelW; j++) {
            const iw = ow * strideW - padLeft + j * dilationW;
            if (iw < 0 || iw >= inW) continue;
            const q = imageBase + ih * rowStride + iw * C;
            let wp = W.offset + (i * kernelW + j) * width;
            for (let c = 0, k = op; c < C; c++) {
              const v = xd[q + c];
              for (let m = 0; m < M; m++) od[k++] += v * wd[wp++];
            }
          }
        }
      }
    }
  }
  return out;
}

/**
 * The gradients of {@link depthwiseConv} from `dOut = ∂L/∂out`, overwriting `dW` and (when
 * given) `dx`: `∂L/∂W[i, j, c, m] = Σ_{n,oh,ow} dOut[n, oh, ow, c·M + m]·x[n, ih, iw, c]` and
 * `∂L/∂x[n, ih, iw, c] = Σ_{(oh,ow,i,j) reading it} Σ_m dOut[n, oh, ow, c·M + m]·W[i, j, c, m]`.
 * Shapes as in {@link depthwiseConv}; `dW` like `W`, `dx` like `x`. Returns `dW`.
 */
export function depthwiseConvBackward(dW: Tensor, dx: Tensor | null, dOut: Tensor, x: Tensor, W: Tensor, g: ConvGeometry, M: number): Tensor {
  const xd = x.data, wd = W.data, gd = dOut.data, dwd = dW.data;
  const dxd = dx ? dx.data : null;
  const { batch, inH, inW, channels: C, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft, outH, outW } = g;
  const rowStride = inW * C, width = C * M;
  dwd.fill(0, dW.offset, dW.offset + dW.size);
  if (dx) (dxd as Float32Array).fill(0, dx.offset, dx.offset + dx.size);
  let gp = dOut.offset;
  for (let n = 0; n < batch; n++) {
    const imageOffset = n * inH * rowStride;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, gp += width) {
        for (let i = 0; i < kernelH; i++) {
          const ih = oh * strideH - padTop + i * dilationH;
          if (ih < 0 || ih >= inH) continue;
          for (let j = 0; j < kernelW; j++) {
            const iw = ow * strideW - padLeft + j * dilationW;
            if (iw < 0 || iw >= inW) continue;
            const q = imageOffset + ih * rowStride + iw * C;
            const tap = (i * kernelW + j) * width;
            for (let c = 0, k = 0; c < C; c++) {
              const v = xd[x.offset + q + c];
              let sum = 0;
              for (let m = 0; m < M; m++, k++) {
                const go = gd[gp + k];
                dwd[dW.offset + tap + k] += go * v;
                sum += go * wd[W.offset + tap + k];
              }
              if (dxd) dxd[(dx as Tensor).offset + q + c] += sum;
            }
          }
        }
      }
    }
  }
  return dW;
}
