/**
 * The recurrent cells' gate activations in place over a run of values: the logistic sigmoid and
 * tanh. Float64 runs use `Math.exp`/`Math.tanh`. Float32 runs use one float32 exponential
 * (Cephes's `expf`, see assembly/gate-activations.ts): in WebAssembly SIMD for runs in the kernel
 * heap, else the same operations here one value at a time with every result rounded to float32,
 * so both paths give the same bits (tested).
 */
import { heapAddress } from './wasm/kernel-heap';
import { heapKernels } from './wasm/heap-kernels';

const math = Math;
const f32 = Math.fround;

const LOG2E = f32(1.44269504088896341);
const LN2_HI = f32(0.693359375);
const LN2_LO = f32(-2.12194440e-4);
const EXP_MAX = f32(88.0);
const EXP_MIN = f32(-87.3365478515625);
const P0 = f32(1.9875691500e-4);
const P1 = f32(1.3981999507e-3);
const P2 = f32(8.3334519073e-3);
const P3 = f32(4.1665795894e-2);
const P4 = f32(1.6666665459e-1);
const P5 = f32(5.0000001201e-1);

/** Rounds to the nearest integer, ties to even (WebAssembly's `nearest`). */
function roundHalfEven(v: number): number {
  const r = math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * `e^x` in float32: `2^n · (1 + r + r²·p(r))` with `n = round(x·log2 e)` and `r = x − n·ln 2`,
 * each operation rounded to float32, exactly as the SIMD kernel computes it.
 */
function exp32(x: number): number {
  x = math.min(math.max(x, EXP_MIN), EXP_MAX);
  const n = roundHalfEven(f32(x * LOG2E));
  let r = f32(x - f32(n * LN2_HI));
  r = f32(r - f32(n * LN2_LO));
  let p = P0;
  p = f32(f32(p * r) + P1);
  p = f32(f32(p * r) + P2);
  p = f32(f32(p * r) + P3);
  p = f32(f32(p * r) + P4);
  p = f32(f32(p * r) + P5);
  const y = f32(f32(f32(f32(p * r) * r) + r) + 1);
  return f32(y * 2 ** n);
}

/** `v[i] ← σ(v[i]) = 1/(1 + e^−v[i])` for `i` in `[start, start + count)`. */
export function sigmoidInPlace(v: Float32Array | Float64Array, start: number, count: number): void {
  if (v instanceof Float64Array) {
    for (let i = start; i < start + count; i++) v[i] = 1 / (1 + math.exp(-v[i]));
    return;
  }
  const base = heapAddress(v);
  const wasm = base >= 0 ? heapKernels() : null;
  if (wasm) {
    wasm.sigmoidInPlace(count, base + start * 4);
    return;
  }
  for (let i = start; i < start + count; i++) v[i] = f32(1 / f32(1 + exp32(-v[i])));
}

/** `v[i] ← tanh(v[i])` for `i` in `[start, start + count)` (float32: `2·σ(2x) − 1`). */
export function tanhInPlace(v: Float32Array | Float64Array, start: number, count: number): void {
  if (v instanceof Float64Array) {
    for (let i = start; i < start + count; i++) v[i] = math.tanh(v[i]);
    return;
  }
  const base = heapAddress(v);
  const wasm = base >= 0 ? heapKernels() : null;
  if (wasm) {
    wasm.tanhInPlace(count, base + start * 4);
    return;
  }
  for (let i = start; i < start + count; i++) {
    const s = f32(1 / f32(1 + exp32(-f32(2 * v[i]))));
    v[i] = f32(2 * s - 1);
  }
}
