import { ConfigError, DataError, ShapeError, StateError } from '../../lib/errors';
import { Sequential } from '../../lib/sequential';
import { setSeed } from '../../lib/random';
import { tensor, toArray } from '../../lib/tensor';
import { Dense } from '../../layers';
import { SGD } from '../../optimizers';
import { MeanSquaredError } from '../../losses';
import { expectClose } from '../helpers/expect-close';

function mlp(): Sequential {
  return new Sequential([new Dense({ units: 4, activation: 'tanh', inputShape: [3] }), new Dense({ units: 2, activation: 'softmax' })]);
}

describe('Sequential structure', () => {
  it('builds at once when the first layer declares its input shape', () => {
    const model = mlp();
    expect(model.built).toBe(true);
    expect(model.outputShape).toEqual([null, 2]);
    expect(model.countParams()).toBe(3 * 4 + 4 + 4 * 2 + 2);
    expect(model.layers.map((l) => l.className)).toEqual(['Dense', 'Dense']);
  });

  it('builds lazily from the first data otherwise', () => {
    const model = new Sequential([new Dense({ units: 2 })]);
    expect(model.built).toBe(false);
    model.predict([[1, 2, 3]]);
    expect(model.inputShape).toEqual([null, 3]);
    expect(model.getWeights()[0].shape).toEqual([3, 2]);
  });

  it('refuses duplicate names, non-layers and a second inputShape', () => {
    const model = mlp();
    expect(() => model.add(new Dense({ units: 1, name: model.layers[0].name }))).toThrow(ConfigError);
    expect(() => model.add({} as never)).toThrow('expected a Layer');
    expect(() => model.add(new Dense({ units: 1, inputShape: [2] }))).toThrow('only the first layer may declare inputShape');
  });

  it('prints a Keras-style summary with output shapes and parameter counts', () => {
    const model = new Sequential([new Dense({ units: 128, activation: 'relu', inputShape: [784], name: 'hidden' }), new Dense({ units: 10, name: 'out' })]);
    const text = model.summary(() => undefined);
    expect(text).toContain('hidden (Dense)');
    expect(text).toContain('[?, 128]');
    expect(text).toContain('100,480'); // 784·128 + 128
    expect(text).toContain('Total params: 101,770'); // + 128·10 + 10
    expect(text).toContain('Non-trainable params: 0');
  });
});

describe('summary before build', () => {
  it("says the model is not built yet, in Keras's words, instead of counting 0 params", () => {
    const model = new Sequential([new Dense({ units: 4, name: 'hidden' }), new Dense({ units: 1, name: 'out' })]);
    const text = model.summary(() => undefined);
    expect(text).toMatch(/hidden \(Dense\) +\? +0 \(unbuilt\)/);
    expect(text.split('\n').at(-1)).toBe('This model has not yet been built. Build the model first by calling build() or by calling the model on a batch of data.');
    model.build([null, 3]);
    const built = model.summary(() => undefined);
    expect(built).not.toContain('unbuilt');
    expect(built).not.toContain('not yet been built');
    expect(built).toContain('Total params: 21'); // 3·4 + 4 + 4·1 + 1
  });
});

describe('compile', () => {
  it('names the valid choices for an unknown loss or optimizer', () => {
    const model = mlp();
    expect(() => model.compile({ optimizer: 'sgd', loss: 'nope' })).toThrow(/unknown loss 'nope'.*'mse'/);
    expect(() => model.compile({ optimizer: 'nope', loss: 'mse' })).toThrow(/unknown optimizer 'nope'.*'sgd'/);
  });

  it('is needed before fit, evaluate and trainOnBatch', async () => {
    const model = mlp();
    await expect(model.fit([[1, 2, 3]], [[1, 0]])).rejects.toThrow(StateError);
    expect(() => model.evaluate([[1, 2, 3]], [[1, 0]])).toThrow('model must be compiled first');
  });
});

describe('trainOnBatch', () => {
  it('takes one SGD step worked out by hand', () => {
    // Dense(1) without activation, W = [[1], [2]], b = [0.5], x = [[1, 1]], y = [[0]], MSE.
    // Z = 1 + 2 + 0.5 = 3.5, loss = 3.5² = 12.25, dZ = 2·(3.5 − 0)/1 = 7,
    // dW = xᵀ·dZ = [[7], [7]], db = [7]; lr 0.1: W = [[0.3], [1.3]], b = [−0.2].
    const dense = new Dense({ units: 1, inputShape: [2] });
    const model = new Sequential({ layers: [dense], dtype: 'float64' });
    model.setWeights([tensor([[1], [2]]), tensor([0.5])]);
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: new MeanSquaredError() });
    expect(model.trainOnBatch([[1, 1]], [[0]])).toBeCloseTo(12.25, 12);
    const [W, b] = model.getWeights();
    expectClose(W, [[0.3], [1.3]], { rtol: 1e-12, atol: 1e-12 });
    expectClose(b, [-0.2], { rtol: 1e-12, atol: 1e-12 });
  });
});

describe('computeGradients', () => {
  it('reports each layer, skipping the first dAPrev unless asked', () => {
    setSeed(1);
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const before = model.getWeights();
    const trace = model.computeGradients([[1, 2, 3], [0, 1, 0]], [[1, 0], [0, 1]]);
    expect(trace.layers).toHaveLength(2);
    expect(trace.layers[0].dAPrev).toBeNull();
    expect(trace.layers[1].dAPrev?.shape).toEqual([2, 4]);
    expect(trace.layers[0].grads.dW.shape).toEqual([3, 4]);
    expect(trace.layers[1].grads.db.shape).toEqual([2]);
    expect(model.computeGradients([[1, 2, 3]], [[1, 0]], { inputGradient: true }).layers[0].dAPrev?.shape).toEqual([1, 3]);
    model.getWeights().forEach((w, i) => expect(toArray(w)).toEqual(toArray(before[i])));
  });
});

describe('weights', () => {
  it('round-trips through getWeights and setWeights in [W, b] order', () => {
    const model = mlp();
    const w = model.getWeights();
    expect(w.map((t) => t.shape)).toEqual([[3, 4], [4], [4, 2], [2]]);
    const other = mlp();
    other.setWeights(w);
    expect(other.getWeights().map((t) => toArray(t))).toEqual(w.map((t) => toArray(t)));
  });

  it('checks every shape before writing anything', () => {
    const model = mlp();
    const before = model.getWeights().map((t) => toArray(t));
    const bad = model.getWeights();
    bad[0].data.fill(9);
    bad[3] = tensor([1, 2, 3]);
    expect(() => model.setWeights(bad)).toThrow(/weight 'bias' must have shape \[2\], got \[3\]/);
    expect(model.getWeights().map((t) => toArray(t))).toEqual(before);
    expect(() => model.setWeights([])).toThrow('expected 4 tensors');
  });
});

describe('errors at the data boundary', () => {
  const compiled = () => {
    const m = mlp();
    m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    return m;
  };

  it('names the layer and both shapes for a wrong input width', () => {
    expect(() => compiled().predict([[1, 2]])).toThrow(ShapeError);
    expect(() => compiled().predict([[1, 2]])).toThrow(/expected \[\?, 3\], got \[1, 2\]/);
  });

  it('rejects NaN, Infinity, empty data and mismatched counts with DataError', async () => {
    const m = compiled();
    await expect(m.fit([[1, NaN, 3]], [[1, 0]], { verbose: 0 })).rejects.toThrow('fit: x contains NaN at [0, 1]');
    await expect(m.fit([[1, 2, 3]], [[Infinity, 0]], { verbose: 0 })).rejects.toThrow('fit: y contains Infinity at [0, 0]');
    await expect(m.fit([], [], { verbose: 0 })).rejects.toThrow(DataError);
    await expect(m.fit([[1, 2, 3], [1, 2, 3]], [[1, 0]], { verbose: 0 })).rejects.toThrow('x has 2 [2, 3], y has 1 [1, 2]');
  });

  it('rejects bad fit options with ConfigError', async () => {
    const m = compiled();
    const x = [[1, 2, 3]], y = [[1, 0]];
    await expect(m.fit(x, y, { epochs: -1 })).rejects.toThrow('epochs must be a non-negative integer, got -1');
    await expect(m.fit(x, y, { batchSize: 0 })).rejects.toThrow('batchSize must be a positive integer, got 0');
    await expect(m.fit(x, y, { validationSplit: 1 })).rejects.toThrow('validationSplit must be in [0, 1), got 1');
    await expect(m.fit(x, y, { verbose: 3 as 0 })).rejects.toThrow(ConfigError);
  });

  it('leaves the weights unchanged when the labels do not fit the output', async () => {
    const m = compiled();
    const before = m.getWeights().map((t) => toArray(t));
    await expect(m.fit([[1, 2, 3]], [[1, 0, 0]], { verbose: 0 })).rejects.toThrow(ShapeError);
    expect(m.getWeights().map((t) => toArray(t))).toEqual(before);
  });
});
