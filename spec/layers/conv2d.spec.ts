import { ConfigError, ShapeError } from '../../lib/errors';
import { getKernelBackend, getKernelThreads, setKernelBackend, setKernelThreads } from '../../lib/kernels';
import { l2 } from '../../lib/regularizers';
import { clone, tensor, tensorAllocations, type Tensor } from '../../lib/tensor';
import { Conv2D, ReLU, type ConvOptions } from '../../layers';
import { CHUNK_BYTES } from '../../layers/base-conv';
import { referenceConv2d, referenceConv2dBackward, type ReferenceWindow } from '../helpers/conv-reference';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomAwayFromZero, randomTensor } from '../helpers/random';

/** A Conv2D built for `inputShape` in `dtype`, with seeded random kernel and bias. */
function convWith(options: ConvOptions, inputShape: number[], dtype: 'float32' | 'float64' = 'float64', seed = 3): Conv2D {
  const conv = new Conv2D(options);
  conv.build([null, ...inputShape.slice(1)], dtype);
  for (const [i, p] of conv.params().entries()) p.value.data.set(randomTensor(p.value.shape, seed + i).data);
  return conv;
}

function windowOf(conv: Conv2D): ReferenceWindow {
  const { strides, dilation, padding } = conv.window;
  return { strides: [strides[0], strides[1]], dilation: [dilation[0], dilation[1]], padding };
}

describe('Conv2D: a forward and backward derived by hand', () => {
  it('a 2×2 kernel over a 3×3 single-channel image, valid, stride 1', () => {
    // X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], W = [[1, 0], [0, −1]], b = 0.5:
    // Z[oh, ow] = X[oh, ow] − X[oh + 1, ow + 1] + 0.5 = −4 + 0.5 everywhere.
    const conv = new Conv2D({ filters: 1, kernelSize: 2 });
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1], 'float64');
    conv.build([null, 3, 3, 1], 'float64');
    conv.params()[0].value.data.set([1, 0, 0, -1]);
    conv.params()[1].value.data.set([0.5]);
    expectClose(conv.forward(x, true), tensor([-3.5, -3.5, -3.5, -3.5], [1, 2, 2, 1], 'float64'));
    // dZ = [[1, 2], [3, 4]]: db = 10; dW[i, j] = Σ dZ[oh, ow]·X[oh + i, ow + j]:
    // dW[0, 0] = 1·1 + 2·2 + 3·4 + 4·5 = 37, dW[0, 1] = 1·2 + 2·3 + 3·5 + 4·6 = 47,
    // dW[1, 0] = 1·4 + 2·5 + 3·7 + 4·8 = 67, dW[1, 1] = 1·5 + 2·6 + 3·8 + 4·9 = 77.
    // dX = dZ placed at (oh, ow) times W[0, 0] = 1, plus at (oh + 1, ow + 1) times W[1, 1] = −1.
    const { dAPrev, grads } = conv.backward(tensor([1, 2, 3, 4], [1, 2, 2, 1], 'float64'));
    expectClose(grads.db, [10]);
    expectClose(grads.dW, tensor([37, 47, 67, 77], [2, 2, 1, 1], 'float64'));
    expectClose(dAPrev as Tensor, tensor([1, 2, 0, 3, 3, -2, 0, -3, -4], [1, 3, 3, 1], 'float64'));
  });
});

// Every option combination that takes another path through im2col/col2im: padding on both
// sides (odd and even totals), strides, dilation, odd sizes, a 1×1 kernel (no im2col), batch 1.
const CASES: [string, ConvOptions, number[]][] = [
  ['3×3 valid', { filters: 4, kernelSize: 3 }, [2, 6, 5, 3]],
  ['3×3 same', { filters: 3, kernelSize: 3, padding: 'same' }, [2, 5, 6, 2]],
  ['2×2 same (padding after only)', { filters: 2, kernelSize: 2, padding: 'same' }, [1, 5, 4, 3]],
  ['4×3 same, strides 2', { filters: 3, kernelSize: [4, 3], strides: 2, padding: 'same' }, [2, 7, 8, 2]],
  ['3×3 valid, strides [2, 3]', { filters: 2, kernelSize: 3, strides: [2, 3] }, [2, 9, 10, 2]],
  ['3×3 dilation 2, same', { filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same' }, [1, 7, 6, 2]],
  ['2×3 dilation [2, 1], valid', { filters: 3, kernelSize: [2, 3], dilationRate: [2, 1] }, [2, 6, 5, 2]],
  ['1×1 (pointwise, no im2col)', { filters: 5, kernelSize: 1 }, [2, 3, 4, 3]],
  ['1×1 strides 2', { filters: 2, kernelSize: 1, strides: 2 }, [1, 5, 5, 2]],
  ['no bias, relu', { filters: 3, kernelSize: 3, useBias: false, activation: 'tanh' }, [1, 5, 5, 2]],
  ['kernel larger than a same-padded image', { filters: 2, kernelSize: 5, padding: 'same' }, [1, 3, 2, 1]],
];

describe.each(CASES)('Conv2D %s', (_, options, shape) => {
  it('im2col + GEMM matches the direct convolution, forward and backward (float64)', () => {
    const conv = convWith({ ...options, activation: 'linear' }, shape);
    const x = randomTensor(shape, 11);
    const [W, b] = conv.params().map((p) => p.value);
    const Z = conv.forward(x, true);
    const expected = referenceConv2d(x, W, b ?? null, windowOf(conv));
    expectClose(Z, expected, { rtol: 1e-12, atol: 1e-12 });
    const dZ = randomTensor(Z.shape, 12);
    const { dAPrev, grads } = conv.backward(dZ);
    const ref = referenceConv2dBackward(x, W, dZ, windowOf(conv));
    expectClose(dAPrev as Tensor, ref.dX, { rtol: 1e-12, atol: 1e-12 });
    expectClose(grads.dW, ref.dW, { rtol: 1e-12, atol: 1e-12 });
    if (b) expectClose(grads.db, ref.db, { rtol: 1e-12, atol: 1e-12 });
  });

  it('float32 on the WebAssembly GEMM matches the float64 reference to float32 rounding', () => {
    const conv = convWith({ ...options, activation: 'linear' }, shape, 'float32');
    const x = randomTensor(shape, 11, { dtype: 'float32' });
    const [W, b] = conv.params().map((p) => clone(p.value, 'float64'));
    const Z = conv.forward(x, true);
    expectClose(Z, referenceConv2d(clone(x, 'float64'), W, b ?? null, windowOf(conv)), { rtol: 1e-5, atol: 1e-5 });
    const dZ = randomTensor(Z.shape, 12, { dtype: 'float32' });
    const { dAPrev, grads } = conv.backward(dZ);
    const ref = referenceConv2dBackward(clone(x, 'float64'), W, clone(dZ, 'float64'), windowOf(conv));
    expectClose(dAPrev as Tensor, ref.dX, { rtol: 1e-5, atol: 1e-5 });
    expectClose(grads.dW, ref.dW, { rtol: 1e-5, atol: 1e-5 });
  });

  it('gradients match central differences under a random upstream gradient', () => {
    // h = 1e-5: the sum over a whole feature map is O(10), so h = 1e-6 leaves rounding of
    // about 1e-9 in the differences, too much against the smallest (cancelling) entries.
    const conv = convWith(options, shape);
    expectGradientsCorrect(conv, randomAwayFromZero(shape, 5), undefined, { seed: 7, epsilon: 1e-5 });
  });
});

describe('Conv2D options, shapes and errors', () => {
  it('output shapes follow TensorFlow for valid and same', () => {
    expect(new Conv2D({ filters: 32, kernelSize: 3 }).computeOutputShape([null, 28, 28, 1])).toEqual([null, 26, 26, 32]);
    expect(new Conv2D({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' }).computeOutputShape([4, 7, 8, 3])).toEqual([4, 4, 4, 8]);
    expect(new Conv2D({ filters: 8, kernelSize: 3, strides: 2 }).computeOutputShape([4, 7, 8, 3])).toEqual([4, 3, 3, 8]);
    expect(new Conv2D({ filters: 1, kernelSize: 3, dilationRate: 2 }).computeOutputShape([null, 7, 7, 1])).toEqual([null, 3, 3, 1]);
  });

  it('the kernel is [kh, kw, inChannels, filters] as in Keras, and counts as Keras counts', () => {
    const conv = new Conv2D({ filters: 64, kernelSize: 3 });
    conv.build([null, 13, 13, 32]);
    expect(conv.params().map((p) => [p.weightName, p.value.shape])).toEqual([['kernel', [3, 3, 32, 64]], ['bias', [64]]]);
    expect(conv.countParams()).toBe(18496);
    expect(conv.weightShapes([null, 13, 13, 32])).toEqual([{ weightName: 'kernel', shape: [3, 3, 32, 64] }, { weightName: 'bias', shape: [64] }]);
  });

  it('a kernel regularizer adds its penalty and its gradient', () => {
    const conv = convWith({ filters: 2, kernelSize: 2, kernelRegularizer: l2(0.1) }, [1, 3, 3, 1]);
    const W = conv.params()[0].value;
    let sum = 0;
    for (let i = 0; i < W.size; i++) sum += W.data[i] ** 2;
    expect(conv.regularizationLoss()).toBeCloseTo(0.1 * sum, 12);
    expectGradientsCorrect(conv, randomTensor([1, 3, 3, 1], 4));
  });

  it('getConfig gives the Keras options resolved to tuples, and rebuilds the layer', () => {
    const conv = new Conv2D({ filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'relu', name: 'c' });
    const config = conv.getConfig();
    expect(config).toMatchObject({ filters: 4, kernelSize: [3, 2], strides: [2, 2], padding: 'same', dataFormat: 'channels_last', dilationRate: [1, 1], activation: 'relu', useBias: true });
    expect(Conv2D.fromConfig(config).getConfig()).toEqual(config);
  });

  it('rejects bad options with messages naming the option and the value', () => {
    expect(() => new Conv2D({ filters: 0, kernelSize: 3 })).toThrow(new ConfigError('Conv2D: filters must be a positive integer, got 0'));
    expect(() => new Conv2D({ filters: 2, kernelSize: [3] })).toThrow(/Conv2D: kernelSize must be a positive integer or 2 positive integers, got \[3\]/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, strides: 0 })).toThrow(/strides must be/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, padding: 'causal' as never })).toThrow(/padding must be 'valid' or 'same', got "causal"/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, dataFormat: 'channels_first' as never })).toThrow(/channels_last/);
  });

  it('rejects input of the wrong rank or channel count, naming the layer and both shapes', () => {
    const conv = new Conv2D({ filters: 2, kernelSize: 3, name: 'conv_a' });
    expect(() => conv.forward(randomTensor([2, 28, 28], 1))).toThrow(ShapeError);
    expect(() => conv.forward(randomTensor([2, 28, 28], 1))).toThrow("Conv2D 'conv_a': input must have rank 4: expected [?, height, width, channels], got [?, 28, 28]");
    conv.forward(randomTensor([1, 5, 5, 3], 1));
    expect(() => conv.forward(randomTensor([1, 5, 5, 2], 1))).toThrow("Conv2D 'conv_a': input last axis must be 3: expected [?, 5, 5, 3], got [1, 5, 5, 2]");
  });

  it('allocates no tensor in a second forward+backward at the same batch size', () => {
    for (const options of [{ filters: 4, kernelSize: 3, activation: 'relu' }, { filters: 3, kernelSize: 1 }] as ConvOptions[]) {
      const conv = new Conv2D(options);
      const x = randomTensor([4, 8, 8, 3], 1, { dtype: 'float32' });
      const y = conv.forward(x, true);
      const dOut = randomTensor(y.shape, 2, { dtype: 'float32' });
      conv.backward(dOut);
      const before = tensorAllocations();
      conv.forward(x, true);
      conv.backward(dOut);
      expect(tensorAllocations()).toBe(before);
    }
  });

  it.each(['auto', 'js'] as const)("activation 'relu' (fused with the bias) gives the bits of a linear Conv2D then a ReLU layer, forward and backward (%s backend)", (backend) => {
    const previous = getKernelBackend();
    setKernelBackend(backend);
    try {
      for (const useBias of [true, false]) {
        const shape = [3, 9, 9, 4];
        const x = randomTensor(shape, 1, { dtype: 'float32' });
        const fused = convWith({ filters: 8, kernelSize: 3, activation: 'relu', useBias }, shape, 'float32');
        const linear = convWith({ filters: 8, kernelSize: 3, useBias }, shape, 'float32');
        const relu = new ReLU();
        const expected = relu.forward(linear.forward(x, true), true);
        const y = fused.forward(x, true);
        expect(Array.from(y.data)).toEqual(Array.from(expected.data));
        expect(Array.from(y.data).some((v) => v === 0) && Array.from(y.data).some((v) => v > 0)).toBe(true);
        const dOut = randomTensor(y.shape, 2, { dtype: 'float32' });
        const got = fused.backward(dOut);
        const want = linear.backward(relu.backward(dOut).dAPrev as Tensor);
        expect(Array.from((got.dAPrev as Tensor).data)).toEqual(Array.from((want.dAPrev as Tensor).data));
        expect(Array.from(got.grads.dW.data)).toEqual(Array.from(want.grads.dW.data));
        if (useBias) expect(Array.from(got.grads.db.data)).toEqual(Array.from(want.grads.db.data));
      }
    } finally {
      setKernelBackend(previous);
    }
  });

  it.each(['auto', 'js'] as const)('a batch too big for one group of images gives, image by image, the bits of one image at a time, predicting and training (%s backend)', (backend) => {
    const previous = getKernelBackend(), previousThreads = getKernelThreads();
    setKernelBackend(backend);
    // Products on one thread are grouped (a threaded product runs whole).
    setKernelThreads(1);
    try {
      const shape = [40, 12, 12, 16];
      // 100 output positions per image, 144 + 32 floats per row: several groups of CHUNK_BYTES.
      expect(40 * 100 * (144 + 32) * 4).toBeGreaterThan(2 * CHUNK_BYTES);
      const conv = convWith({ filters: 32, kernelSize: 3, activation: 'relu' }, shape, 'float32');
      const x = randomTensor(shape, 4, { dtype: 'float32' });
      const perImage = Array.from({ length: shape[0] }, (_, n) => Array.from(clone(conv.forward(x.hi(n + 1).lo(n))).data));
      for (const training of [false, true]) {
        const y = conv.forward(x, training);
        const imageSize = y.size / shape[0];
        for (let n = 0; n < shape[0]; n++) expect(Array.from(y.data.subarray(n * imageSize, (n + 1) * imageSize))).toEqual(perImage[n]);
      }
      const dOut = randomTensor(conv.computeOutputShape(shape) as number[], 5, { dtype: 'float32' });
      const { dW } = conv.backward(dOut).grads;
      const [W, b] = conv.params().map((p) => p.value);
      const Z = referenceConv2d(x, W, b, windowOf(conv));
      const dZ = tensor(Array.from(dOut.data, (g, i) => (Z.data[i] > 0 ? g : 0)), dOut.shape.slice(), 'float64');
      expectClose(dW, referenceConv2dBackward(x, W, dZ, windowOf(conv)).dW, { rtol: 1e-4, atol: 1e-4 });
      // Once warm, a grouped prediction reuses its buffers (the last, shorter group included).
      const before = tensorAllocations();
      conv.forward(x, false);
      expect(tensorAllocations()).toBe(before);
    } finally {
      setKernelBackend(previous);
      setKernelThreads(previousThreads);
    }
  });

  it('gives the same float32 result on the TypeScript backend as on WebAssembly', () => {
    const x = randomTensor([3, 9, 9, 4], 1, { dtype: 'float32' });
    const wasm = convWith({ filters: 16, kernelSize: 3, padding: 'same' }, [3, 9, 9, 4], 'float32');
    const expected = clone(wasm.forward(x));
    const previous = getKernelBackend();
    setKernelBackend('js');
    try {
      const js = convWith({ filters: 16, kernelSize: 3, padding: 'same' }, [3, 9, 9, 4], 'float32');
      expectClose(js.forward(x), expected, { rtol: 1e-5, atol: 1e-6 });
    } finally {
      setKernelBackend(previous);
    }
  });
});
