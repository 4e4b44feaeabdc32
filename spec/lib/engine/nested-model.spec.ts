/** A model used as a layer of another model: one call of the outer graph, trained with it. */
import { ConfigError, Dense, Model, Sequential, input, setSeed, tensor } from '../../../lib';
import { expectModelGradientsCorrect } from '../../helpers/gradcheck-model';
import { randomTensor } from '../../helpers/random';

describe('nested models', () => {
  test('a Sequential inside a functional model passes a float64 gradient check of every weight and the input', () => {
    setSeed(8);
    const encoder = new Sequential({ layers: [new Dense({ units: 4, activation: 'tanh', inputShape: [3] }), new Dense({ units: 2, activation: 'tanh' })], dtype: 'float64' });
    const x = input({ shape: [3], dtype: 'float64' });
    const y = new Dense({ units: 1, name: 'head' }).apply(encoder.apply(x));
    const model = new Model({ inputs: x, outputs: y });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    expect(model.layers.map((l) => l.className)).toEqual(['InputLayer', 'Model', 'Dense']);
    expect(model.countParams()).toBe(encoder.countParams() + 3);
    expectModelGradientsCorrect(model, [randomTensor([5, 3], 1)], [randomTensor([5, 1], 2)]);
  });

  test('the outer fit trains the inner model\'s weights; its own predict sees them', async () => {
    setSeed(9);
    const inner = new Sequential([new Dense({ units: 3, activation: 'relu', inputShape: [2] })]);
    const x = input({ shape: [2] });
    const outer = new Model({ inputs: x, outputs: new Dense({ units: 1 }).apply(inner.apply(x)) });
    outer.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = Array.from(inner.getWeights()[0].data);
    const history = await outer.fit(tensor([[1, 2], [3, 4], [0, 1]]), tensor([[1], [2], [0]]), { epochs: 5, verbose: 0 });
    expect(history.history.loss[4]).toBeLessThan(history.history.loss[0]);
    expect(Array.from(inner.getWeights()[0].data)).not.toEqual(before);
  });

  test('a nested model is called once per graph, has one output, and is not saved yet (a clear error)', async () => {
    const a = input({ shape: [2] });
    const inner = new Model({ inputs: a, outputs: new Dense({ units: 2 }).apply(a) });
    const x = input({ shape: [2] });
    const once = inner.apply(x);
    expect(() => new Model({ inputs: x, outputs: inner.apply(once) })).toThrow(ConfigError);
    const twoOut = new Model({ inputs: a, outputs: [new Dense({ units: 1 }).apply(a), new Dense({ units: 1 }).apply(a)] });
    expect(() => twoOut.apply(x)).toThrow("a model used as a layer must have one output, it has 2");
    const outer = new Model({ inputs: x, outputs: once });
    expect(() => outer.toJSON()).toThrow(/is a model used as a layer, which saving does not support yet/);
  });
});
