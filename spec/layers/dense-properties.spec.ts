import fc from 'fast-check';
import { GlorotUniform, RandomNormal } from '../../lib/initializers';
import { clone, zeros, type Tensor } from '../../lib/tensor';
import { Dense, LeakyReLU, type DenseOptions } from '../../layers';
import { expectClose } from '../helpers/expect-close';
import { randomTensor } from '../helpers/random';

const ACTIVATIONS = ['linear', 'relu', 'leakyRelu', 'sigmoid', 'tanh', 'softmax'];

describe('Dense properties (fast-check, seeded)', () => {
  it('maps [batch, inDim] to [batch, units] for any batch, inDim and units', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), (batch, inDim, units) => {
      const dense = new Dense({ units });
      expect(dense.computeOutputShape([null, inDim])).toEqual([null, units]);
      expect(dense.computeOutputShape([batch, inDim])).toEqual([batch, units]);
      expect(dense.forward(zeros([batch, inDim]), true).shape).toEqual([batch, units]);
      const { dAPrev, grads } = dense.backward(zeros([batch, units]));
      expect(dAPrev?.shape).toEqual([batch, inDim]);
      expect(grads.dW.shape).toEqual([inDim, units]);
      expect(grads.db.shape).toEqual([units]);
    }), { seed: 21, numRuns: 25 });
  });

  it('gives each row the same output when the batch is split in two', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 8 }), fc.constantFrom(...ACTIVATIONS), fc.nat(), (batch, activation, seed) => {
      const dense = new Dense({ units: 3, activation, kernelInitializer: new GlorotUniform({ seed }) });
      const x = randomTensor([batch, 4], seed);
      const split = 1 + (seed % (batch - 1));
      const whole = clone(dense.forward(x));
      const top = clone(dense.forward(x.hi(split, 4)));
      const bottom = clone(dense.forward(x.lo(split, 0)));
      expectClose(whole.hi(split, 3), top, { rtol: 1e-12, atol: 1e-15 });
      expectClose(whole.lo(split, 0), bottom, { rtol: 1e-12, atol: 1e-15 });
    }), { seed: 22, numRuns: 20 });
  });

  it('has a backward that is linear in dOut: dAPrev, dW and db of a·g1 + b·g2', () => {
    fc.assert(fc.property(fc.constantFrom(...ACTIVATIONS), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.nat(), (activation, a, b, seed) => {
      const dense = new Dense({ units: 3, activation, biasInitializer: new RandomNormal({ stddev: 0.5, seed }) });
      dense.forward(randomTensor([4, 5], seed), true);
      const g1 = randomTensor([4, 3], seed + 1), g2 = randomTensor([4, 3], seed + 2);
      const combined = zeros([4, 3], 'float64');
      for (let i = 0; i < combined.size; i++) combined.data[i] = a * g1.data[i] + b * g2.data[i];
      const snapshot = (g: Tensor): Tensor[] => {
        const { dAPrev, grads } = dense.backward(g);
        return [clone(dAPrev as Tensor), clone(grads.dW), clone(grads.db)];
      };
      const r1 = snapshot(g1), r2 = snapshot(g2), rc = snapshot(combined);
      rc.forEach((got, k) => {
        const expected = zeros(got.shape, 'float64');
        for (let i = 0; i < expected.size; i++) expected.data[i] = a * r1[k].data[i] + b * r2[k].data[i];
        expectClose(got, expected, { rtol: 1e-9, atol: 1e-12 });
      });
    }), { seed: 23, numRuns: 25 });
  });

  it('round-trips getConfig → new Dense(config) → getConfig for any options', () => {
    const initializer = fc.constantFrom<DenseOptions['kernelInitializer']>(
      'glorotUniform', 'glorot_uniform', 'heNormal', 'zeros', new RandomNormal({ stddev: 0.2, seed: 4 }), { className: 'Constant', config: { value: 0.5 } });
    const activation = fc.constantFrom<DenseOptions['activation']>(...ACTIVATIONS, 'leaky_relu', 'Sigmoid');
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), activation, fc.boolean(), initializer, initializer, fc.boolean(), fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
      (units, act, useBias, kernelInitializer, biasInitializer, trainable, inDim) => {
        const options: DenseOptions = { units, activation: act, useBias, kernelInitializer, biasInitializer, trainable };
        if (inDim !== undefined) options.inputShape = [inDim];
        const config = new Dense(options).getConfig();
        expect(JSON.parse(JSON.stringify(config))).toEqual(config);
        expect(new Dense(config).getConfig()).toEqual(config);
        expect(Dense.fromConfig(config).getConfig()).toEqual(config);
      }), { seed: 24, numRuns: 40 });
  });
});

describe('Dense getConfig', () => {
  it('returns the constructor options with defaults resolved plus the base config', () => {
    expect(new Dense({ units: 3, name: 'hidden' }).getConfig()).toEqual({
      name: 'hidden', trainable: true, units: 3, activation: 'linear', useBias: true,
      kernelInitializer: 'glorotUniform', biasInitializer: 'zeros',
    });
    expect(new Dense({ units: 2, activation: 'leaky_relu', inputShape: [4], kernelInitializer: 'he_normal', name: 'h' }).getConfig()).toEqual({
      name: 'h', trainable: true, batchInputShape: [null, 4], units: 2, activation: 'leakyRelu', useBias: true,
      kernelInitializer: 'heNormal', biasInitializer: 'zeros',
    });
  });

  it('saves an activation or initializer with non-default options as { className, config }', () => {
    const config = new Dense({ units: 2, activation: new LeakyReLU({ alpha: 0.1, name: 'lr' }), kernelInitializer: new GlorotUniform({ seed: 9 }) }).getConfig();
    expect(config.activation).toEqual({ className: 'LeakyReLU', config: { name: 'lr', trainable: true, alpha: 0.1 } });
    expect(config.kernelInitializer).toEqual({ className: 'GlorotUniform', config: { seed: 9 } });
    // A default-valued instance saves as its name.
    expect(new Dense({ units: 2, activation: new LeakyReLU() }).getConfig().activation).toBe('leakyRelu');
  });
});
