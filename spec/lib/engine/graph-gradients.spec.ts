/**
 * Float64 gradient checks of whole graph models: each analytic gradient of the training step
 * (the graph's backward pass, with its fan-out sums and shared-layer sums) against central
 * differences of its forward half.
 */
import {
  Add, Concatenate, Dense, Model, Multiply, Softmax, Subtract, input, setSeed, tensor, type Tensor,
} from '../../../lib';
import { trainStep } from '../../../lib/engine/train-step';
import { expectGradientsCorrect } from '../../helpers/gradcheck';
import { expectModelGradientsCorrect } from '../../helpers/gradcheck-model';
import { randomTensor } from '../../helpers/random';

const f64 = (shape: number[], seed: number): Tensor => randomTensor(shape, seed);

describe('graph models pass a float64 gradient check for every parameter and input', () => {
  beforeEach(() => setSeed(11));

  test('a residual MLP: y = Dense(x + Dense(tanh(Dense(x))))', () => {
    const x = input({ shape: [4], dtype: 'float64' });
    const h = new Dense({ units: 4 }).apply(new Dense({ units: 6, activation: 'tanh' }).apply(x));
    const y = new Dense({ units: 3, activation: 'softmax' }).apply(new Add().apply([x, h]));
    const model = new Model({ inputs: x, outputs: y });
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const labels = tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]], undefined, 'float64');
    expectModelGradientsCorrect(model, [f64([3, 4], 1)], [labels]);
    expectGradientsCorrect(model, f64([3, 4], 1), labels); // the public gradCheck agrees
  });

  test('two inputs, two outputs with weighted losses', () => {
    const a = input({ shape: [3], name: 'a', dtype: 'float64' });
    const b = input({ shape: [2], name: 'b', dtype: 'float64' });
    const trunk = new Dense({ units: 5, activation: 'tanh' }).apply(new Concatenate().apply([a, b]));
    const reg = new Dense({ units: 1, name: 'reg' }).apply(trunk);
    const cls = new Dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(new Subtract().apply([trunk, new Dense({ units: 5 }).apply(a)]));
    const model = new Model({ inputs: [a, b], outputs: [reg, cls] });
    model.compile({ optimizer: 'sgd', loss: { reg: 'mse', cls: 'categoricalCrossentropy' }, lossWeights: { reg: 0.7, cls: 1.3 } });
    expectModelGradientsCorrect(model, [f64([4, 3], 2), f64([4, 2], 3)], [f64([4, 1], 4), tensor([[1, 0], [0, 1], [1, 0], [0, 1]], undefined, 'float64')]);
  });

  test('a layer shared by two calls: its gradient is the sum of both calls', () => {
    const x = input({ shape: [3], dtype: 'float64' });
    const shared = new Dense({ units: 3, activation: 'tanh', name: 'shared' });
    const once = shared.apply(x);
    const twice = shared.apply(once);
    const y = new Dense({ units: 1, name: 'out' }).apply(new Multiply().apply([once, twice]));
    const model = new Model({ inputs: x, outputs: y });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const xs = [f64([5, 3], 5)];
    const ys = [f64([5, 1], 6)];
    expectModelGradientsCorrect(model, xs, ys);
    // The same network unshared, with the two calls as two layers of equal weights: the shared
    // layer's dW is the sum of the two layers' dW (the chain rule's sum over the two uses of W).
    const x2 = input({ shape: [3], dtype: 'float64' });
    const first = new Dense({ units: 3, activation: 'tanh', name: 'first' });
    const second = new Dense({ units: 3, activation: 'tanh', name: 'second' });
    const o1 = first.apply(x2);
    const unshared = new Model({ inputs: x2, outputs: new Dense({ units: 1, name: 'out2' }).apply(new Multiply().apply([o1, second.apply(o1)])) });
    unshared.compile({ optimizer: 'sgd', loss: 'mse' });
    const [W, b, Wo, bo] = model.getWeights();
    unshared.setWeights([W, b, W, b, Wo, bo]);
    trainStep(model, xs, ys, null, { update: false });
    trainStep(unshared, xs, ys, null, { update: false });
    const dW = shared.params()[0].grad;
    const sum = Array.from(first.params()[0].grad.data).map((v, i) => v + second.params()[0].grad.data[i]);
    Array.from(dW.data).forEach((v, i) => expect(v).toBeCloseTo(sum[i], 12));
  });

  test('a tensor read by three layers: the three gradients add up at it', () => {
    const x = input({ shape: [4], dtype: 'float64' });
    const h = new Dense({ units: 4, activation: 'tanh', name: 'h' }).apply(x);
    const branches = [1, 2, 3].map((k) => new Dense({ units: 2, activation: k === 2 ? 'sigmoid' : 'tanh', name: `branch_${k}` }).apply(h));
    const y = new Dense({ units: 2, name: 'out' }).apply(new Concatenate().apply(branches));
    const model = new Model({ inputs: x, outputs: y });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    expectModelGradientsCorrect(model, [f64([3, 4], 7)], [f64([3, 2], 8)]);
  });
});

describe('rank-3 gradient checks (Dense, Softmax and a loss on the last axis)', () => {
  test('Dense on [batch, steps, features]', () => {
    expectGradientsCorrect(new Dense({ units: 3, activation: 'tanh' }), f64([2, 4, 5], 9));
  });

  test('Softmax on [batch, steps, classes]', () => {
    expectGradientsCorrect(new Softmax(), f64([2, 3, 4], 10));
  });

  test('losses on [batch, steps, classes]: the mean over every axis but the batch', () => {
    const x = input({ shape: [3, 4], dtype: 'float64' });
    const model = new Model({ inputs: x, outputs: new Dense({ units: 2, activation: 'softmax' }).apply(x) });
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const labels = tensor([[[1, 0], [0, 1], [1, 0]], [[0, 1], [0, 1], [1, 0]]], undefined, 'float64');
    expectModelGradientsCorrect(model, [f64([2, 3, 4], 11)], [labels]);
    const mse = new Model({ inputs: x, outputs: new Dense({ units: 2 }).apply(x) });
    mse.compile({ optimizer: 'sgd', loss: 'mse' });
    expectModelGradientsCorrect(mse, [f64([2, 3, 4], 12)], [f64([2, 3, 2], 13)]);
  });
});
