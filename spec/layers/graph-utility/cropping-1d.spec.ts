import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor, toArray, type Tensor } from '../../../lib/tensor';
import { Cropping1D, layers } from '../../../layers';
import { expectGradientsCorrect } from '../../helpers/gradcheck';
import { expectInputGradientsCorrect } from '../../helpers/gradcheck-inputs';
import { randomTensor } from '../../helpers/random';

describe('Cropping1D', () => {
  it('drops start steps and end steps: cropping [1, 2] keeps steps 1 and 2 of 5; backward puts dOut back with zeros around it', () => {
    const layer = new Cropping1D({ cropping: [1, 2] });
    // x[b, t] = [10·b + t, −(10·b + t)] for t < 5.
    const x = tensor([0, 1].map((b) => [0, 1, 2, 3, 4].map((t) => [10 * b + t, -(10 * b + t)])), undefined, 'float64');
    const y = layer.forward(x, true);
    expect(toArray(y)).toEqual([[[1, -1], [2, -2]], [[11, -11], [12, -12]]]);
    const dOut = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], undefined, 'float64');
    expect(toArray(layer.backward(dOut).dAPrev as Tensor)).toEqual([
      [[0, 0], [1, 2], [3, 4], [0, 0], [0, 0]],
      [[0, 0], [5, 6], [7, 8], [0, 0], [0, 0]],
    ]);
  });

  it('one number crops both ends; the default is [1, 1] as in Keras', () => {
    expect(new Cropping1D({ cropping: 2 }).computeOutputShape([null, 10, 3])).toEqual([null, 6, 3]);
    expect(new Cropping1D().computeOutputShape([null, 10, 3])).toEqual([null, 8, 3]);
    expect(new Cropping1D({ cropping: [0, 3] }).computeOutputShape([null, null, 3])).toEqual([null, null, 3]);
    expect(new Cropping1D({ cropping: [0, 0] }).computeOutputShape([null, 4, 3])).toEqual([null, 4, 3]);
  });

  it.each([[[1, 2], [3, 6, 2]], [[0, 1], [2, 3, 3]], [[2, 0], [2, 4, 1]]] as const)('cropping %j passes a gradient check (random upstream gradient)', (cropping, shape) => {
    expectGradientsCorrect(new Cropping1D({ cropping }), randomTensor(shape, 5));
    expectInputGradientsCorrect(new Cropping1D({ cropping }), [randomTensor(shape, 6)]);
  });

  it('takes rank-3 input with more steps than it crops, naming the layer and both shapes', () => {
    const layer = new Cropping1D({ cropping: [2, 1], name: 'crop' });
    expect(() => layer.computeOutputShape([null, 3, 4])).toThrow(ShapeError);
    expect(() => layer.computeOutputShape([null, 3, 4])).toThrow("Cropping1D 'crop': cropping [2, 1] leaves no steps: expected [?, > 3, ?], got [?, 3, 4]");
    expect(() => layer.forward(randomTensor([2, 6], 1))).toThrow("Cropping1D 'crop': input must have rank 3: expected [?, steps, features], got [?, 6]");
    layer.forward(randomTensor([2, 6, 4], 1));
    expect(() => layer.forward(randomTensor([2, 7, 4], 1))).toThrow("Cropping1D 'crop': input axis 1 must be 6: expected [?, 6, 4], got [2, 7, 4]");
  });

  it('rejects a cropping that is not one or two non-negative integers', () => {
    for (const cropping of [-1, 1.5, [1], [1, -1], [1, 2, 3], '1', null]) expect(() => new Cropping1D({ cropping } as never)).toThrow(ConfigError);
    expect(() => new Cropping1D({ cropping: -1 })).toThrow('Cropping1D: cropping must be a non-negative integer or two of them [start, end], got -1');
  });

  it('getConfig → fromConfig → getConfig is the identity through the registry, with cropping always [start, end]', () => {
    expect(new Cropping1D({ cropping: 3, name: 'c' }).getConfig()).toEqual({ name: 'c', trainable: true, cropping: [3, 3] });
    const config = new Cropping1D({ cropping: [0, 2], name: 'c2' }).getConfig();
    expect(layers.create('Cropping1D', config).getConfig()).toEqual(config);
  });
});
