import { ConfigError } from '../../lib/errors';
import {
  Adadelta, Adagrad, Adam, Adamax, AdamW, Nadam, RMSprop, SGD, getOptimizer, optimizers,
} from '../../optimizers';

describe('optimizers registry', () => {
  it.each([
    ['sgd', SGD], ['adam', Adam], ['adamw', AdamW], ['rmsprop', RMSprop],
    ['adagrad', Adagrad], ['adadelta', Adadelta], ['adamax', Adamax], ['nadam', Nadam],
  ] as const)("resolves '%s' to a new instance with Keras defaults", (alias, Cls) => {
    const opt = getOptimizer(alias);
    expect(opt).toBeInstanceOf(Cls);
    expect(opt.constructor).toBe(Cls);
    expect(opt.getConfig()).toEqual(new Cls().getConfig());
    expect(getOptimizer(alias)).not.toBe(opt);
    expect(getOptimizer(Cls.className)).toBeInstanceOf(Cls);
  });

  it('lists the class names', () => {
    expect(optimizers.names()).toEqual(['Adadelta', 'Adafactor', 'Adagrad', 'Adam', 'AdamW', 'Adamax', 'Ftrl', 'Lamb', 'Lion', 'LossScaleOptimizer', 'Muon', 'Nadam', 'RMSprop', 'SGD']);
  });

  it('returns an instance as is', () => {
    const sgd = new SGD({ learningRate: 0.3 });
    expect(getOptimizer(sgd)).toBe(sgd);
  });

  it('builds from a config through the registry', () => {
    const opt = optimizers.create('RMSprop', { learningRate: 0.01, centered: true });
    expect(opt.getConfig()).toMatchObject({ learningRate: 0.01, centered: true, rho: 0.9 });
  });

  it('rejects an unknown name, listing the valid ones', () => {
    expect(() => getOptimizer('adamm')).toThrow(ConfigError);
    expect(() => getOptimizer('adamm')).toThrow(/unknown optimizer 'adamm'\. Valid optimizer names: .*'adam'.*'nadam'.*'sgd'/);
  });

  it('rejects anything else, listing the valid names', () => {
    for (const bad of [42, null, {}, { className: 'Adam' }]) {
      expect(() => getOptimizer(bad as never)).toThrow(ConfigError);
      expect(() => getOptimizer(bad as never)).toThrow(/getOptimizer: expected an optimizer name or an Optimizer instance, got .*\. Valid optimizer names: 'Adadelta', 'Adafactor', 'Adagrad', 'Adam', 'AdamW', 'Adamax', 'Ftrl', 'Lamb', 'Lion', 'LossScaleOptimizer', 'Muon', 'Nadam', 'RMSprop', 'SGD'/);
    }
  });
});
