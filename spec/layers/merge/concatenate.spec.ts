import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor, toArray, type Tensor } from '../../../lib/tensor';
import { Concatenate, layers } from '../../../layers';
import { expectInputGradientsCorrect } from '../../helpers/gradcheck-inputs';
import { randomTensor } from '../../helpers/random';

const f64 = (values: number[][] | number[][][]): Tensor => tensor(values, undefined, 'float64');

describe('Concatenate: known answers', () => {
  it('axis -1 (the default) puts the rows side by side, and backward hands each input its columns back', () => {
    const layer = new Concatenate();
    const y = layer.forwardInputs([f64([[1, 2], [3, 4]]), f64([[5], [6]])], true);
    // [[1, 2] ++ [5], [3, 4] ++ [6]]
    expect(toArray(y)).toEqual([[1, 2, 5], [3, 4, 6]]);
    const { dInputs } = layer.backwardInputs(f64([[10, 20, 30], [40, 50, 60]]), [true, true]);
    expect(dInputs.map((d) => toArray(d as Tensor))).toEqual([[[10, 20], [40, 50]], [[30], [60]]]);
  });

  it('axis 1 on rank 2 is the same as -1', () => {
    const y = new Concatenate({ axis: 1 }).forwardInputs([f64([[1, 2], [3, 4]]), f64([[5], [6]])]);
    expect(toArray(y)).toEqual([[1, 2, 5], [3, 4, 6]]);
  });

  it('axis 1 of rank 3 (the middle axis) stacks the steps of each sample: [1, 1, 2] ++ [1, 2, 2] = [1, 3, 2]', () => {
    const layer = new Concatenate({ axis: 1 });
    const y = layer.forwardInputs([f64([[[1, 2]]]), f64([[[3, 4], [5, 6]]])], true);
    expect(toArray(y)).toEqual([[[1, 2], [3, 4], [5, 6]]]);
    const { dInputs } = layer.backwardInputs(f64([[[-1, -2], [-3, -4], [-5, -6]]]), [true, true]);
    expect(dInputs.map((d) => toArray(d as Tensor))).toEqual([[[[-1, -2]]], [[[-3, -4], [-5, -6]]]]);
  });

  it('axis -1 of rank 3 joins the features of each step; with a batch of 2 the blocks interleave per step', () => {
    const a = f64([[[1], [2]], [[3], [4]]]);        // [2, 2, 1]
    const b = f64([[[5, 6], [7, 8]], [[9, 10], [11, 12]]]); // [2, 2, 2]
    expect(toArray(new Concatenate().forwardInputs([a, b]))).toEqual([[[1, 5, 6], [2, 7, 8]], [[3, 9, 10], [4, 11, 12]]]);
  });

  it('three inputs, and output shapes without data (unknown sizes stay unknown)', () => {
    const layer = new Concatenate({ axis: -2 });
    expect(layer.computeOutputShapeOf([[null, 1, 4], [null, 2, 4], [null, 3, 4]])).toEqual([null, 6, 4]);
    expect(layer.computeOutputShapeOf([[null, 1, 4], [null, null, 4]])).toEqual([null, null, 4]);
    expect(layer.computeOutputShapeOf([[null, 1, null], [null, 2, 4]])).toEqual([null, 3, 4]);
  });
});

describe('Concatenate: gradient checks (float64, random upstream gradient, every input)', () => {
  it.each([
    ['axis -1, rank 2', -1, [[3, 2], [3, 4], [3, 1]]],
    ['axis 1, rank 2', 1, [[2, 3], [2, 2]]],
    ['axis 1 (middle), rank 3', 1, [[2, 1, 3], [2, 4, 3]]],
    ['axis -1, rank 3', -1, [[2, 3, 2], [2, 3, 1]]],
    ['axis 2 (middle), rank 4', 2, [[2, 2, 1, 2], [2, 2, 3, 2]]],
  ] as const)('%s', (_, axis, shapes) => {
    const xs = shapes.map((shape, k) => randomTensor(shape, 20 + k));
    expectInputGradientsCorrect(new Concatenate({ axis }), xs, { seed: axis + 5 });
  });

  it('on a transposed view', () => {
    expectInputGradientsCorrect(new Concatenate(), [randomTensor([3, 2], 1).transpose(1, 0), randomTensor([2, 2], 2)]);
  });
});

describe('Concatenate: errors', () => {
  it('names the layer and the shapes when the other axes differ', () => {
    const layer = new Concatenate({ axis: 1, name: 'cat' });
    expect(() => layer.computeOutputShapeOf([[null, 2, 3], [null, 2, 4]])).toThrow(ShapeError);
    expect(() => layer.computeOutputShapeOf([[null, 2, 3], [null, 2, 4]])).toThrow("Concatenate 'cat': input 1 must match input 0 on every axis but 1: expected [?, ?, 3] (any size on axis 1), got [?, 2, 4]; inputs [?, 2, 3], [?, 2, 4]");
    expect(() => new Concatenate({ name: 'c2' }).forwardInputs([randomTensor([2, 3], 1), randomTensor([2, 3, 1], 2)])).toThrow("Concatenate 'c2': input 1 must have the rank of input 0: expected rank 2, got [?, 3, 1]; inputs [?, 3], [?, 3, 1]");
  });

  it('rejects the batch axis: axis 0 in the options, or a negative axis that reaches it', () => {
    expect(() => new Concatenate({ axis: 0 })).toThrow(new ConfigError('Concatenate: axis must be a non-zero integer (0 is the batch axis), got 0'));
    expect(() => new Concatenate({ axis: 1.5 })).toThrow(ConfigError);
    expect(() => new Concatenate({ axis: '1' as never })).toThrow(ConfigError);
    expect(() => new Concatenate({ axis: -2, name: 'c3' }).computeOutputShapeOf([[null, 3], [null, 3]])).toThrow("Concatenate 'c3': axis -2 must be a non-batch axis of the inputs: expected inputs of rank > 2, got [?, 3], [?, 3]");
    expect(() => new Concatenate({ axis: 3, name: 'c4' }).computeOutputShapeOf([[null, 3], [null, 3]])).toThrow("Concatenate 'c4': axis 3 must be a non-batch axis of the inputs: expected inputs of rank > 3, got [?, 3], [?, 3]");
  });
});

describe('Concatenate: config', () => {
  it('getConfig → fromConfig → getConfig is the identity through the registry, with the default axis -1', () => {
    expect(new Concatenate({ name: 'c' }).getConfig()).toEqual({ name: 'c', trainable: true, axis: -1 });
    const config = new Concatenate({ axis: 2, name: 'c5' }).getConfig();
    expect(config).toEqual({ name: 'c5', trainable: true, axis: 2 });
    expect(layers.create('Concatenate', config).getConfig()).toEqual(config);
  });
});
