/**
 * Functional (graph) models in the TensorFlow.js layers-model format, both ways with
 * TensorFlow.js 4.22 (pure JS, cpu backend): a layerwise `model.save(dir)` loads with
 * `tf.loadLayersModel` (through `tfjsLoad`, which reads the files as tfjs-node's `file://`
 * handler does) and predicts the same numbers, and a `tf.model({ inputs, outputs })` saved as
 * tfjs-node saves it (`tfjsSave`) loads with `loadModel` and predicts what TensorFlow.js
 * predicts, both to 1e-6 relative (float32 arithmetic in both). The graphs: a residual MLP (a
 * tensor read by two layers), two inputs and two outputs (Concatenate, a shared trunk), and one
 * Dense called on two inputs (a shared layer, two inbound nodes). Then layerwise to layerwise:
 * every merge and graph-utility layer class, and a checkpoint of a graph model that resumes
 * bit-identically.
 */
import { GRAPH_ROUND_TRIP_CLASSES } from '../../helpers/layer-samples';
import * as tf from '@tensorflow/tfjs';
import {
  Activation, Adam, Add, Average, Concatenate, Cropping1D, Dense, Dot, Dropout, Flatten, Identity, Maximum, Minimum, Model, Multiply,
  Permute, RepeatVector, SGD, Subtract, fromJSON, input, setSeed, tensor, type Tensor,
} from '../../../lib';
import { Random } from '../../../lib/random';
import { loadCheckpoint, loadModel } from '../../../lib/serialization';
import { expectClose } from '../../helpers/expect-close';
import { makeTempDir, removeTempDir, tfjsLoad, tfjsSave, useCpuBackend } from '../../helpers/tfjs-files';

let dir: string;
beforeAll(async () => {
  await useCpuBackend();
  setSeed(5);
});
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

const RELATIVE = { rtol: 1e-6, atol: 1e-7 };

/** Seeded samples in [-2, 2) for each named input of `shapes` (one sample's shape each), `n` rows. */
function sampleInputs(shapes: Record<string, number[]>, n = 6, seed = 9): Record<string, { flat: number[]; shape: number[] }> {
  const rng = new Random(seed);
  return Object.fromEntries(Object.entries(shapes).map(([name, shape]) => {
    const size = shape.reduce((a, b) => a * b, n);
    return [name, { flat: Array.from({ length: size }, () => rng.uniformRange(-2, 2)), shape: [n, ...shape] }];
  }));
}

/** Every weight of a layerwise model set to seeded values in [0.5, 1.5) with a random sign. */
function randomize(model: Model, seed = 21): void {
  const rng = new Random(seed);
  model.setWeights(model.getWeights().map((w) => {
    const t = tensor(new Float32Array(w.size), w.shape.slice());
    for (let i = 0; i < t.size; i++) t.data[i] = rng.uniformRange(0.5, 1.5) * (rng.uniform() < 0.5 ? -1 : 1);
    return t;
  }));
}

/** The same for a TensorFlow.js model. */
function randomizeTfjs(model: tf.LayersModel, seed = 33): void {
  const rng = new Random(seed);
  model.setWeights(model.getWeights().map((w) => tf.tensor(Array.from({ length: w.size }, () => rng.uniformRange(0.5, 1.5) * (rng.uniform() < 0.5 ? -1 : 1)), w.shape)));
}

/** The model's outputs as a list, whether `predict` gave one tensor or one per output. */
function outputsOf(prediction: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(prediction) ? prediction : [prediction];
}

/** TensorFlow.js's prediction for the named inputs, one nested array per output. */
function tfjsPredict(model: tf.LayersModel, data: ReturnType<typeof sampleInputs>): number[][][] {
  const xs = model.inputNames.map((name) => tf.tensor(data[name].flat, data[name].shape));
  const out = model.predict(xs.length === 1 ? xs[0] : xs);
  return (Array.isArray(out) ? out : [out]).map((t) => t.arraySync() as number[][]);
}

/** layerwise's prediction for the same inputs, keyed by input name. */
function layerwisePredict(model: Model, data: ReturnType<typeof sampleInputs>): Tensor[] {
  const x = Object.fromEntries(Object.entries(data).map(([name, d]) => [name, tensor(d.flat, d.shape)]));
  return outputsOf(model.predict(x) as Tensor | Tensor[]);
}

/** The model's connections with each layer by name: inputs, outputs and every call's inbound tensors. */
function wiring(model: Model) {
  const c = model.connections();
  return c && { inputs: c.inputLayers, outputs: c.outputLayers, layers: c.layers.map((e) => [e.layer.name, e.inboundNodes]) };
}

interface GraphCase {
  /** The layerwise model. */
  layerwise: () => Model;
  /** The same graph in TensorFlow.js, with the same layer and input names. */
  tfjs: () => tf.LayersModel;
  /** One sample's shape per input name. */
  inputs: Record<string, number[]>;
}

const cases: Record<string, GraphCase> = {
  'a residual MLP (x feeds Dense and Add)': {
    layerwise: () => {
      const x = input({ shape: [4], name: 'x' });
      const h = new Dense({ units: 8, activation: 'relu', name: 'hidden' }).apply(x);
      const p = new Dense({ units: 4, name: 'project' }).apply(h);
      const y = new Dense({ units: 3, activation: 'softmax', name: 'probs' }).apply(new Add({ name: 'residual' }).apply([p, x]));
      return new Model({ inputs: x, outputs: y, name: 'residual_mlp' });
    },
    tfjs: () => {
      const x = tf.input({ shape: [4], name: 'x' });
      const h = tf.layers.dense({ units: 8, activation: 'relu', name: 'hidden' }).apply(x) as tf.SymbolicTensor;
      const p = tf.layers.dense({ units: 4, name: 'project' }).apply(h) as tf.SymbolicTensor;
      const r = tf.layers.add({ name: 'residual' }).apply([p, x]) as tf.SymbolicTensor;
      const y = tf.layers.dense({ units: 3, activation: 'softmax', name: 'probs' }).apply(r) as tf.SymbolicTensor;
      return tf.model({ inputs: x, outputs: y, name: 'residual_mlp' });
    },
    inputs: { x: [4] },
  },
  'two inputs, a shared trunk, two outputs': {
    layerwise: () => {
      const a = input({ shape: [3], name: 'a' });
      const b = input({ shape: [2], name: 'b' });
      const trunk = new Dense({ units: 6, activation: 'tanh', name: 'trunk' }).apply(new Concatenate({ name: 'joined' }).apply([a, b]));
      const reg = new Dense({ units: 1, name: 'reg' }).apply(trunk);
      const cls = new Dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(trunk);
      return new Model({ inputs: [a, b], outputs: [reg, cls], name: 'two_heads' });
    },
    tfjs: () => {
      const a = tf.input({ shape: [3], name: 'a' });
      const b = tf.input({ shape: [2], name: 'b' });
      const joined = tf.layers.concatenate({ name: 'joined' }).apply([a, b]) as tf.SymbolicTensor;
      const trunk = tf.layers.dense({ units: 6, activation: 'tanh', name: 'trunk' }).apply(joined) as tf.SymbolicTensor;
      const reg = tf.layers.dense({ units: 1, name: 'reg' }).apply(trunk) as tf.SymbolicTensor;
      const cls = tf.layers.dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(trunk) as tf.SymbolicTensor;
      return tf.model({ inputs: [a, b], outputs: [reg, cls], name: 'two_heads' });
    },
    inputs: { a: [3], b: [2] },
  },
  'one Dense called on two inputs (shared weights), outputs added': {
    layerwise: () => {
      const p = input({ shape: [3], name: 'p' });
      const q = input({ shape: [3], name: 'q' });
      const shared = new Dense({ units: 4, activation: 'tanh', name: 'shared' });
      const sum = new Add({ name: 'sum' }).apply([shared.apply(p), shared.apply(q)]);
      return new Model({ inputs: [p, q], outputs: new Dense({ units: 2, name: 'head' }).apply(sum), name: 'siamese' });
    },
    tfjs: () => {
      const p = tf.input({ shape: [3], name: 'p' });
      const q = tf.input({ shape: [3], name: 'q' });
      const shared = tf.layers.dense({ units: 4, activation: 'tanh', name: 'shared' });
      const sum = tf.layers.add({ name: 'sum' }).apply([shared.apply(p) as tf.SymbolicTensor, shared.apply(q) as tf.SymbolicTensor]) as tf.SymbolicTensor;
      return tf.model({ inputs: [p, q], outputs: tf.layers.dense({ units: 2, name: 'head' }).apply(sum) as tf.SymbolicTensor, name: 'siamese' });
    },
    inputs: { p: [3], q: [3] },
  },
};

describe('graph models, layerwise → TensorFlow.js', () => {
  test.each(Object.entries(cases))('%s: TensorFlow.js loads the files and predicts the same', async (_, graphCase) => {
    const model = graphCase.layerwise();
    randomize(model);
    expect((await model.save(`file://${dir}`)).warnings).toEqual([]);
    const reference = await tfjsLoad(dir);
    expect(reference.inputNames).toEqual(model.inputNames);
    expect(reference.outputNames).toEqual(model.outputNames);
    expect(reference.countParams()).toBe(model.countParams());
    const data = sampleInputs(graphCase.inputs);
    const expected = tfjsPredict(reference, data);
    const actual = layerwisePredict(model, data);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((t, k) => expectClose(t, expected[k], RELATIVE));
  });
});

describe('graph models, TensorFlow.js → layerwise', () => {
  test.each(Object.entries(cases))('%s: loadModel reads the files and predicts what TensorFlow.js predicts', async (_, graphCase) => {
    const reference = graphCase.tfjs();
    randomizeTfjs(reference);
    await tfjsSave(reference, dir);
    const model = await loadModel(dir);
    expect(model.name).toBe(reference.name);
    expect(model.inputNames).toEqual(reference.inputNames);
    expect(model.outputNames).toEqual(reference.outputNames);
    expect(model.layers.map((l) => l.name)).toEqual(reference.layers.map((l) => l.name));
    expect(model.countParams()).toBe(reference.countParams());
    const data = sampleInputs(graphCase.inputs);
    const expected = tfjsPredict(reference, data);
    const actual = layerwisePredict(model, data);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((t, k) => expectClose(t, expected[k], RELATIVE));
  });

  test('the shared Dense comes back as one layer with two calls, and a training step matches TensorFlow.js\'s', async () => {
    const reference = cases['one Dense called on two inputs (shared weights), outputs added'].tfjs();
    randomizeTfjs(reference);
    await tfjsSave(reference, dir);
    const model = await loadModel(dir);
    const shared = model.getLayer('shared');
    expect(model.layers.filter((l) => l === shared)).toHaveLength(1);
    expect(wiring(model)?.layers).toEqual([['p', []], ['q', []], ['shared', [[['p', 0, 0]], [['q', 0, 0]]]], ['sum', [[['shared', 0, 0], ['shared', 1, 0]]]], ['head', [[['sum', 0, 0]]]]]);
    // One SGD step: the shared kernel's gradient is the sum over its two calls in both libraries.
    const data = sampleInputs({ p: [3], q: [3] });
    const target = Array.from({ length: 12 }, (_, i) => (i % 3) - 1);
    reference.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const expectedLoss = await reference.trainOnBatch(reference.inputNames.map((n) => tf.tensor(data[n].flat, data[n].shape)), tf.tensor(target, [6, 2]));
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    const loss = model.trainOnBatch(Object.fromEntries(Object.entries(data).map(([n, d]) => [n, tensor(d.flat, d.shape)])), tensor(target, [6, 2]));
    expect(Math.abs(loss - (expectedLoss as number))).toBeLessThanOrEqual(1e-5 * Math.abs(expectedLoss as number));
    const expectedWeights = reference.getWeights().map((w) => w.arraySync() as number[][]);
    model.getWeights().forEach((w, i) => expectClose(w, expectedWeights[i], { rtol: 1e-5, atol: 1e-6 }));
  });
});

/** A graph with every merge class and the graph-utility layers, two outputs. */
function everyMergeClass(): Model {
  const u = input({ shape: [4], name: 'u' });
  const v = input({ shape: [4], name: 'v' });
  const add = new Add({ name: 'add' }).apply([u, v]);
  const sub = new Subtract({ name: 'subtract' }).apply([u, v]);
  const mul = new Multiply({ name: 'multiply' }).apply([u, v]);
  const avg = new Average({ name: 'average' }).apply([add, sub, mul]);
  const max = new Maximum({ name: 'maximum' }).apply([mul, avg]);
  const min = new Minimum({ name: 'minimum' }).apply([u, max]);
  const joined = new Concatenate({ axis: -1, name: 'concatenate' }).apply([min, v]);
  const mixed = new Dense({ units: 4, activation: 'tanh', name: 'mix' }).apply(joined);
  const dot = new Dot({ axes: 1, normalize: true, name: 'dot' }).apply([mixed, u]);
  const score = new Identity({ name: 'identity' }).apply(new Activation({ activation: 'sigmoid', name: 'activation' }).apply(dot));
  const repeated = new RepeatVector({ n: 5, name: 'repeat' }).apply(mixed);
  const swapped = new Permute({ dims: [2, 1], name: 'permute' }).apply(repeated);
  const cropped = new Cropping1D({ cropping: [1, 2], name: 'crop' }).apply(swapped);
  const flat = new Dense({ units: 3, name: 'tail' }).apply(new Flatten({ name: 'flatten' }).apply(cropped));
  return new Model({ inputs: [u, v], outputs: [score, flat], name: 'every_merge' });
}

describe('graph models, layerwise → layerwise', () => {
  test('every merge class with Activation, Identity, RepeatVector, Permute and Cropping1D: configs, weights and predictions', async () => {
    const model = everyMergeClass();
    randomize(model);
    expect((await model.save(dir)).warnings).toEqual([]);
    const loaded = await loadModel(dir);
    expect(loaded.name).toBe('every_merge');
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    // The Activation layer is compared on its own below (it comes back as Sigmoid).
    const others = (m: Model) => m.layers.filter((l) => l.name !== 'activation');
    expect(new Set(model.layers.map((l) => l.className))).toEqual(new Set(GRAPH_ROUND_TRIP_CLASSES));
    expect(new Set(others(loaded).map((l) => l.className))).toEqual(new Set(GRAPH_ROUND_TRIP_CLASSES.filter((c) => c !== 'Activation')));
    expect(others(loaded).map((l) => [l.className, l.getConfig()])).toEqual(others(model).map((l) => [l.className, l.getConfig()]));
    expect(wiring(loaded)).toEqual(wiring(model));
    expect(loaded.getWeights().map((w) => Array.from(w.data))).toEqual(model.getWeights().map((w) => Array.from(w.data)));
    const data = sampleInputs({ u: [4], v: [4] });
    const expected = layerwisePredict(model, data);
    expect(expected.map((t) => t.shape)).toEqual([[6, 1], [6, 3]]);
    const fromFiles = layerwisePredict(loaded, data);
    const fromText = layerwisePredict(fromJSON(JSON.stringify(model)), data);
    for (const actual of [fromFiles, fromText]) {
      expect(actual.map((t) => Array.from(t.data))).toEqual(expected.map((t) => Array.from(t.data)));
    }
  });

  // Keras's Activation layer loads as layerwise's dedicated activation layer (TensorFlow.js's
  // tf.layers.activation('selu') as SELU, see tfjs-interop.spec.ts), so an Activation comes
  // back as the layer it holds, computing the same values.
  it('an Activation layer comes back as the activation layer it holds', async () => {
    const model = everyMergeClass();
    await model.save(dir);
    const loaded = await loadModel(dir);
    expect(loaded.getLayer('activation').className).toBe('Sigmoid');
    expect(model.getLayer('activation').getConfig()).toMatchObject({ activation: 'sigmoid' });
  });

  describe('a checkpoint of a graph model', () => {
    /** 24 seeded samples: two inputs, a regression target and a one-hot class of the feature sum. */
    function data(): { x: Record<string, Tensor>; y: Record<string, Tensor> } {
      const rng = new Random(17);
      const a = new Float32Array(24 * 3);
      const b = new Float32Array(24 * 3);
      const reg = new Float32Array(24);
      const cls = new Float32Array(24 * 2);
      for (let i = 0; i < 24; i++) {
        let sum = 0;
        for (let j = 0; j < 3; j++) sum += (a[i * 3 + j] = rng.uniformRange(-1, 1));
        for (let j = 0; j < 3; j++) sum -= (b[i * 3 + j] = rng.uniformRange(-1, 1));
        reg[i] = 0.5 * sum;
        cls[i * 2 + (sum > 0 ? 1 : 0)] = 1;
      }
      return { x: { a: tensor(a, [24, 3]), b: tensor(b, [24, 3]) }, y: { reg: tensor(reg, [24, 1]), cls: tensor(cls, [24, 2]) } };
    }

    /**
     * Two inputs through one shared Dense (two calls), added, a Dropout, and a softmax head; with
     * `twoOutputs`, also a regression head on the trunk. Initial weights and Dropout's generator
     * come from the global seed.
     */
    function makeModel(twoOutputs: boolean): Model {
      setSeed(5);
      const a = input({ shape: [3], name: 'a' });
      const b = input({ shape: [3], name: 'b' });
      const encoder = new Dense({ units: 8, activation: 'relu', name: 'encoder' });
      const trunk = new Dropout({ rate: 0.25, name: 'drop' }).apply(new Add({ name: 'sum' }).apply([encoder.apply(a), encoder.apply(b)]));
      const cls = new Dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(new Concatenate({ name: 'skip' }).apply([trunk, a]));
      if (!twoOutputs) {
        const model = new Model({ inputs: [a, b], outputs: cls, name: 'resumable' });
        model.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
        return model;
      }
      const reg = new Dense({ units: 1, name: 'reg' }).apply(trunk);
      const model = new Model({ inputs: [a, b], outputs: [reg, cls], name: 'resumable_two_heads' });
      model.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: { reg: 'mse', cls: 'categoricalCrossentropy' }, lossWeights: { reg: 1, cls: 0.5 } });
      return model;
    }

    const fitOptions = { batchSize: 6, verbose: 0 as const, seed: 7 };
    const weightsOf = (model: Model) => model.getWeights().map((w) => Array.from(w.data));

    /** Runs 4 epochs straight, and 2 + save + load (after the global seed moved) + 2 more; returns both. */
    async function interruptedAndStraight(twoOutputs: boolean) {
      const { x, y: allY } = data();
      const y = twoOutputs ? allY : allY.cls;
      const uninterrupted = makeModel(twoOutputs);
      const full = await uninterrupted.fit(x, y, { ...fitOptions, epochs: 4 });

      const first = makeModel(twoOutputs);
      await first.fit(x, y, { ...fitOptions, epochs: 2 });
      await first.save(dir, { includeOptimizer: true, epoch: 2 });

      setSeed(999); // a new process: the global generator is somewhere else
      const { model: resumed, epoch } = await loadCheckpoint(dir);
      expect(epoch).toBe(2);
      expect(resumed.optimizer?.iterations).toBe(8); // 2 epochs of 24/6 = 4 batches
      const rest = await resumed.fit(x, y, { ...fitOptions, epochs: 4, initialEpoch: epoch as number });
      return { uninterrupted, full, resumed, rest };
    }

    test('one output, a shared layer and Dropout: interrupted after epoch 2 of 4 and resumed ends bit-identical', async () => {
      const { uninterrupted, full, resumed, rest } = await interruptedAndStraight(false);
      expect(resumed.getLayer('encoder')).toBe(resumed.layers.find((l) => l.name === 'encoder'));
      expect(weightsOf(resumed)).toEqual(weightsOf(uninterrupted));
      expect(rest.history.loss).toEqual(full.history.loss.slice(2));
      expect(rest.history.accuracy).toEqual(full.history.accuracy.slice(2));
    });

    test('the check is sensitive: resuming without the optimizer state differs', async () => {
      const { x, y } = data();
      const uninterrupted = makeModel(false);
      await uninterrupted.fit(x, y.cls, { ...fitOptions, epochs: 4 });
      const first = makeModel(false);
      await first.fit(x, y.cls, { ...fitOptions, epochs: 2 });
      await first.save(dir, { includeOptimizer: true, epoch: 2 });
      const { model: resumed } = await loadCheckpoint(dir);
      resumed.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'categoricalCrossentropy' }); // a fresh Adam
      await resumed.fit(x, y.cls, { ...fitOptions, epochs: 4, initialEpoch: 2 });
      expect(weightsOf(resumed)).not.toEqual(weightsOf(uninterrupted));
    });

    // The training config keeps a loss, a weight and metrics per output (Keras's records by output name).
    it('two outputs with per-output losses and lossWeights: interrupted and resumed ends bit-identical', async () => {
      const { uninterrupted, full, resumed, rest } = await interruptedAndStraight(true);
      expect(resumed.outputNames).toEqual(['reg', 'cls']);
      expect(weightsOf(resumed)).toEqual(weightsOf(uninterrupted));
      expect(rest.history.loss).toEqual(full.history.loss.slice(2));
      expect(rest.history.cls_loss).toEqual(full.history.cls_loss.slice(2));
    });
  });
});
