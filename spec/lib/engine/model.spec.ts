/** The functional Model: building graphs, data by position or name, losses per output, History keys. */
import {
  Add, ConfigError, Concatenate, Dense, Model, ShapeError, input, setSeed, tensor, type History, type Tensor,
} from '../../../lib';

function twoInTwoOut(): Model {
  setSeed(3);
  const a = input({ shape: [2], name: 'a' });
  const b = input({ shape: [3], name: 'b' });
  const trunk = new Dense({ units: 4, activation: 'relu', name: 'trunk' }).apply(new Concatenate({ name: 'join' }).apply([a, b]));
  const reg = new Dense({ units: 1, name: 'reg' }).apply(trunk);
  const cls = new Dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(trunk);
  return new Model({ inputs: [a, b], outputs: [reg, cls], name: 'two' });
}

const A = tensor([[1, 2], [3, 4], [5, 6], [7, 8]]);
const B = tensor([[1, 0, 1], [0, 1, 0], [1, 1, 1], [0, 0, 0]]);
const REG = tensor([[1], [2], [3], [4]]);
const CLS = tensor([[1, 0], [0, 1], [1, 0], [0, 1]]);

describe('Model: a graph of layers', () => {
  test('lists its layers inputs first, finds them by name, and names its inputs and outputs', () => {
    const model = twoInTwoOut();
    expect(model.layers.map((l) => l.name)).toEqual(['a', 'b', 'join', 'trunk', 'reg', 'cls']);
    expect(model.getLayer('trunk').className).toBe('Dense');
    expect(() => model.getLayer('nope')).toThrow("two: no layer named 'nope'; the layers are 'a', 'b', 'join', 'trunk', 'reg', 'cls'");
    expect(model.inputNames).toEqual(['a', 'b']);
    expect(model.outputNames).toEqual(['reg', 'cls']);
    expect(model.countParams()).toBe((5 * 4 + 4) + (4 + 1) + (4 * 2 + 2));
  });

  test('summary shows each layer with what it is connected to', () => {
    const text = twoInTwoOut().summary(() => {});
    expect(text).toContain('Connected to');
    expect(text).toMatch(/join \(Concatenate\)\s+\[\?, 5\]\s+0\s+a, b/);
    expect(text).toMatch(/cls \(Dense\)\s+\[\?, 2\]\s+10\s+trunk/);
  });

  test('refuses outputs that depend on a tensor that is not an input, and inputs not from input()', () => {
    const a = input({ shape: [2] });
    const b = input({ shape: [2] });
    const sum = new Add().apply([a, b]);
    expect(() => new Model({ inputs: a, outputs: sum })).toThrow(ConfigError);
    expect(() => new Model({ inputs: a, outputs: sum })).toThrow(/is an input of the graph that is not among the model's inputs/);
    expect(() => new Model({ inputs: sum, outputs: sum })).toThrow(/inputs must come from input\(\{ shape \}\)/);
    expect(() => new Model({ inputs: a, outputs: 3 as never })).toThrow(/outputs must be a SymbolicTensor/);
  });

  test('calling a layer checks shapes at once, naming the layer and both shapes', () => {
    const a = input({ shape: [2] });
    const b = input({ shape: [3] });
    expect(() => new Add({ name: 'plus' }).apply([a, b])).toThrow(ShapeError);
    const dense = new Dense({ units: 2, name: 'd' });
    dense.apply(a);
    expect(() => dense.apply(b)).toThrow("Dense 'd': input does not match the shape it was built for: expected [?, 2], got [?, 3]");
  });
});

describe('Model: training with several inputs and outputs', () => {
  test('data as arrays or records by name give the same training; History has Keras keys', async () => {
    const compile = (model: Model) => model.compile({ optimizer: 'sgd', loss: ['mse', 'categoricalCrossentropy'], metrics: { cls: ['accuracy'] } });
    const byPosition = twoInTwoOut();
    compile(byPosition);
    const h1: History = await byPosition.fit([A, B], [REG, CLS], { epochs: 3, batchSize: 2, verbose: 0, seed: 1 });
    const byName = twoInTwoOut();
    compile(byName);
    const h2: History = await byName.fit({ b: B, a: A }, { cls: CLS, reg: REG }, { epochs: 3, batchSize: 2, verbose: 0, seed: 1 });
    expect(Object.keys(h1.history).sort()).toEqual(['cls_accuracy', 'cls_loss', 'learning_rate', 'loss', 'reg_loss']);
    expect(h2.history).toEqual(h1.history);
    // loss = reg_loss + cls_loss with unit weights, epoch by epoch.
    h1.history.loss.forEach((l, e) => expect(l).toBeCloseTo(h1.history.reg_loss[e] + h1.history.cls_loss[e], 5));
  });

  test('lossWeights weigh the outputs in the total: L = Σ w_k·L_k', () => {
    const model = twoInTwoOut();
    model.compile({ optimizer: 'sgd', loss: { reg: 'mse', cls: 'categoricalCrossentropy' }, lossWeights: { reg: 2, cls: 0.25 } });
    const [total, regLoss, clsLoss] = model.evaluate([A, B], [REG, CLS]) as number[];
    expect(total).toBeCloseTo(2 * regLoss + 0.25 * clsLoss, 5);
  });

  test('predict returns one tensor per output; bad data names the input', () => {
    const model = twoInTwoOut();
    const [reg, cls] = model.predict([A, B]) as unknown as Tensor[];
    expect(reg.shape).toEqual([4, 1]);
    expect(cls.shape).toEqual([4, 2]);
    expect(() => model.predict([A])).toThrow("predict: x: the model has 2 ('a', 'b'), got an array of 1");
    expect(() => model.predict({ a: A, c: B })).toThrow("predict: x: record keys must be 'a', 'b', got 'a', 'c'");
    expect(() => model.predict([B, A])).toThrow("two: input 'a' does not match the model's input shape: expected [?, 2], got [4, 3]");
  });

  test('compile checks losses per output', () => {
    const model = twoInTwoOut();
    expect(() => model.compile({ optimizer: 'sgd', loss: ['mse'] })).toThrow("compile: loss must have one entry per output (2: 'reg', 'cls'), got 1");
    expect(() => model.compile({ optimizer: 'sgd', loss: { reg: 'mse', other: 'mse' } })).toThrow("compile: loss names no output 'other': expected one of 'reg', 'cls'");
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', lossWeights: [1, -1] })).toThrow('compile: a loss weight must be a finite number ≥ 0, got -1');
  });

  test('labels of shape [N] train a one-unit output, as in Keras', async () => {
    setSeed(4);
    const x = input({ shape: [2] });
    const model = new Model({ inputs: x, outputs: new Dense({ units: 1, activation: 'sigmoid' }).apply(x) });
    model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const flat = await model.fit(A, tensor([1, 0, 1, 0]), { epochs: 2, verbose: 0, seed: 2 });
    expect(flat.history.loss).toHaveLength(2);
    expect(() => model.evaluate(A, tensor([1, 0, 1]))).toThrow(/same number of samples/);
  });
});
