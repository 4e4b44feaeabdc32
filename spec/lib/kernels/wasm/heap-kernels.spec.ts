/**
 * The element-wise kernels on both paths: the WebAssembly SIMD loops (tensors in the kernel heap)
 * against the TypeScript loops (ordinary tensors), on sizes around the 4-lane vector width.
 */
import ndarray from 'ndarray';
import { addBias, addBiasRelu, sumColumns } from '../../../../lib/kernels/bias';
import { setKernelBackend } from '../../../../lib/kernels/backend';
import { allFinite } from '../../../../lib/kernels/finite';
import { kernelZeros } from '../../../../lib/kernels/kernel-zeros';
import { relu, reluBackward } from '../../../../lib/kernels/relu';
import {
  adadeltaStep, adagradStep, adamaxStep, adamStep, momentumStep, nadamStep, rmspropStep, scaleInPlace, sgdStep,
} from '../../../../lib/kernels/optimizer-steps';
import { heapKernels, heapPointer } from '../../../../lib/kernels/wasm/heap-kernels';
import { Random } from '../../../../lib/random';
import type { Tensor } from '../../../../lib/tensor';

afterEach(() => setKernelBackend('auto'));

/** Sizes below, at and past the vector width, with tails of every length. */
const SIZES = [1, 3, 4, 5, 7, 8, 33, 1000];

/** `values` in the kernel heap (the WebAssembly path), checked to be there. */
function inHeap(values: Float32Array, shape: readonly number[] = [values.length]): Tensor {
  const t = kernelZeros(shape);
  t.data.set(values);
  expect(heapPointer(t)).toBeGreaterThanOrEqual(0);
  return t;
}

/** `values` in an ordinary array (the TypeScript path), checked not to be in the heap. */
function ordinary(values: Float32Array, shape: readonly number[] = [values.length]): Tensor {
  const t = ndarray(Float32Array.from(values), shape.slice());
  expect(heapPointer(t)).toBe(-1);
  return t;
}

/** Seeded values in [-1, 1), with exact zeros sprinkled in (ReLU's kink). */
function randomValues(n: number, seed: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: n }, (_, i) => (i % 5 === 2 ? 0 : rng.uniformRange(-1, 1)));
}

describe('relu and reluBackward', () => {
  test.each(SIZES)('agree bit for bit on both paths (n = %i) and match max(0, x) and dy·[y > 0]', (n) => {
    const x = randomValues(n, n);
    const dy = randomValues(n, n + 100);
    const yWasm = relu(inHeap(new Float32Array(n)), inHeap(x));
    const yJs = relu(ordinary(new Float32Array(n)), ordinary(x));
    expect(Array.from(yWasm.data)).toEqual(Array.from(x, (v) => (v < 0 ? 0 : v)));
    expect(Array.from(yJs.data)).toEqual(Array.from(yWasm.data));
    const dxWasm = reluBackward(inHeap(new Float32Array(n)), inHeap(dy), yWasm);
    const dxJs = reluBackward(ordinary(new Float32Array(n)), ordinary(dy), yJs);
    expect(Array.from(dxWasm.data)).toEqual(Array.from(dy, (g, i) => (yJs.data[i] > 0 ? g : 0)));
    expect(Array.from(dxJs.data)).toEqual(Array.from(dxWasm.data));
  });

  test('work in place and keep NaN (forward) on the WebAssembly path', () => {
    const x = inHeap(Float32Array.of(-2, NaN, 3, -0.5, 4, -1));
    relu(x, x);
    expect(Array.from(x.data)).toEqual([0, NaN, 3, 0, 4, 0]);
  });
});

describe('addBiasRelu', () => {
  test.each([[1, 1], [3, 5], [4, 8], [7, 13], [64, 10]])('agrees bit for bit on both paths with addBias then relu for [%i, %i]', (M, N) => {
    const z = randomValues(M * N, M * 17 + N);
    const b = randomValues(N, N + 7);
    // −z[0] as bias gives an exact zero sum (ReLU's kink); a tiny negative pair stays below it.
    b[0] = -z[0];
    if (M * N > 1 && N > 1) {
      z[1] = -1e-30;
      b[1] = -1e-30;
    }
    const expected = relu(inHeap(new Float32Array(M * N), [M, N]), addBias(inHeap(new Float32Array(M * N), [M, N]), inHeap(z, [M, N]), inHeap(b)));
    const outWasm = addBiasRelu(inHeap(new Float32Array(M * N), [M, N]), inHeap(z, [M, N]), inHeap(b));
    const outJs = addBiasRelu(ordinary(new Float32Array(M * N), [M, N]), ordinary(z, [M, N]), ordinary(b));
    expect(Array.from(outWasm.data)).toEqual(Array.from(expected.data));
    expect(Array.from(outJs.data)).toEqual(Array.from(expected.data));
    expect(Object.is(outJs.data[1], outWasm.data[1])).toBe(true);
    const inPlace = inHeap(z, [M, N]);
    addBiasRelu(inPlace, inPlace, inHeap(b));
    expect(Array.from(inPlace.data)).toEqual(Array.from(expected.data));
  });
});

describe('addBias and sumColumns', () => {
  test.each([[1, 1], [3, 5], [4, 8], [7, 13], [64, 10]])('agree bit for bit on both paths for [%i, %i]', (M, N) => {
    const z = randomValues(M * N, M * 31 + N);
    const b = randomValues(N, N);
    const outWasm = addBias(inHeap(new Float32Array(M * N), [M, N]), inHeap(z, [M, N]), inHeap(b));
    const outJs = addBias(ordinary(new Float32Array(M * N), [M, N]), ordinary(z, [M, N]), ordinary(b));
    expect(Array.from(outJs.data)).toEqual(Array.from(outWasm.data));
    expect(outWasm.data[(M - 1) * N + N - 1]).toBe(Math.fround(z[(M - 1) * N + N - 1] + b[N - 1]));
    const sWasm = sumColumns(inHeap(Float32Array.from({ length: N }, () => 9)), inHeap(z, [M, N]));
    const sJs = sumColumns(ordinary(new Float32Array(N)), ordinary(z, [M, N]));
    expect(Array.from(sJs.data)).toEqual(Array.from(sWasm.data));
    let first = 0;
    for (let i = 0; i < M; i++) first = Math.fround(first + z[i * N]);
    expect(sWasm.data[0]).toBe(first);
  });

  test('sumColumns of a hand-made [2, 5] matrix overwrites what the output held', () => {
    const a = inHeap(Float32Array.of(1, 2, 3, 4, 5, 10, 20, 30, 40, 50), [2, 5]);
    expect(Array.from(sumColumns(inHeap(Float32Array.of(7, 7, 7, 7, 7)), a).data)).toEqual([11, 22, 33, 44, 55]);
  });
});

describe('sgdStep and momentumStep', () => {
  test.each(SIZES)('agree within float32 rounding on both paths (n = %i)', (n) => {
    const w = randomValues(n, 1);
    const g = randomValues(n, 2);
    const v = randomValues(n, 3);
    const wWasm = sgdStep(inHeap(w), inHeap(g), 0.1);
    const wJs = sgdStep(ordinary(w), ordinary(g), 0.1);
    for (let i = 0; i < n; i++) {
      expect(wWasm.data[i]).toBeCloseTo(w[i] - 0.1 * g[i], 6);
      expect(wJs.data[i]).toBeCloseTo(wWasm.data[i], 6);
    }
    for (const nesterov of [false, true]) {
      const vWasm = inHeap(v);
      const vJs = ordinary(v);
      const mWasm = momentumStep(inHeap(w), inHeap(g), vWasm, 0.05, 0.9, nesterov);
      const mJs = momentumStep(ordinary(w), ordinary(g), vJs, 0.05, 0.9, nesterov);
      for (let i = 0; i < n; i++) {
        const vNew = 0.9 * v[i] - 0.05 * g[i];
        expect(vWasm.data[i]).toBeCloseTo(vNew, 6);
        expect(vJs.data[i]).toBeCloseTo(vNew, 6);
        const wNew = w[i] + (nesterov ? 0.9 * vNew - 0.05 * g[i] : vNew);
        expect(mWasm.data[i]).toBeCloseTo(wNew, 6);
        expect(mJs.data[i]).toBeCloseTo(wNew, 6);
      }
    }
  });

  test('a hand-computed plain step on the WebAssembly path: w − η·g', () => {
    const w = inHeap(Float32Array.of(1, 2, 3, 4, 5));
    sgdStep(w, inHeap(Float32Array.of(10, -10, 0, 2, 4)), 0.5);
    expect(Array.from(w.data)).toEqual([-4, 7, 3, 3, 3]);
  });
});

describe('adamStep and scaleInPlace', () => {
  test.each(SIZES)('agree within float32 rounding on both paths, with and without AMSGrad (n = %i)', (n) => {
    const w = randomValues(n, 11);
    const g = randomValues(n, 12);
    const m = randomValues(n, 13).map((x) => x / 10);
    const v = randomValues(n, 14).map((x) => x * x);
    const vMax = randomValues(n, 15).map((x) => x * x);
    const [lr, b1, b2, eps, t] = [0.01, 0.9, 0.999, 1e-7, 3];
    const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (const amsgrad of [false, true]) {
      const heap = { m: inHeap(m), v: inHeap(v), vMax: amsgrad ? inHeap(vMax) : null };
      const plain = { m: ordinary(m), v: ordinary(v), vMax: amsgrad ? ordinary(vMax) : null };
      const wWasm = adamStep(inHeap(w), inHeap(g), heap, lr, b1, b2, eps, t);
      const wJs = adamStep(ordinary(w), ordinary(g), plain, lr, b1, b2, eps, t);
      for (let i = 0; i < n; i++) {
        const mNew = m[i] + (g[i] - m[i]) * (1 - b1);
        const vNew = v[i] + (g[i] * g[i] - v[i]) * (1 - b2);
        const vUsed = amsgrad ? Math.max(vMax[i], vNew) : vNew;
        const wNew = w[i] - (alpha * mNew) / (Math.sqrt(vUsed) + eps);
        for (const [got, state] of [[wWasm, heap], [wJs, plain]] as const) {
          expect(state.m.data[i]).toBeCloseTo(mNew, 6);
          expect(state.v.data[i]).toBeCloseTo(vNew, 6);
          if (state.vMax) expect(state.vMax.data[i]).toBeCloseTo(vUsed, 6);
          expect(got.data[i]).toBeCloseTo(wNew, 5);
        }
      }
    }
  });

  test('scaleInPlace multiplies every element on both paths', () => {
    const values = Float32Array.of(1, -2, 3, 0.5, 8);
    expect(Array.from(scaleInPlace(inHeap(values), 0.5).data)).toEqual([0.5, -1, 1.5, 0.25, 4]);
    expect(Array.from(scaleInPlace(ordinary(values), 0.5).data)).toEqual([0.5, -1, 1.5, 0.25, 4]);
  });
});

describe('rmspropStep and adagradStep', () => {
  test.each(SIZES)('agree within float32 rounding on both paths, in every RMSprop variant (n = %i)', (n) => {
    const w = randomValues(n, 21);
    const g = randomValues(n, 22);
    const s0 = randomValues(n, 23).map((x) => x * x + 0.5);
    const mg = randomValues(n, 24).map((x) => x / 10);
    const b = randomValues(n, 25).map((x) => x / 10);
    const [lr, rho, mu, eps] = [0.01, 0.9, 0.5, 1e-7];
    for (const centered of [false, true]) {
      for (const momentum of [false, true]) {
        const heap = { meanSquare: inHeap(s0), meanGrad: centered ? inHeap(mg) : null, velocity: momentum ? inHeap(b) : null };
        const plain = { meanSquare: ordinary(s0), meanGrad: centered ? ordinary(mg) : null, velocity: momentum ? ordinary(b) : null };
        const wWasm = rmspropStep(inHeap(w), inHeap(g), heap, lr, rho, momentum ? mu : 0, eps);
        const wJs = rmspropStep(ordinary(w), ordinary(g), plain, lr, rho, momentum ? mu : 0, eps);
        for (let i = 0; i < n; i++) {
          const sNew = rho * s0[i] + (1 - rho) * g[i] * g[i];
          const mNew = rho * mg[i] + (1 - rho) * g[i];
          const step = (lr * g[i]) / Math.sqrt(sNew + eps - (centered ? mNew * mNew : 0));
          const bNew = mu * b[i] + step;
          const wNew = w[i] - (momentum ? bNew : step);
          for (const [got, state] of [[wWasm, heap], [wJs, plain]] as const) {
            expect(state.meanSquare.data[i]).toBeCloseTo(sNew, 6);
            if (state.meanGrad) expect(state.meanGrad.data[i]).toBeCloseTo(mNew, 6);
            if (state.velocity) expect(state.velocity.data[i]).toBeCloseTo(bNew, 6);
            expect(got.data[i]).toBeCloseTo(wNew, 5);
          }
        }
      }
    }
  });

  test.each(SIZES)('adagradStep agrees within float32 rounding on both paths (n = %i)', (n) => {
    const w = randomValues(n, 31);
    const g = randomValues(n, 32);
    const a = randomValues(n, 33).map((x) => x * x + 0.1);
    const accWasm = inHeap(a);
    const accJs = ordinary(a);
    const wWasm = adagradStep(inHeap(w), inHeap(g), accWasm, 0.05, 1e-7);
    const wJs = adagradStep(ordinary(w), ordinary(g), accJs, 0.05, 1e-7);
    for (let i = 0; i < n; i++) {
      const aNew = a[i] + g[i] * g[i];
      const wNew = w[i] - (0.05 * g[i]) / Math.sqrt(aNew + 1e-7);
      expect(accWasm.data[i]).toBeCloseTo(aNew, 6);
      expect(accJs.data[i]).toBeCloseTo(aNew, 6);
      expect(wWasm.data[i]).toBeCloseTo(wNew, 5);
      expect(wJs.data[i]).toBeCloseTo(wNew, 5);
    }
  });
});

describe('adamaxStep, nadamStep and adadeltaStep', () => {
  test.each(SIZES)('agree within float32 rounding on both paths with the formulas (n = %i)', (n) => {
    const w = randomValues(n, 41);
    const g = randomValues(n, 42);
    const m = randomValues(n, 43).map((x) => x / 10);
    const second = randomValues(n, 44).map((x) => x * x + 0.2);
    const [lr, b1, b2, eps, t] = [0.01, 0.9, 0.999, 1e-7, 4];
    // Adamax
    const mA = [inHeap(m), ordinary(m)], uA = [inHeap(second), ordinary(second)];
    const wA = [adamaxStep(inHeap(w), inHeap(g), mA[0], uA[0], lr, b1, b2, eps, t), adamaxStep(ordinary(w), ordinary(g), mA[1], uA[1], lr, b1, b2, eps, t)];
    // Nadam, with arbitrary folded factors
    const f = { mWeight: 1.7, gWeight: 0.3, vCorrection: 0.004 };
    const mN = [inHeap(m), ordinary(m)], vN = [inHeap(second), ordinary(second)];
    const wN = [nadamStep(inHeap(w), inHeap(g), mN[0], vN[0], lr, b1, b2, eps, f), nadamStep(ordinary(w), ordinary(g), mN[1], vN[1], lr, b1, b2, eps, f)];
    // Adadelta
    const rho = 0.95;
    const eg = [inHeap(second), ordinary(second)], ed = [inHeap(m.map((x) => x * x)), ordinary(m.map((x) => x * x))];
    const wD = [adadeltaStep(inHeap(w), inHeap(g), eg[0], ed[0], 1, rho, 1e-6), adadeltaStep(ordinary(w), ordinary(g), eg[1], ed[1], 1, rho, 1e-6)];
    for (let i = 0; i < n; i++) {
      const mNew = m[i] + (g[i] - m[i]) * (1 - b1);
      const uNew = Math.max(b2 * second[i], Math.abs(g[i]));
      const wAdamax = w[i] - (lr * mNew) / ((1 - b1 ** t) * (uNew + eps));
      const vNew = second[i] + (g[i] * g[i] - second[i]) * (1 - b2);
      const wNadam = w[i] - (lr * (f.mWeight * mNew + f.gWeight * g[i])) / (Math.sqrt(vNew / f.vCorrection) + eps);
      const egNew = rho * second[i] + (1 - rho) * g[i] * g[i];
      const delta = -(Math.sqrt(m[i] * m[i] + 1e-6) / Math.sqrt(egNew + 1e-6)) * g[i];
      const edNew = rho * m[i] * m[i] + (1 - rho) * delta * delta;
      for (const k of [0, 1]) {
        expect(mA[k].data[i]).toBeCloseTo(mNew, 6);
        expect(uA[k].data[i]).toBeCloseTo(uNew, 6);
        expect(wA[k].data[i]).toBeCloseTo(wAdamax, 5);
        expect(vN[k].data[i]).toBeCloseTo(vNew, 6);
        expect(wN[k].data[i]).toBeCloseTo(wNadam, 5);
        expect(eg[k].data[i]).toBeCloseTo(egNew, 6);
        expect(ed[k].data[i]).toBeCloseTo(edNew, 6);
        expect(wD[k].data[i]).toBeCloseTo(w[i] + delta, 5);
      }
    }
  });
});

describe('allFinite', () => {
  test.each(SIZES)('finds a NaN or an Infinity at any position on both paths (n = %i)', (n) => {
    expect(allFinite(inHeap(randomValues(n, 5)))).toBe(true);
    expect(allFinite(ordinary(randomValues(n, 5)))).toBe(true);
    for (const bad of [NaN, Infinity, -Infinity]) {
      for (const at of [0, n - 1, n >> 1]) {
        const values = randomValues(n, 6);
        values[at] = bad;
        expect(allFinite(inHeap(values))).toBe(false);
        expect(allFinite(ordinary(values))).toBe(false);
      }
    }
  });

  test('finite extremes are finite: ±3.4e38 and subnormals', () => {
    expect(allFinite(inHeap(Float32Array.of(3.4e38, -3.4e38, 1e-45, -1e-45, 0, -0)))).toBe(true);
  });
});

describe('heapKernels', () => {
  test("is the heap's instance under 'auto' and null under the 'js' backend, which pins every kernel to TypeScript", () => {
    expect(heapKernels()).not.toBeNull();
    const x = inHeap(Float32Array.of(-1, 2, -3, 4, -5));
    setKernelBackend('js');
    expect(heapKernels()).toBeNull();
    expect(Array.from(relu(x, x).data)).toEqual([0, 2, 0, 4, 0]);
  });
});
