/**
 * The guards of the engine: calls that must not run beside a running fit, and failed calls
 * that must leave the model (and the global generator) exactly as they found it.
 */
import {
  BatchNormalization, Dense, Dropout, LambdaCallback, Sequential, StateError, ShapeError, DataError,
  getGlobalRandom, setSeed, tensor, type Metric, type Tensor,
} from '../../../lib';
import { fromJSON } from '../../../lib/serialization';

const x = tensor([[0, 1], [1, 0], [1, 1], [0, 0]]);
const y = tensor([[1], [1], [0], [0]]);

function bnModel(): Sequential {
  setSeed(5);
  const model = new Sequential([
    new Dense({ units: 3, inputShape: [2] }), new BatchNormalization(), new Dropout({ rate: 0.5 }), new Dense({ units: 1, activation: 'sigmoid' }),
  ]);
  model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  return model;
}

/** Every weight (moving statistics included) and the generators' states, for before/after comparisons. */
function state(model: Sequential): unknown {
  return {
    weights: model.getWeights().map((w: Tensor) => Array.from(w.data)),
    dropout: (model.layers[2] as Dropout).getRandomState(),
    global: getGlobalRandom().getState(),
  };
}

describe('calls beside a running fit', () => {
  test('a second fit, trainOnBatch, evaluate or predict from outside throws a StateError naming the running fit', async () => {
    const model = bnModel();
    const running = model.fit(x, y, { epochs: 30, verbose: 0, batchSize: 1, callbacks: [new LambdaCallback({ onBatchEnd: () => new Promise((r) => setImmediate(r)) })] });
    await new Promise((r) => setImmediate(r));
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(new StateError(`fit: ${model.name} is running fit; wait for it to finish (await it) before calling fit`));
    expect(() => model.trainOnBatch(x, y)).toThrow(`trainOnBatch: ${model.name} is running fit`);
    const inside = model as unknown as { isInCallback: boolean };
    inside.isInCallback = false; // between hooks: code outside the fit is running
    expect(() => model.evaluate(x, y)).toThrow(StateError);
    expect(() => model.predict(x)).toThrow(`predict: ${model.name} is running fit`);
    const history = await running;
    expect(history.history.loss).toHaveLength(30);
    expect(() => model.evaluate(x, y)).not.toThrow();
  });

  test('a callback may evaluate and predict; its evaluate leaves the running fit\'s metrics as they were', async () => {
    const seen: number[] = [];
    const counting: Metric & { total: number; count: number } = {
      name: 'meanPrediction', total: 0, count: 0,
      compute: (yPred: Tensor) => Array.from(yPred.data).reduce((a, b) => a + b, 0) / yPred.size,
      reset() { this.total = 0; this.count = 0; },
      update(yPred: Tensor) { this.total += Array.from(yPred.data).reduce((a, b) => a + b, 0); this.count += yPred.size; },
      result() { return this.total / this.count; },
    } as Metric & { total: number; count: number };
    const run = async (withEvaluate: boolean): Promise<number[]> => {
      const model = bnModel();
      model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: [counting] });
      const callback = new LambdaCallback({
        onBatchEnd: () => {
          if (!withEvaluate) return;
          seen.push(model.evaluate(tensor([[5, 5]]), tensor([[1]])) as number);
          model.predict(x);
        },
      });
      const history = await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0, seed: 3, callbacks: [callback] });
      return history.history.meanPrediction;
    };
    const plain = await run(false);
    const nested = await run(true);
    expect(seen.length).toBe(4);
    expect(nested).toEqual(plain);
  });
});

describe('failed calls change nothing', () => {
  test('trainOnBatch with labels of the wrong shape leaves moving statistics and generators untouched', () => {
    const model = bnModel();
    model.trainOnBatch(x, y);
    const before = state(model);
    expect(() => model.trainOnBatch(x, tensor([[1, 0], [1, 0], [0, 1], [0, 1]]))).toThrow(ShapeError);
    expect(state(model)).toEqual(before);
  });

  test('trainOnBatch whose loss rejects the labels\' values after the forward pass puts the moving statistics back', () => {
    setSeed(2);
    const model = new Sequential([new Dense({ units: 3, inputShape: [2] }), new BatchNormalization(), new Dense({ units: 3, activation: 'softmax' })]);
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const weights = () => model.getWeights().map((w: Tensor) => Array.from(w.data));
    const before = weights();
    expect(() => model.trainOnBatch(x, tensor([0, 1, 7, 2]))).toThrow(DataError);
    expect(weights()).toEqual(before);
  });

  test('computeGradients changes no state: weights, moving statistics, generators', () => {
    const model = bnModel();
    const before = state(model);
    const trace = model.computeGradients(x, y);
    expect(trace.layers).toHaveLength(4);
    expect(state(model)).toEqual(before);
    expect(model.optimizer?.iterations).toBe(0);
  });

  test('predict or fit on bad data leaves an unbuilt model unbuilt', async () => {
    const model = new Sequential([new Dense({ units: 2 }), new Dense({ units: 1 })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    expect(() => model.predict(tensor([[1, NaN]]))).toThrow(DataError);
    expect(model.built).toBe(false);
    await expect(model.fit(x, tensor([[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]), { verbose: 0 })).rejects.toThrow(ShapeError);
    expect(model.built).toBe(false);
    expect(model.layers.map((l) => l.built)).toEqual([false, false]);
  });

  test('a failed load does not advance the global generator', () => {
    const model = bnModel();
    model.build([null, 2]);
    const json = model.toJSON();
    // The layers are built (their initializers draw from the generator) before the training
    // config is read, and that is where this load fails.
    const broken = { ...json, modelJson: { ...json.modelJson, trainingConfig: { ...json.modelJson.trainingConfig, loss: 'no_such_loss' } } };
    setSeed(77);
    const before = getGlobalRandom().getState();
    expect(() => fromJSON(broken as never)).toThrow(DataError);
    expect(getGlobalRandom().getState()).toEqual(before);
  });
});
