/**
 * The recurrent gate activations: the float32 SIMD kernels (runs in the kernel heap) give the same
 * bits as the float32 TypeScript path (ordinary arrays), on sizes around the 4-lane width, at
 * offsets, on extreme inputs; both stay within a few float32 ulps of Math's values; float64 runs
 * are Math's exactly.
 */
import { sigmoidInPlace, tanhInPlace } from '../../../lib/kernels/gate-activations';
import { kernelZeros } from '../../../lib/kernels/kernel-zeros';
import { heapPointer } from '../../../lib/kernels/wasm/heap-kernels';
import { Random } from '../../../lib/random';

const SIZES = [1, 3, 4, 5, 7, 8, 33, 1000];
const EXTREMES = [0, -0, 1e-8, -1e-8, 0.5, -0.5, 5, -5, 20, -20, 44, -44, 87, -87, 88.5, -88.5, 100, -100, 1e30, -1e30, Infinity, -Infinity];

function values(n: number, seed: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: n }, (_, i) => (i < EXTREMES.length && n >= 100 ? EXTREMES[i] : rng.uniformRange(-12, 12)));
}

function inHeap(v: Float32Array): Float32Array {
  const t = kernelZeros([v.length], 'float32');
  expect(heapPointer(t)).toBeGreaterThanOrEqual(0);
  (t.data as Float32Array).set(v);
  return t.data as Float32Array;
}

describe.each([
  ['sigmoid', sigmoidInPlace, (x: number) => 1 / (1 + Math.exp(-x))],
  ['tanh', tanhInPlace, Math.tanh],
] as const)('%s', (_, kernel, reference) => {
  it.each(SIZES)('n = %i: SIMD and TypeScript give the same bits, close to Math', (n) => {
    const v = values(n + 3, n);
    const simd = inHeap(v);
    const plain = Float32Array.from(v);
    kernel(simd, 3, n); // from an offset: the first three stay
    kernel(plain, 3, n);
    expect(Array.from(simd)).toEqual(Array.from(plain));
    expect(Array.from(simd.subarray(0, 3))).toEqual(Array.from(v.subarray(0, 3)));
    for (let i = 3; i < n + 3; i++) {
      const want = reference(v[i]);
      expect(Number.isFinite(simd[i])).toBe(true);
      expect(Math.abs(simd[i] - want)).toBeLessThanOrEqual(2.5e-7 + 4e-7 * Math.abs(want));
    }
  });

  it('float64 runs are Math’s values exactly', () => {
    const v = Float64Array.from(values(40, 9));
    const out = Float64Array.from(v);
    kernel(out, 0, 40);
    out.forEach((y, i) => expect(y).toBe(reference(v[i])));
  });
});

it('saturates without NaN: σ(+∞) = 1, σ(−∞) ≈ 0 (e^88 is the largest exponential taken) and tanh(±∞) = ±1', () => {
  const v = inHeap(Float32Array.of(Infinity, -Infinity, 1000, -1000));
  sigmoidInPlace(v, 0, 4);
  expect([v[0], v[2]]).toEqual([1, 1]);
  for (const small of [v[1], v[3]]) expect(small >= 0 && small < 1e-37).toBe(true);
  const t = inHeap(Float32Array.of(Infinity, -Infinity, 1000, -1000));
  tanhInPlace(t, 0, 4);
  expect(Array.from(t)).toEqual([1, -1, 1, -1]);
});
