/**
 * Embedding: lookups derived by hand, the scatter-add gradient (float64 gradient check with a
 * random upstream gradient; the indices are not differentiable), the zero mask, errors,
 * training, config and files (layerwise and TensorFlow.js both ways).
 */
import * as fs from 'fs';
import * as tf from '@tensorflow/tfjs';
import {
  Adam, Dense, Embedding, Flatten, GlobalAveragePooling1D, Sequential, TimeDistributed, l2, layers, loadModel, setSeed, tensor, toArray,
  ConfigError, DataError, ShapeError, type Tensor,
} from '../../lib';
import { Random } from '../../lib/random';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { makeTempDir, removeTempDir, tfjsLoad, tfjsSave, useCpuBackend } from '../helpers/tfjs-files';

/** An Embedding whose table is `E_ij = 10·i + j` (row `i` is easy to recognise in an output). */
function numbered(inputDim: number, outputDim: number, rank = 2): Embedding {
  const layer = new Embedding({ inputDim, outputDim });
  layer.build(Array.from({ length: rank }, () => null), 'float64');
  const E = layer.params()[0].value;
  for (let i = 0; i < inputDim; i++) for (let j = 0; j < outputDim; j++) E.data[E.offset + i * outputDim + j] = 10 * i + j;
  return layer;
}

/** Seeded integer indices in `[0, inputDim)` of `shape`, as float64. */
function randomIndices(shape: number[], inputDim: number, seed: number): Tensor {
  const rng = new Random(seed);
  const t = tensor(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape, 'float64');
  for (let i = 0; i < t.size; i++) t.data[i] = Math.floor(rng.uniform() * inputDim);
  return t;
}

describe('Embedding forward', () => {
  it('looks up row X_n of E for every index (known answer)', () => {
    const layer = numbered(4, 2);
    // Rows: E_0 = [0, 1], E_1 = [10, 11], E_2 = [20, 21], E_3 = [30, 31].
    const y = layer.forward(tensor([[1, 3], [0, 1]], undefined, 'float64'));
    expect(y.shape).toEqual([2, 2, 2]);
    expect(toArray(y)).toEqual([[[10, 11], [30, 31]], [[0, 1], [10, 11]]]);
  });

  it('keeps every leading axis: [batch, a, b] → [batch, a, b, outputDim]', () => {
    const layer = numbered(5, 3, 3);
    const y = layer.forward(tensor([[[4, 0], [2, 2]]], undefined, 'float64'));
    expect(y.shape).toEqual([1, 2, 2, 3]);
    expect(toArray(y)).toEqual([[[[40, 41, 42], [0, 1, 2]], [[20, 21, 22], [20, 21, 22]]]]);
    expect(layer.computeOutputShape([null, 2, 2])).toEqual([null, 2, 2, 3]);
  });

  it('reads a strided (transposed) index view like its contiguous copy', () => {
    const layer = numbered(4, 2);
    const x = tensor([[0, 1, 2], [3, 2, 1]], undefined, 'float64');
    const fromView = toArray(layer.forward(x.transpose(1, 0)));
    expect(fromView).toEqual(toArray(layer.forward(tensor([[0, 3], [1, 2], [2, 1]], undefined, 'float64'))));
  });

  it("starts E uniform in [-0.05, 0.05), Keras's RandomUniform()", () => {
    setSeed(3);
    const layer = new Embedding({ inputDim: 50, outputDim: 8 });
    layer.build([null, 3]);
    const E = Array.from(layer.params()[0].value.data);
    expect(layer.params()[0].value.shape).toEqual([50, 8]);
    expect(Math.min(...E)).toBeGreaterThanOrEqual(-0.05);
    expect(Math.max(...E)).toBeLessThan(0.05);
    expect(new Set(E).size).toBeGreaterThan(390);
    expect(layer.getConfig().embeddingsInitializer).toEqual({ className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05 } });
    expect(layer.params().map((p) => [p.name, p.weightName])).toEqual([['E', 'embeddings']]);
  });
});

describe('Embedding backward', () => {
  it('scatter-adds dOut into the rows of the indices; a repeated index gets the sum (known answer)', () => {
    const layer = numbered(4, 2);
    layer.forward(tensor([[2, 2, 2, 0]], undefined, 'float64'), true);
    const dOut = tensor([[[1, 2], [3, 4], [5, 6], [7, 8]]], undefined, 'float64');
    const { dAPrev, grads } = layer.backward(dOut);
    // Row 2 gets steps 0-2: [1+3+5, 2+4+6]; row 0 gets step 3; rows 1 and 3 get nothing.
    expect(toArray(grads.dE)).toEqual([[7, 8], [0, 0], [9, 12], [0, 0]]);
    expect(grads.dE).toBe(layer.params()[0].grad);
    // The indices have no derivative: zeros of the input's shape.
    expect(toArray(dAPrev as Tensor)).toEqual([[0, 0, 0, 0]]);
  });

  it('overwrites dE on each backward instead of accumulating, and skips dAPrev when not needed', () => {
    const layer = numbered(3, 1);
    layer.forward(tensor([[1, 1]], undefined, 'float64'), true);
    layer.backward(tensor([[[5], [6]]], undefined, 'float64'));
    layer.forward(tensor([[0, 2]], undefined, 'float64'), true);
    const { dAPrev, grads } = layer.backward(tensor([[[1], [2]]], undefined, 'float64'), false);
    expect(toArray(grads.dE)).toEqual([[1], [0], [2]]);
    expect(dAPrev).toBeNull();
  });

  it.each([
    ['rank 2 input', [3, 5], {}],
    ['rank 3 input', [2, 3, 2], {}],
    ['with an l2 regularizer', [4, 3], { embeddingsRegularizer: l2(0.05) }],
  ])('dE matches central differences with a random upstream gradient (%s)', (_, shape, extra) => {
    const layer = new Embedding({ inputDim: 6, outputDim: 4, ...extra });
    // Indices from a few rows only, so several positions share a row.
    expectGradientsCorrect(layer, randomIndices(shape as number[], 6, 11), undefined, { isInputDifferentiable: false, seed: 4 });
    expect(layer.dtype).toBe('float64');
  });

  it('trains the table of a model: dE of Embedding → Flatten → Dense matches central differences', () => {
    const model = new Sequential({ layers: [new Embedding({ inputDim: 5, outputDim: 3, inputShape: [4] }), new Flatten(), new Dense({ units: 2 })], dtype: 'float64' });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    expectGradientsCorrect(model, randomIndices([3, 4], 5, 2), randomTensor([3, 2], 7), { isInputDifferentiable: false });
  });
});

describe('Embedding maskZero', () => {
  it('makes the mask m_bt = [X_bt ≠ 0] of shape [batch, time]', () => {
    const layer = new Embedding({ inputDim: 5, outputDim: 2, maskZero: true });
    const x = tensor([[3, 0, 1], [0, 0, 4]]);
    layer.forward(x);
    const mask = layer.computeMask([x], [null]);
    expect(mask?.shape).toEqual([2, 3]);
    expect(Array.from(mask?.data ?? [])).toEqual([1, 0, 1, 0, 0, 1]);
    expect(layer.supportsMasking).toBe(true);
  });

  it('makes none without maskZero', () => {
    const layer = new Embedding({ inputDim: 5, outputDim: 2 });
    const x = tensor([[3, 0, 1]]);
    layer.forward(x);
    expect(layer.computeMask([x], [null])).toBeNull();
    expect(layer.supportsMasking).toBe(false);
  });

  it('leaves padded steps out of the loss: the padded targets do not change it', () => {
    setSeed(1);
    const model = new Sequential([
      new Embedding({ inputDim: 4, outputDim: 3, maskZero: true, inputShape: [3] }),
      new TimeDistributed({ layer: new Dense({ units: 1 }) }),
    ]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tensor([[1, 2, 0], [3, 0, 0]]);
    const a = model.evaluate(x, tensor([[[1], [2], [3]], [[4], [5], [6]]])) as number;
    const b = model.evaluate(x, tensor([[[1], [2], [-30]], [[4], [50], [60]]])) as number;
    expect(b).toBeCloseTo(a, 6);
    const c = model.evaluate(x, tensor([[[9], [2], [3]], [[4], [5], [6]]])) as number;
    expect(c).not.toBeCloseTo(a, 3);
  });
});

describe('Embedding errors', () => {
  const layer = new Embedding({ inputDim: 3, outputDim: 2, name: 'tokens' });

  it.each([
    [1.5, /Embedding 'tokens': indices must be integers in \[0, 3\) \(inputDim 3\), got 1\.5 at flat position 1 of \[2, 2\]/],
    [-1, /indices must be integers in \[0, 3\) \(inputDim 3\), got -1 at flat position 1/],
    [3, /indices must be integers in \[0, 3\) \(inputDim 3\), got 3 at flat position 1/],
    [NaN, /indices must be integers in \[0, 3\) \(inputDim 3\), got NaN at flat position 1/],
  ])('rejects the index %p with a DataError naming the layer, the value and the range', (bad, message) => {
    const x = tensor([[0, bad], [1, 2]]);
    expect(() => layer.forward(x)).toThrow(DataError);
    expect(() => layer.forward(x)).toThrow(message);
  });

  it('rejects input of rank < 2, rank ≠ 2 with maskZero, and input that contradicts inputLength', () => {
    expect(() => new Embedding({ inputDim: 3, outputDim: 2, name: 'e' }).forward(tensor([1, 2]))).toThrow(
      new ShapeError("Embedding 'e': input must be indices [batch, …] of rank at least 2: expected [?, ?], got [?]"));
    expect(() => new Embedding({ inputDim: 3, outputDim: 2, maskZero: true, name: 'm' }).forward(tensor([[[1]]]))).toThrow(
      new ShapeError("Embedding 'm': with maskZero the input must be [batch, time]: expected rank 2, got [?, 1, 1]"));
    expect(() => new Embedding({ inputDim: 3, outputDim: 2, inputLength: 4, name: 'l' }).forward(tensor([[1, 2]]))).toThrow(
      "Embedding 'l': input last axis must be 4: expected [?, 4], got [1, 2]");
    const built = new Embedding({ inputDim: 3, outputDim: 2, name: 'b' });
    built.forward(tensor([[1, 2]]));
    expect(() => built.forward(tensor([[[1, 2]]]))).toThrow(/Embedding 'b': input must have rank 2/);
    // Any sequence length once built (the table does not depend on it), as in Keras.
    expect(built.forward(tensor([[1, 2, 0, 1]])).shape).toEqual([1, 4, 2]);
  });

  it.each([
    [{ inputDim: 0, outputDim: 2 }, 'Embedding: inputDim must be a positive integer, got 0'],
    [{ inputDim: 3, outputDim: 2.5 }, 'Embedding: outputDim must be a positive integer, got 2.5'],
    [{ outputDim: 2 }, 'Embedding: inputDim must be a positive integer, got undefined'],
    [{ inputDim: 3, outputDim: 2, maskZero: 'yes' }, 'Embedding: maskZero must be a boolean, got "yes"'],
    [{ inputDim: 3, outputDim: 2, inputLength: [0] }, 'Embedding: inputLength must be a positive integer or a non-empty array of them, got [0]'],
    [{ inputDim: 3, outputDim: 2, inputLength: 4, inputShape: [5] }, 'Embedding: inputLength 4 contradicts the input shape [?, 5]'],
  ])('rejects bad options %p with a ConfigError', (options, message) => {
    expect(() => new Embedding(options as never)).toThrow(new ConfigError(message));
  });

  it('rejects an unknown initializer, listing the valid names', () => {
    expect(() => new Embedding({ inputDim: 3, outputDim: 2, embeddingsInitializer: 'nope' })).toThrow(/^Embedding: unknown initializer 'nope'\. Valid initializer names: .*'randomUniform'/);
  });

  it('throws a StateError for backward before a training forward', () => {
    const e = new Embedding({ inputDim: 3, outputDim: 2, name: 'late' });
    e.forward(tensor([[1]]));
    expect(() => e.backward(tensor([[[1, 1]]]))).toThrow("Embedding 'late': backward called before forward(x, training=true)");
  });
});

describe('Embedding in a model', () => {
  /** Sequences of 5 tokens from [1, 8); the label is 1 when most tokens are below 4. */
  function data(n: number, seed: number): { x: Tensor; y: Tensor } {
    const rng = new Random(seed);
    const x = tensor(new Float32Array(n * 5), [n, 5]);
    const y = tensor(new Float32Array(n), [n, 1]);
    for (let s = 0; s < n; s++) {
      let low = 0;
      for (let t = 0; t < 5; t++) {
        const token = 1 + Math.floor(rng.uniform() * 7);
        x.data[s * 5 + t] = token;
        if (token < 4) low++;
      }
      y.data[s] = low >= 3 ? 1 : 0;
    }
    return { x, y };
  }

  it.each([
    ['GlobalAveragePooling1D', () => new GlobalAveragePooling1D()],
    ['Flatten', () => new Flatten()],
  ])('Embedding → %s → Dense learns: the loss falls', async (_, pooling) => {
    setSeed(8);
    const model = new Sequential([new Embedding({ inputDim: 8, outputDim: 4, inputLength: 5 }), pooling(), new Dense({ units: 1, activation: 'sigmoid' })]);
    model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy' });
    const { x, y } = data(64, 3);
    const history = await model.fit(x, y, { epochs: 30, batchSize: 16, verbose: 0, seed: 1 });
    const loss = history.history.loss;
    expect(loss[loss.length - 1]).toBeLessThan(0.7 * loss[0]);
  });
});

describe('Embedding config and files', () => {
  let dir: string;
  beforeAll(async () => {
    await useCpuBackend();
  });
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeTempDir(dir));

  it('getConfig returns exactly the options with defaults resolved, and fromConfig rebuilds it', () => {
    const layer = new Embedding({ inputDim: 10, outputDim: 4, name: 'e', maskZero: true, embeddingsInitializer: 'zeros', embeddingsRegularizer: l2(0.1), inputLength: 6 });
    expect(layer.getConfig()).toEqual({
      name: 'e', trainable: true, batchInputShape: [null, 6], inputDim: 10, outputDim: 4, embeddingsInitializer: 'zeros',
      embeddingsRegularizer: { className: 'L2', config: { l2: 0.1 } }, maskZero: true, inputLength: 6,
    });
    expect(layers.create('Embedding', layer.getConfig()).getConfig()).toEqual(layer.getConfig());
    expect(new Embedding({ inputDim: 2, outputDim: 1, name: 'd' }).getConfig()).toEqual({
      name: 'd', trainable: true, inputDim: 2, outputDim: 1, embeddingsInitializer: { className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05 } }, maskZero: false,
    });
  });

  it('saves as TensorFlow.js writes it (snake_case, embeddings weight) and loads back predicting the same numbers', async () => {
    setSeed(4);
    const model = new Sequential([
      new Embedding({ inputDim: 6, outputDim: 3, maskZero: true, inputLength: 4, name: 'tokens' }),
      new GlobalAveragePooling1D(), new Dense({ units: 2 }),
    ]);
    const x = tensor([[1, 2, 3, 0], [5, 5, 0, 0], [4, 3, 2, 1]]);
    const expected = toArray(model.predict(x));
    const { modelJsonPath } = await model.save(dir);
    const json = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8')) as {
      modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
      weightsManifest: { weights: { name: string; shape: number[] }[] }[];
    };
    const saved = json.modelTopology.config.layers[0];
    expect(saved.class_name).toBe('Embedding');
    expect(saved.config).toMatchObject({
      input_dim: 6, output_dim: 3, mask_zero: true, input_length: 4, batch_input_shape: [null, 4],
      embeddings_initializer: { class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05 } },
    });
    expect(json.weightsManifest[0].weights[0]).toMatchObject({ name: 'tokens/embeddings', shape: [6, 3] });
    const loaded = await loadModel(dir);
    expect(loaded.layers[0].getConfig()).toEqual(model.layers[0].getConfig());
    expect(toArray(loaded.predict(x))).toEqual(expected);
  });

  it('TensorFlow.js loads the saved model and predicts the same numbers', async () => {
    setSeed(6);
    const model = new Sequential([new Embedding({ inputDim: 7, outputDim: 3, inputLength: 4 }), new Flatten(), new Dense({ units: 2, activation: 'tanh' })]);
    model.predict(tensor([[0, 1, 2, 3]]));
    expect((await model.save(dir)).warnings).toEqual([]);
    const reference = await tfjsLoad(dir);
    const x = [[0, 1, 2, 3], [6, 5, 4, 3], [2, 2, 2, 2]];
    const expected = (reference.predict(tf.tensor(x)) as tf.Tensor).arraySync() as number[][];
    expectClose(model.predict(tensor(x)) as Tensor, expected, { rtol: 1e-6, atol: 1e-7 });
  });

  it('loads a TensorFlow.js Embedding (maskZero, inputLength) and predicts what TensorFlow.js predicts', async () => {
    const reference = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 9, outputDim: 4, inputLength: 3, maskZero: true, embeddingsInitializer: tf.initializers.randomNormal({ seed: 2 }) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2 }),
      ],
    });
    await tfjsSave(reference, dir);
    const model = await loadModel(dir);
    expect(model.layers[0].getConfig()).toMatchObject({ inputDim: 9, outputDim: 4, maskZero: true, inputLength: 3, batchInputShape: [null, 3] });
    const x = [[1, 0, 8], [3, 3, 3]];
    const expected = (reference.predict(tf.tensor(x)) as tf.Tensor).arraySync() as number[][];
    expectClose(model.predict(tensor(x)) as Tensor, expected, { rtol: 1e-6, atol: 1e-7 });
  });
});
