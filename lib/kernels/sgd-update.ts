/**
 * The SGD parameter updates. Each runs as a WebAssembly SIMD loop in float32 when all its
 * tensors live in the kernel heap (heap-kernels.ts), else as the TypeScript loop here, which
 * computes in float64 and rounds on store; the two agree within float32 rounding.
 */
import type { Tensor } from '../tensor';
import { heapKernels, heapPointer } from './wasm/heap-kernels';

/** `w ← w − lr·g`, element by element. `w` and `g` are contiguous of equal size. Returns `w`. */
export function sgdStep(w: Tensor, g: Tensor, lr: number): Tensor {
  const n = w.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g);
    if (wp >= 0 && gp >= 0) {
      wasm.axpy(n, -lr, gp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data;
  for (let i = 0, wo = w.offset, go = g.offset; i < n; i++) wd[wo + i] -= lr * gd[go + i];
  return w;
}

/**
 * SGD with momentum `mu`: `v ← mu·v − lr·g`, then `w ← w + v`, or, with `nesterov`,
 * `w ← w + mu·v − lr·g` (with the new `v`). `w`, `g` and the velocity `v` are contiguous of
 * equal size. Returns `w`.
 */
export function momentumStep(w: Tensor, g: Tensor, v: Tensor, lr: number, mu: number, nesterov: boolean): Tensor {
  const n = w.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), vp = heapPointer(v);
    if (wp >= 0 && gp >= 0 && vp >= 0) {
      wasm.momentumStep(n, mu, lr, +nesterov, gp, vp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, vd = v.data;
  const wo = w.offset, go = g.offset, vo = v.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i];
    const vi = mu * vd[vo + i] - lr * gi;
    vd[vo + i] = vi;
    wd[wo + i] += nesterov ? mu * vd[vo + i] - lr * gi : vd[vo + i];
  }
  return w;
}
