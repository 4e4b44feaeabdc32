import { ConfigError } from '../../lib/errors';
import {
  activations, Dense, getActivation, layers, LeakyReLU, Linear, ReLU, serializeActivation, Sigmoid, Softmax, Tanh,
} from '../../layers';

describe('the layers registry', () => {
  it('holds Dense and every activation layer by class name', () => {
    expect(layers.names()).toEqual(expect.arrayContaining(['Dense', 'LeakyReLU', 'Linear', 'ReLU', 'Sigmoid', 'Softmax', 'Tanh']));
  });

  it('rebuilds a layer from { className, config } with the same config', () => {
    const originals = [
      new Dense({ units: 4, activation: 'tanh', inputShape: [3], name: 'hidden', trainable: false }),
      new LeakyReLU({ alpha: 0.2, name: 'leaky' }), new ReLU(), new Sigmoid(), new Tanh(), new Softmax(), new Linear(),
    ];
    for (const layer of originals) {
      const rebuilt = layers.create(layer.className, layer.getConfig());
      expect(rebuilt).toBeInstanceOf(layer.constructor);
      expect(rebuilt.getConfig()).toEqual(layer.getConfig());
    }
  });

  it('names the valid layer names for an unknown class', () => {
    expect(() => layers.create('ConvLSTM2D', {})).toThrow(ConfigError);
    expect(() => layers.create('ConvLSTM2D', {})).toThrow(/^unknown layer 'ConvLSTM2D'\. Valid layer names: .*'Dense'.*'ReLU'.*'Softmax'/);
  });

  it('reports a missing units through Dense\'s own check', () => {
    expect(() => layers.create('Dense')).toThrow(new ConfigError('Dense: units must be a positive integer, got undefined'));
  });
});

describe('the activations registry', () => {
  it.each([
    ['relu', ReLU], ['leakyRelu', LeakyReLU], ['leaky_relu', LeakyReLU], ['LeakyReLU', LeakyReLU],
    ['sigmoid', Sigmoid], ['tanh', Tanh], ['softmax', Softmax], ['linear', Linear],
  ] as const)('resolves %s', (name, Cls) => {
    expect(getActivation(name)).toBeInstanceOf(Cls);
    expect(activations.has(name)).toBe(true);
  });

  it('names a layer built from a name as asked, and builds { className, config }', () => {
    expect(getActivation('relu', { name: 'my_relu' }).name).toBe('my_relu');
    const leaky = getActivation({ className: 'LeakyReLU', config: { alpha: 0.05 } }) as LeakyReLU;
    expect(leaky.alpha).toBe(0.05);
  });

  it('serializes default activations by their Keras name and others in full', () => {
    expect(serializeActivation(new ReLU())).toBe('relu');
    expect(serializeActivation(new LeakyReLU())).toBe('leakyRelu');
    expect(serializeActivation(new LeakyReLU({ alpha: 0.5, name: 'l' }))).toEqual({ className: 'LeakyReLU', config: { name: 'l', trainable: true, alpha: 0.5 } });
  });

  it('rejects unknown names and non-activation values, listing the valid names', () => {
    expect(() => getActivation('swish2')).toThrow(/^getActivation: unknown activation 'swish2'\. Valid activation names: .*'leakyRelu', 'leaky_relu', 'linear',.* 'relu',.* 'sigmoid',.* 'softmax',.* 'tanh'/);
    expect(() => getActivation(3 as never, { owner: 'Dense' })).toThrow(/^Dense: an activation must be a name, an activation layer or \{ className, config \}, got 3\. Valid activation names: .*'leakyRelu', 'linear'/);
  });
});
