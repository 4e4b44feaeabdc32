/**
 * `dispose()` gives a model's kernel-heap memory back at once: creating, using and disposing
 * 1,000 models one after another keeps the heap flat (without dispose its blocks wait for the
 * garbage collector), and a disposed model or layer refuses every later use.
 */
import { Dense, Dropout, ReLU, Sequential, StateError, setSeed, tensor } from '../../lib';
import { heapTop, kernelHeap } from '../../lib/kernels/wasm/kernel-heap';
import { freeHeapFloat32, heapFloat32 } from '../../lib/kernels/wasm/kernel-heap';
import { kernelZeros } from '../../lib/kernels';

const x = tensor(Array.from({ length: 8 }, (_, i) => Array.from({ length: 32 }, (_, j) => Math.sin(i + j))));
const y = tensor(Array.from({ length: 8 }, (_, i) => [i % 2, 1 - (i % 2)]));

function makeModel(): Sequential {
  const model = new Sequential([new Dense({ units: 64, activation: 'relu', inputShape: [32] }), new Dropout({ rate: 0.1 }), new Dense({ units: 2 })]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  return model;
}

/** The heap's size and the first byte above its blocks. */
function heapSize(): [number, number] {
  return [(kernelHeap() as NonNullable<ReturnType<typeof kernelHeap>>).memory.buffer.byteLength, heapTop()];
}

test('the kernel heap is there (SharedArrayBuffer and the shared build are available in Node)', () => {
  expect(kernelHeap()).not.toBeNull();
});

test('creating, training, predicting and disposing 1,000 models keeps the heap flat', () => {
  setSeed(1);
  const cycle = (): void => {
    const model = makeModel();
    model.trainOnBatch(x, y);
    model.trainOnBatch(x.lo(3), y.lo(3)); // another batch size: the layers' buffers are replaced
    model.predict(x);
    model.predict(x.lo(5));
    model.dispose();
  };
  for (let i = 0; i < 5; i++) cycle();
  const before = heapSize();
  for (let i = 0; i < 1000; i++) cycle();
  expect(heapSize()).toEqual(before);
});

test('a freed block is reused at once, zeroed; freeing twice or freeing a subarray does nothing', () => {
  const a = heapFloat32(1000) as Float32Array;
  a.fill(7);
  const at = a.byteOffset;
  expect(freeHeapFloat32(a.subarray(10))).toBe(false);
  expect(freeHeapFloat32(a)).toBe(true);
  expect(freeHeapFloat32(a)).toBe(false);
  const b = heapFloat32(1000) as Float32Array;
  expect(b.byteOffset).toBe(at);
  expect(b.every((v) => v === 0)).toBe(true);
  expect(freeHeapFloat32(new Float32Array(1000))).toBe(false);
  freeHeapFloat32(b);
  expect(kernelZeros([10, 100]).data.byteOffset).toBe(at);
});

test('a disposed model and its layers refuse every use with a StateError; dispose twice is harmless', () => {
  setSeed(2);
  const model = makeModel();
  model.predict(x);
  const [dense] = model.layers;
  model.dispose();
  model.dispose();
  expect(() => model.predict(x)).toThrow(StateError);
  expect(() => model.predict(x)).toThrow(/sequential_\d+: predict called after dispose\(\)/);
  expect(() => model.trainOnBatch(x, y)).toThrow(StateError);
  expect(() => model.add(new ReLU())).toThrow(StateError);
  expect(() => model.toJSON()).toThrow(StateError);
  expect(() => dense.forward(x)).toThrow(/Dense 'dense_\d+': forward called after dispose\(\)/);
  expect(() => dense.params()).toThrow(StateError);
  expect(dense.describe()).toMatch(/^Dense /);
});

test('a layer disposed on its own frees its parameters and its activation\'s buffers', () => {
  const dense = new Dense({ units: 16, activation: 'tanh', inputShape: [32] });
  dense.forward(x);
  const blocks = [...dense.params().flatMap((p) => [p.value.data, p.grad.data])] as Float32Array[];
  dense.dispose();
  // Freed blocks are reused by the next arrays of their sizes.
  const reused = blocks.map((data) => (heapFloat32(data.length) as Float32Array).byteOffset);
  expect(reused.sort()).toEqual(blocks.map((data) => data.byteOffset).sort());
});
