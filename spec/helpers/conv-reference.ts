/**
 * Test helper: the plain direct 2-D convolution (NHWC, Keras kernel layout), written from the
 * definition with `get`/`set`, that the im2col + GEMM path is tested against.
 */
import { axisGeometry, type Padding } from '../../lib/kernels';
import { zeros, type Tensor } from '../../lib/tensor';

/** The window of a reference convolution. */
export interface ReferenceWindow {
  strides: [number, number];
  dilation: [number, number];
  padding: Padding;
}

/** `Z[n, oh, ow, f] = b_f + Σ_{i,j,c} X[n, oh·sh − pt + i·dh, ow·sw − pl + j·dw, c]·W[i, j, c, f]` in float64. */
export function referenceConv2d(x: Tensor, W: Tensor, b: Tensor | null, { strides, dilation, padding }: ReferenceWindow): Tensor {
  const [batch, inH, inW, inC] = x.shape;
  const [kh, kw, , filters] = W.shape;
  const h = axisGeometry(inH, kh, strides[0], dilation[0], padding);
  const w = axisGeometry(inW, kw, strides[1], dilation[1], padding);
  const out = zeros([batch, h.outSize, w.outSize, filters], 'float64');
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < h.outSize; oh++) {
      for (let ow = 0; ow < w.outSize; ow++) {
        for (let f = 0; f < filters; f++) {
          let sum = b ? b.get(f) : 0;
          for (let i = 0; i < kh; i++) {
            for (let j = 0; j < kw; j++) {
              const ih = oh * strides[0] - h.padBefore + i * dilation[0];
              const iw = ow * strides[1] - w.padBefore + j * dilation[1];
              if (ih < 0 || ih >= inH || iw < 0 || iw >= inW) continue;
              for (let c = 0; c < inC; c++) sum += x.get(n, ih, iw, c) * W.get(i, j, c, f);
            }
          }
          out.set(n, oh, ow, f, sum);
        }
      }
    }
  }
  return out;
}

/** The gradients of {@link referenceConv2d} for upstream `dZ`, from the same definition: `{ dX, dW, db }`. */
export function referenceConv2dBackward(x: Tensor, W: Tensor, dZ: Tensor, { strides, dilation, padding }: ReferenceWindow): { dX: Tensor; dW: Tensor; db: Tensor } {
  const [batch, inH, inW, inC] = x.shape;
  const [kh, kw, , filters] = W.shape;
  const [, outH, outW] = dZ.shape;
  const padTop = axisGeometry(inH, kh, strides[0], dilation[0], padding).padBefore;
  const padLeft = axisGeometry(inW, kw, strides[1], dilation[1], padding).padBefore;
  const dX = zeros(x.shape, 'float64'), dW = zeros(W.shape, 'float64'), db = zeros([filters], 'float64');
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let f = 0; f < filters; f++) {
          const g = dZ.get(n, oh, ow, f);
          db.set(f, db.get(f) + g);
          for (let i = 0; i < kh; i++) {
            for (let j = 0; j < kw; j++) {
              const ih = oh * strides[0] - padTop + i * dilation[0];
              const iw = ow * strides[1] - padLeft + j * dilation[1];
              if (ih < 0 || ih >= inH || iw < 0 || iw >= inW) continue;
              for (let c = 0; c < inC; c++) {
                dW.set(i, j, c, f, dW.get(i, j, c, f) + g * x.get(n, ih, iw, c));
                dX.set(n, ih, iw, c, dX.get(n, ih, iw, c) + g * W.get(i, j, c, f));
              }
            }
          }
        }
      }
    }
  }
  return { dX, dW, db };
}
