import { ShapeError } from '../../lib/errors';
import { Sequential } from '../../lib/sequential';
import { tensor, toArray, type Tensor } from '../../lib/tensor';
import { Dense, Flatten, layers } from '../../layers';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';

describe('Flatten', () => {
  it('folds [N, 2, 3] into [N, 6] in row-major order, as a zero-copy view', () => {
    const x = tensor([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]], undefined, 'float64');
    const flatten = new Flatten();
    const y = flatten.forward(x, true);
    expect(toArray(y)).toEqual([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]);
    expect(y.data).toBe(x.data);
    const dOut = tensor([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]], undefined, 'float64');
    const dAPrev = flatten.backward(dOut).dAPrev as Tensor;
    expect(dAPrev.shape).toEqual([2, 2, 3]);
    expect(toArray(dAPrev)).toEqual(toArray(x));
    expect(dAPrev.data).toBe(dOut.data);
  });

  it('computes output shapes without data: [?, 28, 28] → [?, 784], [?, 5] → [?, 5], [?] → [?, 1]', () => {
    expect(new Flatten().computeOutputShape([null, 28, 28])).toEqual([null, 784]);
    expect(new Flatten().computeOutputShape([null, 5])).toEqual([null, 5]);
    expect(new Flatten().computeOutputShape([null])).toEqual([null, 1]);
    expect(new Flatten().forward(tensor([1, 2, 3])).shape).toEqual([3, 1]);
  });

  it('passes a gradient check on rank 3 and on a transposed (copied) view', () => {
    expectGradientsCorrect(new Flatten(), randomTensor([2, 3, 4], 1));
    expectGradientsCorrect(new Flatten(), randomTensor([3, 4], 2).transpose(1, 0));
  });

  it('lets [N, 28, 28] images go straight into Dense', () => {
    const model = new Sequential([new Flatten({ inputShape: [28, 28] }), new Dense({ units: 10, activation: 'softmax' })]);
    expect(model.outputShape).toEqual([null, 10]);
    expect(model.countParams()).toBe(784 * 10 + 10);
    const images = randomTensor([4, 28, 28], 3, { low: 0, high: 1, dtype: 'float32' });
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const labels = tensor([[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]]);
    expect(Number.isFinite(model.trainOnBatch(images, labels))).toBe(true);
    expect(model.predict(images).shape).toEqual([4, 10]);
  });

  it('accepts only the build shape afterwards, naming both shapes; Dense without it acts on the last axis', () => {
    const flatten = new Flatten({ name: 'flat' });
    flatten.forward(randomTensor([2, 3, 4], 4));
    expect(() => flatten.forward(randomTensor([2, 12], 5))).toThrow("Flatten 'flat': input must have rank 3: expected [?, 3, 4], got [2, 12]");
    expect(() => flatten.forward(randomTensor([2, 4, 3], 5))).toThrow("Flatten 'flat': input axis 1 must be 3: expected [?, 3, 4], got [2, 4, 3]");
    expect(new Sequential([new Dense({ units: 2, inputShape: [28, 28] })]).outputShape).toEqual([null, 28, 2]);
    expect(() => new Flatten({ name: 'f2' }).computeOutputShape([null, null, 3])).toThrow(ShapeError);
  });

  it('round-trips its config through the layers registry', () => {
    const config = new Flatten({ name: 'f', inputShape: [2, 3] }).getConfig();
    expect(config).toEqual({ name: 'f', trainable: true, batchInputShape: [null, 2, 3] });
    expect(layers.create('Flatten', config).getConfig()).toEqual(config);
  });
});
