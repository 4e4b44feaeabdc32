/**
 * The convolution family besides Conv2D (which has its own spec): gradient checks for every
 * option combination that changes the code path, known answers derived by hand, shapes,
 * configs and the no-allocation property.
 */
import { ConfigError, ShapeError } from '../../lib/errors';
import type { RandomState } from '../../lib/random';
import { tensor, tensorAllocations, toArray, type Tensor } from '../../lib/tensor';
import {
  AveragePooling1D, AveragePooling2D, BatchNormalization, Conv1D, Conv2DTranspose, Cropping2D, DepthwiseConv2D, Flatten,
  GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D, Layer, MaxPooling1D, MaxPooling2D,
  Reshape, SeparableConv2D, SpatialDropout2D, UpSampling2D, ZeroPadding2D, layers,
} from '../../layers';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomAwayFromZero, randomTensor } from '../helpers/random';

/** A SpatialDropout2D whose every training forward draws the same mask (the generator is rewound first). */
class FixedMaskSpatialDropout extends SpatialDropout2D {
  private state: RandomState | null = null;

  override forward(x: Tensor, training = false): Tensor {
    if (!this.built) this.build([null, ...x.shape.slice(1)], x.data instanceof Float64Array ? 'float64' : 'float32');
    this.state ??= this.getRandomState();
    this.setRandomState(this.state);
    return super.forward(x, training);
  }
}

/** Every layer and option combination that takes its own path, with an input shape to check it on. */
const CASES: [string, () => Layer, number[]][] = [
  ['Conv1D valid', () => new Conv1D({ filters: 3, kernelSize: 3 }), [2, 7, 2]],
  ['Conv1D same, strides 2, dilation 2', () => new Conv1D({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', dilationRate: 2, activation: 'tanh' }), [1, 9, 3]],
  ['Conv1D 1×1', () => new Conv1D({ filters: 2, kernelSize: 1 }), [2, 4, 3]],
  ['MaxPooling2D 2×2', () => new MaxPooling2D(), [2, 6, 5, 3]],
  ['MaxPooling2D 3×3 strides 2 same', () => new MaxPooling2D({ poolSize: 3, strides: 2, padding: 'same' }), [1, 7, 6, 2]],
  ['MaxPooling2D overlapping 3×2 strides 1', () => new MaxPooling2D({ poolSize: [3, 2], strides: 1 }), [2, 5, 4, 2]],
  ['AveragePooling2D 2×2', () => new AveragePooling2D(), [2, 5, 6, 3]],
  ['AveragePooling2D 3×3 strides 2 same (partial windows)', () => new AveragePooling2D({ poolSize: 3, strides: 2, padding: 'same' }), [1, 6, 7, 2]],
  ['MaxPooling1D', () => new MaxPooling1D({ poolSize: 3, strides: 2 }), [2, 9, 2]],
  ['AveragePooling1D same', () => new AveragePooling1D({ poolSize: 2, padding: 'same' }), [2, 5, 3]],
  ['GlobalAveragePooling2D', () => new GlobalAveragePooling2D(), [2, 3, 4, 5]],
  ['GlobalMaxPooling2D', () => new GlobalMaxPooling2D(), [2, 3, 4, 5]],
  ['GlobalAveragePooling1D', () => new GlobalAveragePooling1D(), [2, 6, 3]],
  ['GlobalMaxPooling1D', () => new GlobalMaxPooling1D(), [1, 6, 3]],
  ['ZeroPadding2D asymmetric', () => new ZeroPadding2D({ padding: [[1, 2], [0, 3]] }), [2, 3, 4, 2]],
  ['Cropping2D asymmetric', () => new Cropping2D({ cropping: [[1, 0], [2, 1]] }), [2, 4, 5, 2]],
  ['UpSampling2D [2, 3]', () => new UpSampling2D({ size: [2, 3] }), [2, 3, 2, 2]],
  ['SpatialDropout2D (fixed mask)', () => new FixedMaskSpatialDropout({ rate: 0.5, seed: 4 }), [3, 3, 3, 4]],
  ['DepthwiseConv2D 3×3 same', () => new DepthwiseConv2D({ kernelSize: 3, padding: 'same' }), [2, 5, 4, 3]],
  ['DepthwiseConv2D multiplier 2, strides 2, relu', () => new DepthwiseConv2D({ kernelSize: 2, strides: 2, depthMultiplier: 2, activation: 'tanh' }), [1, 6, 5, 2]],
  ['DepthwiseConv2D dilation 2 valid, no bias', () => new DepthwiseConv2D({ kernelSize: 3, dilationRate: 2, useBias: false }), [2, 6, 7, 2]],
  ['SeparableConv2D same', () => new SeparableConv2D({ filters: 4, kernelSize: 3, padding: 'same' }), [2, 5, 4, 3]],
  ['SeparableConv2D multiplier 2, strides 2', () => new SeparableConv2D({ filters: 3, kernelSize: 3, strides: 2, depthMultiplier: 2, activation: 'tanh' }), [1, 7, 6, 2]],
  ['Conv2DTranspose valid', () => new Conv2DTranspose({ filters: 3, kernelSize: 3 }), [2, 3, 4, 2]],
  ['Conv2DTranspose same strides 2', () => new Conv2DTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' }), [1, 3, 3, 3]],
  ['Conv2DTranspose valid strides [2, 3] 2×2', () => new Conv2DTranspose({ filters: 2, kernelSize: 2, strides: [2, 3] }), [2, 2, 3, 2]],
  ['BatchNormalization over the channels of images', () => new BatchNormalization(), [3, 3, 2, 4]],
];

describe.each(CASES)('%s', (_, make, shape) => {
  it('gradients match central differences under a random upstream gradient', () => {
    // Inputs away from 0 and spread, so no max has a near-tie that a step of h could flip.
    expectGradientsCorrect(make(), randomAwayFromZero(shape, 5), undefined, { seed: 3, epsilon: 1e-5 });
  });

  it('batch 1 gives each sample of a batch', () => {
    const layer = make();
    if (layer instanceof SpatialDropout2D) return; // masks differ per sample by design
    const x = randomTensor(shape, 8);
    const all = toArray(layer.forward(x)) as unknown[];
    const single = toArray(layer.forward(x.hi(1))) as unknown[];
    expectClose(tensor(single as never, undefined, 'float64'), tensor([all[0]] as never, undefined, 'float64'), { rtol: 1e-12, atol: 1e-12 });
  });

  it('computeOutputShape agrees with forward, and getConfig rebuilds the layer through the registry', () => {
    const layer = make();
    const y = layer.forward(randomTensor(shape, 1));
    expect(layer.computeOutputShape([null, ...shape.slice(1)])).toEqual([null, ...y.shape.slice(1)]);
    const config = layer.getConfig();
    const className = layer instanceof FixedMaskSpatialDropout ? 'SpatialDropout2D' : layer.className;
    expect(layers.create(className, config as never).getConfig()).toEqual(config);
  });

  it('allocates no tensor in a second forward+backward at the same batch size (float32)', () => {
    const layer = make();
    const x = randomTensor(shape, 1, { dtype: 'float32' });
    const y = layer.forward(x, true);
    const dOut = randomTensor(y.shape, 2, { dtype: 'float32' });
    layer.backward(dOut);
    const before = tensorAllocations();
    layer.forward(x, true);
    layer.backward(dOut);
    expect(tensorAllocations()).toBe(before);
  });
});

describe('known answers derived by hand', () => {
  const f64 = (values: number[], shape: number[]): Tensor => tensor(values, shape, 'float64');

  it('MaxPooling2D 2×2 takes each window maximum and routes dOut to it', () => {
    // X (one 2×4 channel) = [[1, 5, 2, 0], [3, 4, 8, 7]]: window maxima 5 (at 1) and 8 (at 6).
    const pool = new MaxPooling2D();
    expectClose(pool.forward(f64([1, 5, 2, 0, 3, 4, 8, 7], [1, 2, 4, 1]), true), f64([5, 8], [1, 1, 2, 1]));
    expectClose(pool.backward(f64([10, 20], [1, 1, 2, 1])).dAPrev as Tensor, f64([0, 10, 0, 0, 0, 0, 20, 0], [1, 2, 4, 1]));
  });

  it("AveragePooling2D 'same' divides by the taps inside the image, as TensorFlow", () => {
    // 1×3 image [1, 2, 6], pool 1×2 stride 2 same: windows [1, 2] and [6] (the pad is not counted).
    const pool = new AveragePooling2D({ poolSize: [1, 2], padding: 'same' });
    expectClose(pool.forward(f64([1, 2, 6], [1, 1, 3, 1]), true), f64([1.5, 6], [1, 1, 2, 1]));
    // dAPrev: dOut/2 to each of the first window's taps, dOut/1 to the last.
    expectClose(pool.backward(f64([2, 4], [1, 1, 2, 1])).dAPrev as Tensor, f64([1, 1, 4], [1, 1, 3, 1]));
  });

  it('DepthwiseConv2D with multiplier 2 gives channel c the outputs c·2 and c·2 + 1', () => {
    // 1×1 image with channels [2, 3], 1×1 kernel W[0, 0] = [[1, 10], [100, 1000]]: outputs [2, 20, 300, 3000].
    const dw = new DepthwiseConv2D({ kernelSize: 1, depthMultiplier: 2, useBias: false });
    dw.build([null, 1, 1, 2], 'float64');
    dw.params()[0].value.data.set([1, 10, 100, 1000]);
    expectClose(dw.forward(f64([2, 3], [1, 1, 1, 2])), f64([2, 20, 300, 3000], [1, 1, 1, 4]));
  });

  it('Conv2DTranspose with stride 2 places a scaled copy of the kernel at every second pixel', () => {
    // X = [[1, 2]] (1×2, one channel), W = [[1, 1], [1, 1]] (2×2, one filter), valid: output 2×4,
    // each input pixel adding x·W to its own 2×2 block: [[1, 1, 2, 2], [1, 1, 2, 2]].
    const up = new Conv2DTranspose({ filters: 1, kernelSize: 2, strides: 2, useBias: false, kernelInitializer: 'ones' });
    expectClose(up.forward(f64([1, 2], [1, 1, 2, 1])), f64([1, 1, 2, 2, 1, 1, 2, 2], [1, 2, 4, 1]));
  });

  it('UpSampling2D repeats pixels and sums each block back', () => {
    const up = new UpSampling2D({ size: [1, 2] });
    expectClose(up.forward(f64([1, 2], [1, 1, 2, 1]), true), f64([1, 1, 2, 2], [1, 1, 4, 1]));
    expectClose(up.backward(f64([1, 2, 3, 4], [1, 1, 4, 1])).dAPrev as Tensor, f64([3, 7], [1, 1, 2, 1]));
  });

  it('SpatialDropout2D zeroes whole channels of a sample, or keeps them scaled by 1/(1 − rate)', () => {
    const drop = new SpatialDropout2D({ rate: 0.5, seed: 2 });
    const x = tensor(new Float64Array(4 * 5 * 5 * 8).fill(1), [4, 5, 5, 8]);
    const y = drop.forward(x, true);
    for (let n = 0; n < 4; n++) {
      for (let c = 0; c < 8; c++) {
        const values = new Set<number>();
        for (let p = 0; p < 25; p++) values.add(y.data[(n * 25 + p) * 8 + c]);
        expect(values.size).toBe(1);
        expect([0, 2]).toContain([...values][0]);
      }
    }
    expect(drop.forward(x)).toBe(x);
  });

  it('Flatten and Reshape move between images and vectors', () => {
    const x = randomTensor([2, 3, 4, 5], 1);
    const flat = new Flatten().forward(x);
    expect(flat.shape).toEqual([2, 60]);
    expect(new Reshape({ targetShape: [3, 4, 5] }).forward(flat).shape).toEqual([2, 3, 4, 5]);
  });
});

describe('shape and option errors', () => {
  it('pooling rejects bad windows and inputs of the wrong rank', () => {
    expect(() => new MaxPooling2D({ poolSize: 0 })).toThrow(new ConfigError('MaxPooling2D: poolSize must be a positive integer or 2 positive integers, got 0'));
    expect(() => new MaxPooling1D({ padding: 'full' as never })).toThrow(/padding must be 'valid' or 'same'/);
    expect(() => new MaxPooling2D({ name: 'p' }).forward(randomTensor([2, 4, 4], 1))).toThrow(
      new ShapeError("MaxPooling2D 'p': input must have rank 4: expected [?, height, width, channels], got [?, 4, 4] (a single-channel image needs a trailing channel axis of 1: Reshape first?)"));
  });

  it('margins and upsampling options are checked', () => {
    expect(() => new ZeroPadding2D({ padding: -1 })).toThrow(/ZeroPadding2D: padding must be a non-negative integer/);
    expect(() => new Cropping2D({ cropping: [[3, 3], [0, 0]], name: 'crop' }).forward(randomTensor([1, 5, 5, 1], 1))).toThrow(/Cropping2D 'crop': cropping .* leaves nothing of the input/);
    expect(() => new UpSampling2D({ interpolation: 'bilinear' as never })).toThrow(/interpolation must be 'nearest'/);
    expect(() => new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 0 })).toThrow(/depthMultiplier must be a positive integer/);
  });

  it('weight shapes are Keras layouts, and parameter counts are Keras counts', () => {
    const dw = new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2 });
    expect(dw.weightShapes([null, 8, 8, 3])).toEqual([{ weightName: 'depthwise_kernel', shape: [3, 3, 3, 2] }, { weightName: 'bias', shape: [6] }]);
    const sep = new SeparableConv2D({ filters: 16, kernelSize: 3 });
    sep.build([null, 8, 8, 4]);
    expect(sep.params().map((p) => [p.weightName, p.value.shape])).toEqual([['depthwise_kernel', [3, 3, 4, 1]], ['pointwise_kernel', [1, 1, 4, 16]], ['bias', [16]]]);
    expect(sep.countParams()).toBe(3 * 3 * 4 + 4 * 16 + 16);
    const up = new Conv2DTranspose({ filters: 8, kernelSize: 3 });
    up.build([null, 4, 4, 2]);
    expect(up.params()[0].value.shape).toEqual([3, 3, 8, 2]);
    expect(new Conv1D({ filters: 4, kernelSize: 5 }).weightShapes([null, 10, 3])?.[0].shape).toEqual([5, 3, 4]);
  });
});

describe('default names', () => {
  it('are snake_case as Keras makes them: conv2d_N, max_pooling2d_N, conv2d_transpose_N', () => {
    expect(new Conv1D({ filters: 1, kernelSize: 1 }).name).toMatch(/^conv1d_\d+$/);
    expect(new MaxPooling2D().name).toMatch(/^max_pooling2d_\d+$/);
    expect(new Conv2DTranspose({ filters: 1, kernelSize: 1 }).name).toMatch(/^conv2d_transpose_\d+$/);
    expect(new GlobalAveragePooling2D().name).toMatch(/^global_average_pooling2d_\d+$/);
    expect(new SpatialDropout2D({ rate: 0.1 }).name).toMatch(/^spatial_dropout2d_\d+$/);
  });
});
