/**
 * ONNX export (`toOnnxBytes`, `exportOnnx`) checked by running the exported graph in ONNX
 * Runtime Web 1.30 (its wasm backend, one thread, in Node): for each layer type with an ONNX
 * form, a small model with seeded weights predicts the same numbers in layerwise and in ONNX
 * Runtime (in a child process: see spec/helpers/onnx-runtime.ts), to float32 rounding (rtol 1e-5). Also: the graph's opset, input and output names and
 * shapes, the file that `exportOnnx` writes, and the ConfigError for a layer with no ONNX form.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  Activation, Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Permute, RepeatVector, Subtract, TimeDistributed, input,
  AveragePooling1D, Bidirectional, GRU, LSTM, SimpleRNN, AveragePooling2D, BatchNormalization, Conv1D, Conv2D, Conv2DTranspose, Cropping1D, Cropping2D, DepthwiseConv2D,
  GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D, MaxPooling1D, MaxPooling2D, SeparableConv2D, UpSampling2D,
  ZeroPadding2D, CELU, ConfigError, Dense, Dropout, ELU, Embedding, Exponential, Flatten, GELU, GLU, HardShrink, HardSigmoid,
  HardSilu, HardTanh, Layer, LayerNormalization, LeakyReLU, Linear, LogSigmoid, LogSoftmax, Mish, Model, PReLU, ReLU, ReLU6, Reshape, SELU,
  Sequential, Sigmoid, SoftShrink, Softmax, Softplus, Softsign, SparsePlus, SparseSigmoid, Sparsemax, Squareplus, StateError, Swish, Tanh,
  TanhShrink, Threshold, exportOnnx, setSeed, tensor, toOnnxBytes, type Tensor,
} from '../../../lib';
import { Random } from '../../../lib/random';
import { decodeModel } from '../../../lib/serialization/onnx/onnx-proto';
import { expectClose } from '../../helpers/expect-close';
import { runOnnx, stopOnnxRuntime } from '../../helpers/onnx-runtime';

beforeAll(() => setSeed(5));
afterAll(() => stopOnnxRuntime());

const FLOAT32 = { rtol: 1e-5, atol: 1e-6 };

/** `n` seeded samples in [lo, hi) of one sample's `shape`. */
function samples(shape: readonly number[], n = 4, seed = 9, lo = -2, hi = 2): Tensor {
  const rng = new Random(seed);
  const size = shape.reduce((a, b) => a * b, n);
  return tensor(Float32Array.from({ length: size }, () => rng.uniformRange(lo, hi)), [n, ...shape]);
}

/** Every weight of `model` set to seeded values in [-1, 1) (variances in [0.5, 1.5), so they stay positive). */
function randomize(model: Model, seed = 21): void {
  const rng = new Random(seed);
  const names = model.layers.flatMap((l) => [...l.params(), ...l.nonTrainableWeights()].map((w) => w.weightName));
  model.setWeights(model.getWeights().map((w, k) => {
    const t = tensor(new Float32Array(w.size), w.shape.slice());
    const positive = names[k] === 'moving_variance';
    for (let i = 0; i < t.size; i++) t.data[i] = positive ? rng.uniformRange(0.5, 1.5) : rng.uniformRange(-1, 1);
    return t;
  }));
}

/** Exports `model`, runs it in ONNX Runtime on `x`, and compares with `model.predict(x)`. */
async function expectSamePredictions(model: Model, x: Tensor): Promise<void> {
  const expected = model.predict(x) as Tensor;
  const out = await runOnnx(toOnnxBytes(model), { [model.inputNames[0]]: { data: x.data, dims: x.shape } });
  const got = out[model.outputNames[0]];
  expect(got.dims).toEqual(expected.shape);
  expectClose(tensor(Float32Array.from(got.data), got.dims.slice()), expected, FLOAT32);
}

/** The same for a graph model of several inputs and outputs: `inputs` in the model's input order. */
async function expectSameGraphPredictions(model: Model, inputs: Tensor[]): Promise<void> {
  const predicted = model.predict<Tensor | Tensor[]>(inputs);
  const expected = Array.isArray(predicted) ? predicted : [predicted];
  const out = await runOnnx(toOnnxBytes(model), Object.fromEntries(model.inputNames.map((name, k) => [name, { data: inputs[k].data, dims: inputs[k].shape }])));
  expect(Object.keys(out).sort()).toEqual(model.outputNames.slice().sort());
  model.outputNames.forEach((name, k) => {
    expect(out[name].dims).toEqual(expected[k].shape);
    expectClose(tensor(Float32Array.from(out[name].data), out[name].dims.slice()), expected[k], FLOAT32);
  });
}

/** A Sequential of `layers` on one-sample `inputShape`, with seeded weights. */
function sequential(inputShape: number[], layers: Layer[]): Sequential {
  const model = new Sequential({ layers });
  model.build([null, ...inputShape]);
  randomize(model);
  return model;
}

describe('dense models', () => {
  it('Dense with bias and without, and each Dense activation name', async () => {
    const names = ['relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'hardSigmoid', 'gelu', 'swish', 'leakyRelu', 'linear'];
    for (const activation of names) {
      const model = sequential([3], [new Dense({ units: 4, activation }), new Dense({ units: 2, useBias: false, activation })]);
      await expectSamePredictions(model, samples([3], 5, 3, -4, 4));
    }
  });
});

describe('activation layers', () => {
  it('each activation layer (and Activation by name) computes the same function', async () => {
    const layers: Layer[] = [
      new ReLU(), new ReLU({ maxValue: 1.5 }), new ReLU({ negativeSlope: 0.1, threshold: 0.5 }), new ReLU({ maxValue: 2, negativeSlope: 0.2, threshold: 0.25 }),
      new ReLU6(), new LeakyReLU({ alpha: 0.2 }), new ELU({ alpha: 0.7 }), new CELU({ alpha: 1.5 }), new SELU(), new Sigmoid(), new Tanh(),
      new Softplus(), new Softsign(), new Exponential(), new HardSigmoid(), new HardSilu(), new HardTanh(), new Swish(), new Mish(),
      new GELU(), new GELU({ approximate: true }), new Softmax(), new LogSoftmax(), new LogSigmoid(), new TanhShrink(),
      new SoftShrink({ threshold: 0.7 }), new HardShrink({ threshold: 0.7 }), new Threshold({ threshold: 0.3, defaultValue: -2 }),
      new Squareplus({ b: 2 }), new SparsePlus(), new SparseSigmoid(), new GLU(), new PReLU(), new Linear(), new Activation({ activation: 'tanh' }),
    ];
    for (const layer of layers) {
      // Values away from the kinks of the piecewise functions (ReLU at 0, ±1, ±3, the thresholds).
      const x = samples([2, 6], 3, 11, -4, 4);
      for (let i = 0; i < x.size; i++) x.data[i] = Math.round(x.data[i] * 4) / 4 + 0.1;
      const model = sequential([2, 6], [layer]);
      await expectSamePredictions(model, x);
    }
  });
});

describe('core and normalization layers', () => {
  it('Dense on rank-3 input, Dropout, Flatten, Reshape', async () => {
    const model = sequential([3, 4], [new Dense({ units: 5, activation: 'relu' }), new Dropout({ rate: 0.5 }), new Flatten(), new Reshape({ targetShape: [5, 3] }), new Dense({ units: 2 })]);
    await expectSamePredictions(model, samples([3, 4]));
  });

  it('BatchNormalization with its moving statistics, with and without scale and center', async () => {
    const model = sequential([6], [new BatchNormalization({ epsilon: 1e-3 }), new Dense({ units: 3 }), new BatchNormalization({ scale: false, center: false })]);
    await expectSamePredictions(model, samples([6]));
  });

  it('LayerNormalization, with and without scale and center', async () => {
    const model = sequential([2, 5], [new LayerNormalization({ epsilon: 1e-5 }), new Dense({ units: 4 }), new LayerNormalization({ scale: false, center: false })]);
    await expectSamePredictions(model, samples([2, 5]));
  });

  it('Embedding as Gather over indices fed as floats', async () => {
    const model = sequential([5], [new Embedding({ inputDim: 7, outputDim: 3 }), new Flatten(), new Dense({ units: 2 })]);
    const rng = new Random(4);
    const x = tensor(Float32Array.from({ length: 15 }, () => Math.floor(rng.uniform() * 7)), [3, 5]);
    await expectSamePredictions(model, x);
  });
});

describe('convolutions and pooling (channels-last data, channels-first ONNX operators between Transposes)', () => {
  it('Conv2D valid and same, strided and dilated, with activation, then MaxPooling2D and AveragePooling2D (same: padding not counted)', async () => {
    const model = sequential([7, 6, 2], [
      new Conv2D({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
      new Conv2D({ filters: 4, kernelSize: [2, 3], strides: 2, padding: 'same' }),
      new MaxPooling2D({ poolSize: 2, strides: 1, padding: 'same' }),
      new Conv2D({ filters: 2, kernelSize: 2, dilationRate: 2, useBias: false, padding: 'valid' }),
    ]);
    await expectSamePredictions(model, samples([7, 6, 2]));
    const pools = sequential([5, 7, 3], [new AveragePooling2D({ poolSize: 3, strides: 2, padding: 'same' }), new MaxPooling2D({ poolSize: 2 }), new Flatten()]);
    await expectSamePredictions(pools, samples([5, 7, 3]));
  });

  it('Conv1D, MaxPooling1D, AveragePooling1D, Cropping1D, the 1-D global poolings', async () => {
    const model = sequential([9, 3], [
      new Conv1D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'tanh' }), new MaxPooling1D({ poolSize: 2, padding: 'same' }),
      new AveragePooling1D({ poolSize: 2, strides: 1 }), new Cropping1D({ cropping: [1, 0] }), new Conv1D({ filters: 2, kernelSize: 2, strides: 2 }),
      new GlobalAveragePooling1D(),
    ]);
    await expectSamePredictions(model, samples([9, 3]));
    await expectSamePredictions(sequential([6, 4], [new Conv1D({ filters: 3, kernelSize: 2 }), new GlobalMaxPooling1D()]), samples([6, 4]));
  });

  it('DepthwiseConv2D and SeparableConv2D with a depth multiplier, ZeroPadding2D, Cropping2D, UpSampling2D, the 2-D global poolings', async () => {
    const model = sequential([6, 5, 3], [
      new ZeroPadding2D({ padding: [[1, 0], [2, 1]] }), new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2, activation: 'relu' }),
      new SeparableConv2D({ filters: 4, kernelSize: 2, depthMultiplier: 2, padding: 'same', strides: 2 }), new UpSampling2D({ size: [2, 3] }),
      new Cropping2D({ cropping: [[1, 0], [0, 2]] }), new GlobalAveragePooling2D(),
    ]);
    await expectSamePredictions(model, samples([6, 5, 3]));
    await expectSamePredictions(sequential([4, 4, 2], [new DepthwiseConv2D({ kernelSize: 2, useBias: false }), new GlobalMaxPooling2D()]), samples([4, 4, 2]));
  });

  it('Conv2DTranspose, same and valid', async () => {
    const model = sequential([3, 4, 2], [new Conv2DTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' }), new Conv2DTranspose({ filters: 2, kernelSize: [2, 3], strides: [1, 2], padding: 'valid', activation: 'sigmoid' })]);
    await expectSamePredictions(model, samples([3, 4, 2]));
    const evenKernel = sequential([3, 3, 2], [new Conv2DTranspose({ filters: 2, kernelSize: 4, strides: 2, padding: 'same' }), new Conv2DTranspose({ filters: 1, kernelSize: 1, strides: 2, padding: 'same' })]);
    await expectSamePredictions(evenKernel, samples([3, 3, 2]));
  });
});

describe('recurrent layers (time-major ONNX operators between Transposes)', () => {
  const x = () => samples([5, 3], 4, 13, -1.5, 1.5);

  it('LSTM (gates reordered i, o, f, c), last step and every step, goBackwards, other activations', async () => {
    await expectSamePredictions(sequential([5, 3], [new LSTM({ units: 4 })]), x());
    await expectSamePredictions(sequential([5, 3], [new LSTM({ units: 3, returnSequences: true, goBackwards: true }), new LSTM({ units: 2, useBias: false })]), x());
    await expectSamePredictions(sequential([5, 3], [new LSTM({ units: 3, activation: 'softsign', recurrentActivation: 'hard_sigmoid', returnSequences: true })]), x());
  });

  it('returnState: the final states as outputs (Y_h, and Y_c for LSTM), and initial states as inputs (initial_h, initial_c)', async () => {
    const source = input({ shape: [5, 3], name: 'source' });
    const target = input({ shape: [4, 3], name: 'target' });
    const [encoded, h, c] = new LSTM({ units: 3, returnSequences: true, returnState: true, name: 'encoder' }).apply(source);
    const decoded = new LSTM({ units: 3, goBackwards: true, name: 'decoder' }).apply([target, h, c]);
    const [, gh] = new GRU({ units: 2, returnState: true, name: 'gru' }).apply(encoded);
    const [, sh] = new SimpleRNN({ units: 2, returnState: true, name: 'rnn' }).apply([target, gh]);
    const model = new Model({ inputs: [source, target], outputs: [decoded, c, gh, sh] });
    randomize(model);
    await expectSameGraphPredictions(model, [x(), samples([4, 3], 4, 7, -1, 1)]);
    // Bidirectional: [output, forward h, c, backward h, c] and, for GRU, [output, forward h, backward h].
    const seq = input({ shape: [5, 3], name: 'seq' });
    const lstmOut = new Bidirectional({ layer: new LSTM({ units: 2, returnState: true, returnSequences: true }), mergeMode: 'sum', name: 'bi_lstm' }).apply(seq);
    const gruOut = new Bidirectional({ layer: new GRU({ units: 2, returnState: true }), name: 'bi_gru' }).apply(seq);
    const both = new Model({ inputs: seq, outputs: [...lstmOut, ...gruOut] });
    randomize(both);
    await expectSameGraphPredictions(both, [x()]);
  });

  it('GRU with resetAfter (linear_before_reset = 1) and without, SimpleRNN', async () => {
    await expectSamePredictions(sequential([5, 3], [new GRU({ units: 4, returnSequences: true }), new GRU({ units: 3, resetAfter: false })]), x());
    await expectSamePredictions(sequential([5, 3], [new GRU({ units: 3, recurrentActivation: 'hard_sigmoid', activation: 'relu', goBackwards: true })]), x());
    await expectSamePredictions(sequential([5, 3], [new SimpleRNN({ units: 4, returnSequences: true }), new SimpleRNN({ units: 2, activation: 'relu' })]), x());
  });

  it('Bidirectional in each merge mode, with and without returnSequences', async () => {
    for (const mergeMode of ['concat', 'sum', 'mul', 'ave'] as const) {
      for (const returnSequences of [false, true]) {
        const model = sequential([5, 3], [new Bidirectional({ layer: new LSTM({ units: 3, returnSequences }), mergeMode }), new Dense({ units: 2 })]);
        await expectSamePredictions(model, x());
      }
    }
    await expectSamePredictions(sequential([5, 3], [new Bidirectional({ layer: new GRU({ units: 2, returnSequences: true }) })]), x());
  });

  it('refuses stateful layers and masks', () => {
    const stateful = new Sequential({ layers: [new LSTM({ units: 2, stateful: true, batchInputShape: [2, 5, 3], name: 'carry' })] });
    expect(() => toOnnxBytes(stateful)).toThrow("exportOnnx: LSTM 'carry' is stateful");
    const masked = sequential([5], [new Embedding({ inputDim: 6, outputDim: 3, maskZero: true }), new GRU({ units: 2, name: 'masked_gru' })]);
    expect(() => toOnnxBytes(masked)).toThrow("exportOnnx: GRU 'masked_gru' reads a mask");
  });
});

describe('graph models', () => {
  it('two inputs and two outputs, a shared Dense, every element-wise merge and Concatenate', async () => {
    const a = input({ shape: [3], name: 'a' });
    const b = input({ shape: [3], name: 'b' });
    const shared = new Dense({ units: 4, activation: 'tanh', name: 'shared' });
    const [sa, sb] = [shared.apply(a), shared.apply(b)];
    const merged = [new Add().apply([sa, sb, sa]), new Subtract().apply([sa, sb]), new Multiply().apply([sa, sb, sb]), new Average().apply([sa, sb]),
      new Maximum().apply([sa, sb]), new Minimum().apply([sa, sb])];
    const joined = new Concatenate({ name: 'joined' }).apply(merged);
    const reg = new Dense({ units: 1, name: 'reg' }).apply(joined);
    const cls = new Dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(new Concatenate({ axis: 1 }).apply([joined, a]));
    const model = new Model({ inputs: [a, b], outputs: [reg, cls], name: 'two_heads' });
    randomize(model);
    const proto = decodeModel(toOnnxBytes(model));
    expect(proto.graph.input.map((v) => v.name)).toEqual(['a', 'b']);
    expect(proto.graph.output.map((v) => v.name)).toEqual(['reg', 'cls']);
    expect(proto.graph.initializer.filter((t) => t.name.startsWith('shared')).map((t) => t.name)).toEqual(['shared/kernel', 'shared/bias']);
    await expectSameGraphPredictions(model, [samples([3], 4, 1), samples([3], 4, 2)]);
  });

  it('Dot of vectors (normalized) and of sequences, TimeDistributed, Permute, RepeatVector', async () => {
    const u = input({ shape: [4], name: 'u' });
    const v = input({ shape: [4], name: 'v' });
    const s = input({ shape: [3, 4], name: 's' });
    const cosine = new Dot({ axes: 1, normalize: true }).apply([u, v]);
    const repeated = new RepeatVector({ n: 3 }).apply(u);
    const attention = new Dot({ axes: [2, 2] }).apply([s, repeated]);
    const mixed = new Dot({ axes: [2, 1] }).apply([attention, new TimeDistributed({ layer: new Dense({ units: 2, activation: 'relu' }) }).apply(s)]);
    const swapped = new Permute({ dims: [2, 1] }).apply(mixed);
    const out = new Concatenate().apply([new Flatten().apply(swapped), cosine]);
    const model = new Model({ inputs: [u, v, s], outputs: out });
    randomize(model);
    await expectSameGraphPredictions(model, [samples([4], 3, 5), samples([4], 3, 6), samples([3, 4], 3, 7)]);
  });
});

describe('models inside models, float64 models', () => {
  it('a model used as a layer is converted inline, and a Sequential inside a graph', async () => {
    const innerIn = input({ shape: [4], name: 'inner_in' });
    const inner = new Model({ inputs: innerIn, outputs: new Dense({ units: 3, activation: 'relu', name: 'inner_dense' }).apply(innerIn), name: 'encoder' });
    const body = new Sequential({ layers: [new Dense({ units: 4, inputShape: [3], name: 'seq_dense' }), new Dense({ units: 2, name: 'seq_head' })], name: 'body' });
    const x = input({ shape: [4], name: 'x' });
    const model = new Model({ inputs: x, outputs: body.apply(new Add().apply([inner.apply(x), new Dense({ units: 3 }).apply(x)])), name: 'outer' });
    randomize(model);
    await expectSamePredictions(model, samples([4]));
  });

  it('a float64 model exports as float32 and agrees to float32 rounding', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 4, activation: 'tanh', inputShape: [3] }), new Dense({ units: 2 })], dtype: 'float64' });
    const x = samples([3]);
    const expected = model.predict(tensor(Float64Array.from(x.data), x.shape.slice())) as Tensor;
    const out = await runOnnx(toOnnxBytes(model), { [model.inputNames[0]]: { data: x.data, dims: x.shape } });
    expectClose(tensor(Float32Array.from(out[model.outputNames[0]].data), [4, 2]), expected, FLOAT32);
  });
});

describe('the graph', () => {
  it('declares opset 17 and the model\'s input and output names with a symbolic batch axis', () => {
    const model = sequential([3], [new Dense({ units: 4, name: 'hidden' }), new Dense({ units: 2, activation: 'softmax', name: 'probabilities' })]);
    const proto = decodeModel(toOnnxBytes(model));
    expect(proto.ir_version).toBe(8);
    // The default domain (ai.onnx, the empty string) is proto3's default value, so it is not on the wire.
    expect(proto.opset_import).toEqual([{ version: 17 }]);
    expect(proto.producer_name).toBe('layerwise');
    const dims = (v: (typeof proto.graph.input)[number]) => v.type.tensor_type.shape.dim;
    expect(proto.graph.input.map((v) => v.name)).toEqual(model.inputNames);
    expect(proto.graph.input.map(dims)).toEqual([[{ dim_param: 'batch' }, { dim_value: 3 }]]);
    expect(proto.graph.output.map((v) => v.name)).toEqual(['probabilities']);
    expect(proto.graph.output.map(dims)).toEqual([[{ dim_param: 'batch' }, { dim_value: 2 }]]);
    expect(proto.graph.initializer.map((t) => [t.name, t.dims])).toEqual([['hidden/kernel', [3, 4]], ['hidden/bias', [4]], ['probabilities/kernel', [4, 2]], ['probabilities/bias', [2]]]);
    expect(proto.graph.node.map((n) => n.op_type)).toEqual(['MatMul', 'Add', 'MatMul', 'Add', 'Softmax', 'Identity']);
  });

  it('exportOnnx writes the same bytes to a file, which ONNX Runtime loads', async () => {
    const model = sequential([3], [new Dense({ units: 2, activation: 'tanh' })]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-onnx-'));
    try {
      const file = path.join(dir, 'model.onnx');
      const written = await exportOnnx(model, file);
      const bytes = fs.readFileSync(file);
      expect(written).toBe(bytes.length);
      expect(new Uint8Array(bytes)).toEqual(toOnnxBytes(model));
      expect(fs.readdirSync(dir)).toEqual(['model.onnx']);
      const x = samples([3]);
      const out = await runOnnx(new Uint8Array(bytes), { [model.inputNames[0]]: { data: x.data, dims: x.shape } });
      expectClose(tensor(Float32Array.from(out[model.outputNames[0]].data), [4, 2]), model.predict(x) as Tensor, FLOAT32);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a layer with no ONNX form, naming it, and an unbuilt model', async () => {
    const model = sequential([4], [new Dense({ units: 4 }), new Sparsemax({ name: 'sparse_probs' })]);
    expect(() => toOnnxBytes(model)).toThrow(ConfigError);
    expect(() => toOnnxBytes(model)).toThrow("exportOnnx: Sparsemax 'sparse_probs' has no ONNX form in exportOnnx");
    await expect(exportOnnx(model, path.join(os.tmpdir(), 'never.onnx'))).rejects.toThrow(ConfigError);
    const dense = sequential([4], [new Dense({ units: 3, activation: new Sparsemax(), name: 'dense_sparse' })]);
    expect(() => toOnnxBytes(dense)).toThrow("exportOnnx: Dense 'dense_sparse' uses the activation Sparsemax, which has no ONNX form here");
    expect(() => toOnnxBytes(new Sequential({ layers: [new Dense({ units: 2 })] }))).toThrow(StateError);
  });
});
