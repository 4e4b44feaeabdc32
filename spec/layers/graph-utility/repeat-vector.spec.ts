import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor, toArray, type Tensor } from '../../../lib/tensor';
import { layers, RepeatVector } from '../../../layers';
import { expectGradientsCorrect } from '../../helpers/gradcheck';
import { expectInputGradientsCorrect } from '../../helpers/gradcheck-inputs';
import { randomTensor } from '../../helpers/random';

describe('RepeatVector', () => {
  it('repeats each vector n times: [batch, f] → [batch, n, f]; backward sums the n copies', () => {
    const layer = new RepeatVector({ n: 3 });
    const y = layer.forward(tensor([[1, 2], [3, 4]], undefined, 'float64'), true);
    expect(toArray(y)).toEqual([[[1, 2], [1, 2], [1, 2]], [[3, 4], [3, 4], [3, 4]]]);
    // dAPrev[b, j] = Σ_r dOut[b, r, j]: [1 + 10 + 100, 2 + 20 + 200] and the negatives.
    const dOut = tensor([[[1, 2], [10, 20], [100, 200]], [[-1, -2], [-10, -20], [-100, -200]]], undefined, 'float64');
    expect(toArray(layer.backward(dOut).dAPrev as Tensor)).toEqual([[111, 222], [-111, -222]]);
  });

  it('passes a gradient check (random upstream gradient), also on a transposed view', () => {
    expectGradientsCorrect(new RepeatVector({ n: 4 }), randomTensor([3, 5], 1));
    expectInputGradientsCorrect(new RepeatVector({ n: 2 }), [randomTensor([3, 4], 2).transpose(1, 0)]);
  });

  it('gives the output shape without data', () => {
    expect(new RepeatVector({ n: 5 }).computeOutputShape([null, 8])).toEqual([null, 5, 8]);
  });

  it('takes rank-2 input only, naming the layer and both shapes', () => {
    const layer = new RepeatVector({ n: 2, name: 'rep' });
    expect(() => layer.computeOutputShape([null, 2, 3])).toThrow(ShapeError);
    expect(() => layer.forward(randomTensor([2, 2, 3], 1))).toThrow("RepeatVector 'rep': input must have rank 2: expected [?, features], got [?, 2, 3]");
    layer.forward(randomTensor([2, 3], 1));
    expect(() => layer.forward(randomTensor([2, 4], 1))).toThrow("RepeatVector 'rep': input last axis must be 3: expected [?, 3], got [2, 4]");
  });

  it('rejects an n that is not a positive integer', () => {
    for (const n of [0, -1, 1.5, '2', undefined, NaN]) expect(() => new RepeatVector({ n } as never)).toThrow(ConfigError);
    expect(() => new RepeatVector({ n: 0 })).toThrow('RepeatVector: n must be a positive integer, got 0');
  });

  it('getConfig → fromConfig → getConfig is the identity through the registry', () => {
    const config = new RepeatVector({ n: 3, name: 'rep_1' }).getConfig();
    expect(config).toEqual({ name: 'rep_1', trainable: true, n: 3 });
    expect(layers.create('RepeatVector', config).getConfig()).toEqual(config);
  });
});
