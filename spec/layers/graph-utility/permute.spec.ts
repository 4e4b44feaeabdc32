import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor, toArray, type Tensor } from '../../../lib/tensor';
import { layers, Permute } from '../../../layers';
import { expectGradientsCorrect } from '../../helpers/gradcheck';
import { expectInputGradientsCorrect } from '../../helpers/gradcheck-inputs';
import { randomTensor } from '../../helpers/random';

describe('Permute', () => {
  it('dims [2, 1] transposes each sample; backward transposes dOut back', () => {
    const layer = new Permute({ dims: [2, 1] });
    const y = layer.forward(tensor([[[1, 2, 3], [4, 5, 6]]], undefined, 'float64'), true); // [1, 2, 3]
    expect(toArray(y)).toEqual([[[1, 4], [2, 5], [3, 6]]]);                                 // [1, 3, 2]
    const dOut = tensor([[[10, 40], [20, 50], [30, 60]]], undefined, 'float64');
    expect(toArray(layer.backward(dOut).dAPrev as Tensor)).toEqual([[[10, 20, 30], [40, 50, 60]]]);
  });

  it('dims [3, 1, 2] of rank 4: output axis i is input axis dims[i − 1]; Y[b, k, i, j] = X[b, i, j, k]', () => {
    const layer = new Permute({ dims: [3, 1, 2] });
    expect(layer.computeOutputShape([null, 2, 3, 4])).toEqual([null, 4, 2, 3]);
    const x = randomTensor([2, 2, 3, 4], 1);
    const y = layer.forward(x);
    expect(y.shape).toEqual([2, 4, 2, 3]);
    for (const [b, i, j, k] of [[0, 0, 0, 0], [1, 1, 2, 3], [0, 1, 0, 2], [1, 0, 2, 1]]) expect(y.get(b, k, i, j)).toBe(x.get(b, i, j, k));
  });

  it('dims [1, 2] changes nothing', () => {
    const x = randomTensor([2, 3, 4], 2);
    expect(toArray(new Permute({ dims: [1, 2] }).forward(x))).toEqual(toArray(x));
  });

  it.each([[[2, 1], [3, 4, 2]], [[3, 1, 2], [2, 2, 3, 2]], [[2, 3, 1], [2, 3, 2, 2]], [[1], [3, 4]]] as const)(
    'dims %j passes a gradient check (random upstream gradient)', (dims, shape) => {
      expectGradientsCorrect(new Permute({ dims }), randomTensor(shape, 3));
      expectInputGradientsCorrect(new Permute({ dims }), [randomTensor(shape, 4)]);
    });

  it('takes input of rank dims.length + 1 only, naming the layer and both shapes', () => {
    const layer = new Permute({ dims: [2, 1], name: 'perm' });
    expect(() => layer.computeOutputShape([null, 4])).toThrow(ShapeError);
    expect(() => layer.forward(randomTensor([2, 3, 4, 5], 1))).toThrow("Permute 'perm': input must have rank 3 for dims [2,1]: expected [?, ?, ?], got [?, 3, 4, 5]");
  });

  it('rejects dims that are not a permutation of 1 … n (1-based, no batch axis)', () => {
    for (const dims of [[], [0, 1], [1, 1], [1, 3], [2], [1.5], 'x', undefined]) expect(() => new Permute({ dims } as never)).toThrow(ConfigError);
    expect(() => new Permute({ dims: [0, 1] })).toThrow('Permute: dims must be a permutation of 1 … n (1-based, the batch axis excluded), e.g. [2, 1], got [0,1]');
  });

  it('getConfig → fromConfig → getConfig is the identity through the registry', () => {
    const config = new Permute({ dims: [3, 1, 2], name: 'p' }).getConfig();
    expect(config).toEqual({ name: 'p', trainable: true, dims: [3, 1, 2] });
    expect(layers.create('Permute', config).getConfig()).toEqual(config);
  });
});
