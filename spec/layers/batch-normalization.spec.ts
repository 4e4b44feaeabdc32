import { ConfigError, ShapeError } from '../../lib/errors';
import { Sequential } from '../../lib/sequential';
import { clone, tensor, type Tensor } from '../../lib/tensor';
import { BatchNormalization, Dense, layers, type BatchNormalizationOptions } from '../../layers';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const tight = { rtol: 1e-13, atol: 1e-15 };

/** A float64 BatchNormalization for `features` features with γ and β set (when enabled). */
function batchNormWith(options: BatchNormalizationOptions, features: number, gamma?: number[], beta?: number[]): BatchNormalization {
  const bn = new BatchNormalization(options);
  bn.build([null, features], 'float64');
  const params = bn.params();
  if (gamma) params[0].value.data.set(gamma);
  if (beta) params[params.length - 1].value.data.set(beta);
  return bn;
}

const movingOf = (bn: BatchNormalization): number[][] => bn.nonTrainableWeights().map((w) => Array.from(w.value.data));

describe('BatchNormalization: known values', () => {
  it('normalizes a 2-sample batch with its own mean and biased variance, then scales and shifts', () => {
    // X = [[1, 10], [3, 20]]: feature 0 has μ = 2, σ² = ((−1)² + 1²)/2 = 1; feature 1 has μ = 15, σ² = 25.
    // x̂ = (x − μ)/√(σ² + ε) with ε = 1e-3; γ = [2, 1], β = [0.5, 0].
    const bn = batchNormWith({}, 2, [2, 1], [0.5, 0]);
    const s0 = 1 / Math.sqrt(1.001), s1 = 5 / Math.sqrt(25.001);
    expectClose(bn.forward(f64([[1, 10], [3, 20]]), true), [[0.5 - 2 * s0, -s1], [0.5 + 2 * s0, s1]], tight);
  });

  it('updates the moving averages in training (moving·momentum + batch·(1 − momentum)) and uses them at inference', () => {
    const bn = batchNormWith({ momentum: 0.9 }, 2);
    expect(movingOf(bn)).toEqual([[0, 0], [1, 1]]);
    // Step 1, X = [[1, 10], [3, 20]]: μ = [2, 15], σ² = [1, 25].
    // moving_mean = 0·0.9 + [2, 15]·0.1 = [0.2, 1.5]; moving_variance = 1·0.9 + [1, 25]·0.1 = [1, 3.4].
    bn.forward(f64([[1, 10], [3, 20]]), true);
    expectClose(tensor(movingOf(bn), undefined, 'float64'), [[0.2, 1.5], [1, 3.4]], tight);
    // Step 2, X = [[0, 0], [4, 10]]: μ = [2, 5], σ² = [4, 25].
    // moving_mean = [0.2·0.9 + 0.2, 1.5·0.9 + 0.5] = [0.38, 1.85]; moving_variance = [0.9 + 0.4, 3.06 + 2.5] = [1.3, 5.56].
    bn.forward(f64([[0, 0], [4, 10]]), true);
    expectClose(tensor(movingOf(bn), undefined, 'float64'), [[0.38, 1.85], [1.3, 5.56]], tight);
    // Inference: y = (x − moving_mean)/√(moving_variance + ε) with γ = 1, β = 0; the averages stay put.
    expectClose(bn.forward(f64([[1, 2]]), false), [[(1 - 0.38) / Math.sqrt(1.301), (2 - 1.85) / Math.sqrt(5.561)]], tight);
    expectClose(tensor(movingOf(bn), undefined, 'float64'), [[0.38, 1.85], [1.3, 5.56]], tight);
  });

  it('a frozen layer (trainable = false) uses and keeps the moving statistics even in training, as Keras', () => {
    const bn = batchNormWith({}, 2, [2, 1], [0.5, 0]);
    bn.trainable = false;
    // moving_mean = 0, moving_variance = 1: y = γ·x/√(1 + ε) + β.
    const s = 1 / Math.sqrt(1.001);
    expectClose(bn.forward(f64([[1, 10]]), true), [[0.5 + 2 * s, 10 * s]], tight);
    expect(movingOf(bn)).toEqual([[0, 0], [1, 1]]);
    // Backward through constant statistics: dAPrev = γ·s·dOut.
    expectClose(bn.backward(f64([[1, -1]])).dAPrev as Tensor, [[2 * s, -s]], tight);
  });

  it('backward by hand on the 2-sample batch: dβ = Σ dOut, dγ = Σ dOut·x̂, and dAPrev', () => {
    const bn = batchNormWith({}, 1, [3], [0]);
    // X = [[1], [3]]: x̂ = [−s, s], s = 1/√1.001. dOut = [[1], [2]]:
    // dβ = 3, dγ = −s + 2s = s, dAPrev_i = (γ·s/M)·(M·g_i − Σg − x̂_i·Σ g·x̂) with Σ g·x̂ = s:
    // i = 0: (3s/2)·(2 − 3 + s·s) = (3s/2)(s² − 1); i = 1: (3s/2)·(4 − 3 − s²) = (3s/2)(1 − s²).
    bn.forward(f64([[1], [3]]), true);
    const { dAPrev, grads } = bn.backward(f64([[1], [2]]));
    const s = 1 / Math.sqrt(1.001);
    expectClose(grads.dbeta, [3], tight);
    expectClose(grads.dgamma, [s], tight);
    expectClose(dAPrev as Tensor, [[1.5 * s * (s * s - 1)], [1.5 * s * (1 - s * s)]], tight);
  });
});

describe('BatchNormalization: gradient checks (float64, training mode)', () => {
  const randomized = (options: BatchNormalizationOptions, features: number, seed: number): BatchNormalization => {
    const bn = new BatchNormalization(options);
    bn.build([null, features], 'float64');
    for (const p of bn.params()) p.value.data.set(randomTensor([features], seed++, { low: 0.5, high: 1.5 }).data);
    return bn;
  };

  it('with batch statistics, for the input, γ and β', () => {
    expectGradientsCorrect(randomized({}, 4, 1), randomTensor([6, 4], 2, { low: -2, high: 2 }));
  });

  it('on a rank-3 input (statistics over batch and middle axis) and on a transposed view', () => {
    const bn3 = new BatchNormalization();
    bn3.build([null, 3, 4], 'float64');
    bn3.params()[0].value.data.set([1.5, 0.7, 1.1, 0.9]);
    expectGradientsCorrect(bn3, randomTensor([2, 3, 4], 3));
    expectGradientsCorrect(randomized({}, 5, 4), randomTensor([5, 6], 5).transpose(1, 0));
  });

  it('without center or scale, and with the moving statistics of a frozen layer', () => {
    expectGradientsCorrect(randomized({ center: false, scale: false }, 3, 6), randomTensor([5, 3], 7));
    expectGradientsCorrect(randomized({ center: false }, 3, 8), randomTensor([5, 3], 9));
    const frozen = randomized({}, 3, 10);
    frozen.trainable = false;
    expectGradientsCorrect(frozen, randomTensor([5, 3], 11));
  });
});

describe('BatchNormalization: weights, counts and config', () => {
  it('orders weights as TensorFlow.js (gamma, beta, moving_mean, moving_variance) in getWeights/setWeights', () => {
    const model = new Sequential({ layers: [new Dense({ units: 3, inputShape: [2] }), new BatchNormalization()], dtype: 'float64' });
    const weights = model.getWeights();
    expect(weights.map((w) => w.shape)).toEqual([[2, 3], [3], [3], [3], [3], [3]]);
    const bn = model.layers[1];
    expect([...bn.params(), ...bn.nonTrainableWeights()].map((w) => w.weightName)).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
    const changed = weights.map((w, i) => {
      const c = clone(w);
      c.data.fill(i);
      return c;
    });
    model.setWeights(changed);
    expect(model.getWeights().map((w) => w.data[0])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => model.setWeights(changed.slice(0, 5))).toThrow('setWeights: expected 6 tensors (in getWeights() order), got 5');
  });

  it('counts moving statistics as non-trainable parameters, as Keras (4·features, half of them non-trainable)', () => {
    const model = new Sequential([new Dense({ units: 3, inputShape: [2] }), new BatchNormalization()]);
    expect(model.countParams()).toBe(2 * 3 + 3 + 4 * 3);
    const text = model.summary(() => undefined);
    expect(text).toContain('Total params: 21');
    expect(text).toContain('Trainable params: 15');
    expect(text).toContain('Non-trainable params: 6');
    model.layers[1].trainable = false;
    expect(model.summary(() => undefined)).toContain('Non-trainable params: 12');
  });

  it('trains inside a model: the loss falls and the moving statistics move', () => {
    const model = new Sequential({ layers: [new Dense({ units: 4, inputShape: [3], kernelInitializer: { className: 'GlorotUniform', config: { seed: 1 } } }), new BatchNormalization({ momentum: 0.5 }), new Dense({ units: 1, kernelInitializer: { className: 'GlorotUniform', config: { seed: 2 } } })], dtype: 'float64' });
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = randomTensor([16, 3], 12, { low: 0, high: 5 });
    const y = tensor(Array.from({ length: 16 }, (_, i) => [x.data[3 * i] - 2 * x.data[3 * i + 1]]), undefined, 'float64');
    const first = model.trainOnBatch(x, y);
    let last = first;
    for (let i = 0; i < 50; i++) last = model.trainOnBatch(x, y);
    expect(last).toBeLessThan(first);
    expect(Array.from(model.layers[1].nonTrainableWeights()[0].value.data).some((v) => v !== 0)).toBe(true);
  });

  it('round-trips its config through the layers registry', () => {
    const bn = new BatchNormalization({ name: 'bn', momentum: 0.9, epsilon: 1e-5, center: false, gammaInitializer: 'heNormal' });
    const config = bn.getConfig();
    expect(config).toEqual({
      name: 'bn', trainable: true, momentum: 0.9, epsilon: 1e-5, center: false, scale: true,
      betaInitializer: 'zeros', gammaInitializer: 'heNormal', movingMeanInitializer: 'zeros', movingVarianceInitializer: 'ones',
    });
    expect(layers.create('BatchNormalization', config).getConfig()).toEqual(config);
  });

  it('rejects bad options and a rank-1 input, naming the value or both shapes', () => {
    expect(() => new BatchNormalization({ momentum: 1.5 })).toThrow(new ConfigError('BatchNormalization: momentum must be a number in [0, 1], got 1.5'));
    expect(() => new BatchNormalization({ epsilon: 0 })).toThrow(new ConfigError('BatchNormalization: epsilon must be a positive number, got 0'));
    expect(() => new BatchNormalization({ scale: 'yes' as never })).toThrow('BatchNormalization: scale must be a boolean, got "yes"');
    const bn = new BatchNormalization({ name: 'bn_rank' });
    expect(() => bn.build([null])).toThrow(ShapeError);
    expect(() => bn.build([null])).toThrow("BatchNormalization 'bn_rank': input must be [batch, …, features] with known non-batch axes: expected [?, …, features], got [?]");
    bn.build([null, 3]);
    expect(() => bn.forward(tensor([[1, 2]]))).toThrow("BatchNormalization 'bn_rank': input last axis must be 3: expected [?, 3], got [1, 2]");
  });
});
