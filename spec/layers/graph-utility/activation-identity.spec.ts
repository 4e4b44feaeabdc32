import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor, toArray, type Tensor } from '../../../lib/tensor';
import { Activation, Identity, layers, LeakyReLU, Softmax, Tanh } from '../../../layers';
import { expectClose } from '../../helpers/expect-close';
import { expectGradientsCorrect } from '../../helpers/gradcheck';
import { expectInputGradientsCorrect } from '../../helpers/gradcheck-inputs';
import { randomAwayFromZero, randomTensor } from '../../helpers/random';

describe('Activation', () => {
  it('resolves the name through the activations registry and composes that layer', () => {
    expect(new Activation({ activation: 'tanh' }).activation).toBeInstanceOf(Tanh);
    expect(new Activation({ activation: 'leaky_relu' }).activation).toBeInstanceOf(LeakyReLU);
    expect(new Activation({ activation: 'softmax', name: 'act' }).activation.name).toBe('act_activation');
  });

  it('computes the activation: relu([-1, 2]) = [0, 2], tanh(1) = 0.761594…, softmax([0, 0]) = [0.5, 0.5]', () => {
    expect(toArray(new Activation({ activation: 'relu' }).forward(tensor([[-1, 2]], undefined, 'float64')))).toEqual([[0, 2]]);
    expectClose(new Activation({ activation: 'tanh' }).forward(tensor([[0, 1]], undefined, 'float64')), [[0, Math.tanh(1)]], { rtol: 1e-15, atol: 0 });
    expect(toArray(new Activation({ activation: 'softmax' }).forward(tensor([[0, 0]], undefined, 'float64')))).toEqual([[0.5, 0.5]]);
  });

  it('backward is the activation\'s: sigmoid\'(0) = 1/4, so dAPrev = dOut/4 at 0', () => {
    const layer = new Activation({ activation: 'sigmoid' });
    layer.forward(tensor([[0, 0]], undefined, 'float64'), true);
    expect(toArray(layer.backward(tensor([[4, -8]], undefined, 'float64')).dAPrev as Tensor)).toEqual([[1, -2]]);
  });

  it.each(['relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'gelu', 'swish', 'softplus', 'leakyRelu'])('%s passes a gradient check (random upstream gradient), also of rank 3', (activation) => {
    expectGradientsCorrect(new Activation({ activation }), randomAwayFromZero([3, 4], 7));
    expectInputGradientsCorrect(new Activation({ activation }), [randomAwayFromZero([2, 3, 4], 8)]);
  });

  it('rejects an unknown activation, listing the valid names', () => {
    expect(() => new Activation({ activation: 'nope' })).toThrow(ConfigError);
    expect(() => new Activation({ activation: 'nope' })).toThrow(/^Activation: unknown activation 'nope'\. Valid activation names: .*'relu'/);
    expect(() => new Activation({} as never)).toThrow(/^Activation: an activation must be a name/);
  });

  it('keeps the activation\'s input check (softmax needs rank ≥ 2), naming the layer and both shapes', () => {
    const layer = new Activation({ activation: 'softmax', name: 'a1' });
    expect(() => layer.forward(tensor([1, 2], undefined, 'float64'))).toThrow(ShapeError);
    const built = new Activation({ activation: 'relu', name: 'a2' });
    built.forward(randomTensor([2, 3], 1));
    expect(() => built.forward(randomTensor([2, 4], 1))).toThrow("Activation 'a2': input last axis must be 3: expected [?, 3], got [2, 4]");
  });

  it('getConfig → fromConfig → getConfig is the identity through the registry', () => {
    const config = new Activation({ activation: 'softmax', name: 'act_1' }).getConfig();
    expect(config).toEqual({ name: 'act_1', trainable: true, activation: 'softmax' });
    expect(layers.create('Activation', config).getConfig()).toEqual(config);
    const custom = new Activation({ activation: new LeakyReLU({ alpha: 0.1, name: 'lr' }), name: 'act_2' }).getConfig();
    expect(custom).toEqual({ name: 'act_2', trainable: true, activation: { className: 'LeakyReLU', config: { name: 'lr', trainable: true, alpha: 0.1 } } });
    const again = layers.create('Activation', custom) as Activation;
    expect(again.getConfig()).toEqual(custom);
    expect(again.activation).toBeInstanceOf(LeakyReLU);
    expect(new Activation({ activation: { className: 'Softmax' } }).activation).toBeInstanceOf(Softmax);
  });
});

describe('Identity', () => {
  it('returns its input and backward returns dOut, without copying', () => {
    const layer = new Identity();
    const x = tensor([[1, 2], [3, 4]], undefined, 'float64');
    const y = layer.forward(x, true);
    expect(toArray(y)).toEqual([[1, 2], [3, 4]]);
    expect(y.data).toBe(x.data);
    const dOut = tensor([[5, 6], [7, 8]], undefined, 'float64');
    expect((layer.backward(dOut).dAPrev as Tensor).data).toBe(dOut.data);
    expect(layer.backward(dOut, false).dAPrev).toBeNull();
  });

  it('takes any rank and passes a gradient check', () => {
    expect(new Identity().computeOutputShape([null, 2, 3, 4])).toEqual([null, 2, 3, 4]);
    expectGradientsCorrect(new Identity(), randomTensor([3, 2, 2], 3));
    expectInputGradientsCorrect(new Identity(), [randomTensor([4, 3], 2).transpose(1, 0)]);
  });

  it('checks its input against the shape it was built for', () => {
    const layer = new Identity({ name: 'id' });
    layer.forward(randomTensor([2, 3], 1));
    expect(() => layer.forward(randomTensor([2, 3, 1], 1))).toThrow("Identity 'id': input must have rank 2: expected [?, 3], got [2, 3, 1]");
  });

  it('getConfig → fromConfig → getConfig is the identity through the registry', () => {
    const config = new Identity({ name: 'id_1', inputShape: [3] }).getConfig();
    expect(config).toEqual({ name: 'id_1', trainable: true, batchInputShape: [null, 3] });
    expect(layers.create('Identity', config).getConfig()).toEqual(config);
  });
});
