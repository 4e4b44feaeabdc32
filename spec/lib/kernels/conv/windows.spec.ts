/**
 * The window sweeps on both paths: im2col, col2im, max pooling and its backward scatter in
 * WebAssembly SIMD (tensors in the kernel heap, assembly/windows.ts) against their TypeScript
 * loops, bit for bit, over geometries with every channel tail (1, 3, 4, 5, 32 channels),
 * padding, strides and dilation.
 */
import ndarray from 'ndarray';
import { convGeometry, type ConvGeometry, type Padding } from '../../../../lib/kernels/conv/conv-geometry';
import { col2im, col2imJs } from '../../../../lib/kernels/conv/col2im';
import { im2col, im2colJs } from '../../../../lib/kernels/conv/im2col';
import { maxPool, maxPoolBackward, maxPoolJs } from '../../../../lib/kernels/conv/pool';
import { setKernelBackend } from '../../../../lib/kernels/backend';
import { kernelInt32, kernelZeros } from '../../../../lib/kernels/kernel-zeros';
import { heapAddress } from '../../../../lib/kernels/wasm/kernel-heap';
import { heapKernels, heapPointer } from '../../../../lib/kernels/wasm/heap-kernels';
import { Random } from '../../../../lib/random';
import type { Tensor } from '../../../../lib/tensor';

afterEach(() => setKernelBackend('auto'));

test('the WebAssembly window kernels are available here, so the heap cases below run them', () => {
  expect(heapKernels()).not.toBeNull();
});

/** `[name, input shape, kernel, strides, dilation, padding]`. */
const CASES: [string, number[], [number, number], [number, number], [number, number], Padding][] = [
  ['1 channel, 3×3 valid (the MNIST convnet\'s first layer)', [2, 7, 6, 1], [3, 3], [1, 1], [1, 1], 'valid'],
  ['3 channels, 3×3 same, stride 2', [2, 7, 8, 3], [3, 3], [2, 2], [1, 1], 'same'],
  ['4 channels, 2×3 same, dilation 2', [1, 6, 7, 4], [2, 3], [1, 1], [2, 2], 'same'],
  ['5 channels, 3×2 valid, strides 2×1', [2, 6, 5, 5], [3, 2], [2, 1], [1, 1], 'valid'],
  ['32 channels, 3×3 valid (the second layer)', [2, 6, 6, 32], [3, 3], [1, 1], [1, 1], 'valid'],
  ['6 channels, 5×5 same over a 3×4 image (windows past both edges)', [1, 3, 4, 6], [5, 5], [1, 1], [1, 1], 'same'],
];

/** Seeded values in [-1, 1) with repeats (ties for the max) every few elements. */
function randomValues(n: number, seed: number): Float32Array {
  const rng = new Random(seed);
  const values = Float32Array.from({ length: n }, () => rng.uniformRange(-1, 1));
  for (let i = 7; i < n; i += 7) values[i] = values[i - 3];
  return values;
}

/** A tensor of `values` in the kernel heap, checked to be there. */
function inHeap(values: Float32Array, shape: readonly number[]): Tensor {
  const t = kernelZeros(shape);
  t.data.set(values);
  expect(heapPointer(t)).toBeGreaterThanOrEqual(0);
  return t;
}

/** A tensor of `values` in an ordinary array. */
function ordinary(values: Float32Array, shape: readonly number[]): Tensor {
  const t = ndarray(Float32Array.from(values), shape.slice());
  expect(heapPointer(t)).toBe(-1);
  return t;
}

function geometryOf(shape: number[], kernel: [number, number], strides: [number, number], dilation: [number, number], padding: Padding): ConvGeometry {
  return convGeometry(shape, { kernel, strides, dilation, padding });
}

describe.each(CASES)('%s', (_, shape, kernel, strides, dilation, padding) => {
  const g = geometryOf(shape, kernel, strides, dilation, padding);
  const inSize = shape.reduce((a, b) => a * b, 1);
  const rows = g.batch * g.outH * g.outW;
  const depth = g.kernelH * g.kernelW * g.channels;

  it('im2col agrees bit for bit, reading the input in the heap or from an ordinary array', () => {
    const x = randomValues(inSize, inSize);
    const expected = im2colJs(ordinary(new Float32Array(rows * depth), [rows, depth]), ordinary(x, shape), g);
    const fromHeap = im2col(inHeap(new Float32Array(rows * depth).fill(9), [rows, depth]), inHeap(x, shape), g);
    const fromOrdinary = im2col(inHeap(new Float32Array(rows * depth).fill(9), [rows, depth]), ordinary(x, shape), g);
    expect(Array.from(fromHeap.data)).toEqual(Array.from(expected.data));
    expect(Array.from(fromOrdinary.data)).toEqual(Array.from(expected.data));
  });

  it('col2im agrees bit for bit', () => {
    const dCols = randomValues(rows * depth, rows + depth);
    const expected = col2imJs(ordinary(new Float32Array(inSize), shape), ordinary(dCols, [rows, depth]), g);
    const got = col2im(inHeap(new Float32Array(inSize).fill(9), shape), inHeap(dCols, [rows, depth]), g);
    expect(Array.from(got.data)).toEqual(Array.from(expected.data));
  });
});

/** Max pooling cases: `[name, input shape, window, strides, padding]`. */
const POOL_CASES: [string, number[], [number, number], [number, number], Padding][] = [
  ['2×2 over 32 channels (the convnet)', [2, 6, 6, 32], [2, 2], [2, 2], 'valid'],
  ['3×3 stride 2 same over 5 channels', [2, 7, 6, 5], [3, 3], [2, 2], 'same'],
  ['2×3 stride 1 same over 3 channels', [1, 5, 4, 3], [2, 3], [1, 1], 'same'],
  ['2×2 over 1 channel, odd size', [2, 5, 7, 1], [2, 2], [2, 2], 'valid'],
];

describe.each(POOL_CASES)('max pooling %s', (_, shape, window, strides, padding) => {
  const g = geometryOf(shape, window, strides, [1, 1], padding);
  const inSize = shape.reduce((a, b) => a * b, 1);
  const outShape = [g.batch, g.outH, g.outW, g.channels];
  const outSize = outShape.reduce((a, b) => a * b, 1);

  it('the output and the arg-max agree bit for bit (ties go to the first tap, NaN never replaces a number)', () => {
    const x = randomValues(inSize, inSize + 1);
    x[5] = NaN;
    x[g.channels] = NaN;
    const expectedArgmax = new Int32Array(outSize);
    const expected = maxPoolJs(ordinary(new Float32Array(outSize), outShape), expectedArgmax, ordinary(x, shape), g);
    const argmax = kernelInt32(outSize);
    expect(heapAddress(argmax)).toBeGreaterThanOrEqual(0);
    const got = maxPool(inHeap(new Float32Array(outSize), outShape), argmax, inHeap(x, shape), g);
    expect(Array.from(got.data)).toEqual(Array.from(expected.data));
    expect(Array.from(argmax)).toEqual(Array.from(expectedArgmax));
    const noArgmax = maxPool(inHeap(new Float32Array(outSize), outShape), null, ordinary(x, shape), g);
    expect(Array.from(noArgmax.data)).toEqual(Array.from(expected.data));
    for (let o = 0; o < outSize; o++) {
      if (!Number.isNaN(expected.data[o])) expect(x[expectedArgmax[o]]).toBe(expected.data[o]);
    }

    const dOut = randomValues(outSize, outSize);
    const dxExpected = maxPoolBackward(ordinary(new Float32Array(inSize), shape), ordinary(dOut, outShape), expectedArgmax);
    const dx = maxPoolBackward(inHeap(new Float32Array(inSize).fill(9), shape), inHeap(dOut, outShape), argmax);
    expect(Array.from(dx.data)).toEqual(Array.from(dxExpected.data));
  });

  it('the TypeScript backend keeps the arg-max in an ordinary array', () => {
    setKernelBackend('js');
    expect(heapAddress(kernelInt32(outSize))).toBe(-1);
  });
});
