/**
 * ReLU and its backward pass. Each runs as a WebAssembly SIMD loop when its tensors live in the
 * kernel heap (heap-kernels.ts), else as the TypeScript loop here; both give the same results
 * bit for bit.
 */
import type { Tensor } from '../tensor';
import { heapKernels, heapPointer } from './wasm/heap-kernels';

/**
 * `out[i] = x[i] < 0 ? 0 : x[i]` (so NaN stays NaN). `x` and `out` are contiguous of equal size;
 * `out` may be `x`. Returns `out`.
 */
export function relu(out: Tensor, x: Tensor): Tensor {
  const n = x.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const xp = heapPointer(x), op = heapPointer(out);
    if (xp >= 0 && op >= 0) {
      wasm.relu(n, xp, op);
      return out;
    }
  }
  const xd = x.data, od = out.data;
  for (let i = 0, xo = x.offset, oo = out.offset; i < n; i++) {
    const v = xd[xo + i];
    od[oo + i] = v < 0 ? 0 : v;
  }
  return out;
}

/**
 * `dx[i] = y[i] > 0 ? dy[i] : 0`: the chain rule through ReLU, `dx = dy ⊙ f′`, with
 * `f′ = 1` where the output `y` is positive and 0 elsewhere (0 at the kink, as TensorFlow).
 * Contiguous, equal sizes; `dx` may be `dy`. Returns `dx`.
 */
export function reluBackward(dx: Tensor, dy: Tensor, y: Tensor): Tensor {
  const n = dy.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const dyp = heapPointer(dy), yp = heapPointer(y), dxp = heapPointer(dx);
    if (dyp >= 0 && yp >= 0 && dxp >= 0) {
      wasm.reluBackward(n, dyp, yp, dxp);
      return dx;
    }
  }
  const dyd = dy.data, yd = y.data, dxd = dx.data;
  for (let i = 0, go = dy.offset, yo = y.offset, xo = dx.offset; i < n; i++) {
    dxd[xo + i] = yd[yo + i] > 0 ? dyd[go + i] : 0;
  }
  return dx;
}
