/**
 * Zero padding, cropping and nearest-neighbour upsampling of NHWC images, each the adjoint of
 * another: padding's adjoint is cropping, and upsampling's is the sum over each block.
 */
import type { Tensor } from '../../tensor';

/**
 * `out[n, top + h, left + w, c] = x[n, h, w, c]` with zeros elsewhere, overwriting `out`.
 * Shapes: `x` contiguous `[batch, H, W, C]`, `out` contiguous `[batch, H', W', C]` with
 * `H' ≥ top + H`, `W' ≥ left + W`. Each image row is one run of `W·C` values. Returns `out`.
 */
export function padImage(out: Tensor, x: Tensor, top: number, left: number): Tensor {
  const [batch, H, W, C] = x.shape;
  const outH = out.shape[1], outW = out.shape[2];
  const od = out.data, xd = x.data, run = W * C;
  od.fill(0, out.offset, out.offset + out.size);
  for (let n = 0, xp = x.offset; n < batch; n++) {
    for (let h = 0; h < H; h++, xp += run) {
      const op = out.offset + ((n * outH + top + h) * outW + left) * C;
      od.set(xd.subarray(xp, xp + run), op);
    }
  }
  return out;
}

/**
 * `out[n, h, w, c] = x[n, top + h, left + w, c]`, overwriting `out`: the window of `x` of
 * `out`'s size at `(top, left)`. Shapes: `x` contiguous `[batch, H, W, C]`, `out` contiguous
 * `[batch, h, w, C]`. Returns `out`.
 */
export function cropImage(out: Tensor, x: Tensor, top: number, left: number): Tensor {
  const [batch, H, W, C] = x.shape;
  const outH = out.shape[1], outW = out.shape[2];
  const od = out.data, xd = x.data, run = outW * C;
  for (let n = 0, op = out.offset; n < batch; n++) {
    for (let h = 0; h < outH; h++, op += run) {
      const xp = x.offset + ((n * H + top + h) * W + left) * C;
      od.set(xd.subarray(xp, xp + run), op);
    }
  }
  return out;
}

/**
 * `out[n, h, w, c] = x[n, ⌊h/sh⌋, ⌊w/sw⌋, c]`: every pixel repeated into an `sh × sw` block.
 * Shapes: `x` contiguous `[batch, H, W, C]`, `out` contiguous `[batch, H·sh, W·sw, C]`. Returns `out`.
 */
export function upsampleNearest(out: Tensor, x: Tensor, sh: number, sw: number): Tensor {
  const [batch, H, W, C] = x.shape;
  const od = out.data, xd = x.data;
  let op = out.offset;
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < H * sh; h++) {
      const rowBase = x.offset + (n * H + ((h / sh) | 0)) * W * C;
      for (let w = 0; w < W; w++) {
        const xp = rowBase + w * C;
        for (let r = 0; r < sw; r++) {
          for (let c = 0; c < C; c++) od[op++] = xd[xp + c];
        }
      }
    }
  }
  return out;
}

/**
 * The adjoint of {@link upsampleNearest}: `dx[n, h, w, c] = Σ` of `dOut` over the pixel's
 * `sh × sw` block, overwriting `dx`. Returns `dx`.
 */
export function upsampleNearestBackward(dx: Tensor, dOut: Tensor, sh: number, sw: number): Tensor {
  const [batch, H, W, C] = dx.shape;
  const xd = dx.data, gd = dOut.data;
  xd.fill(0, dx.offset, dx.offset + dx.size);
  let gp = dOut.offset;
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < H * sh; h++) {
      const rowBase = dx.offset + (n * H + ((h / sh) | 0)) * W * C;
      for (let w = 0; w < W; w++) {
        const xp = rowBase + w * C;
        for (let r = 0; r < sw; r++) {
          for (let c = 0; c < C; c++) xd[xp + c] += gd[gp++];
        }
      }
    }
  }
  return dx;
}
