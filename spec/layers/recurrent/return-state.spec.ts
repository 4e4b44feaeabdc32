/**
 * returnState (Keras's `return_state`): a recurrent layer's call gives its output and its final
 * states, `[y, h]` or `[y, h, c]`, as separate graph outputs. The states are checked against a
 * known answer (an encoder's states continuing a decoder equal one run over both sequences),
 * their gradients against central differences (losses on the states alone, on all outputs,
 * masked, backwards, Bidirectional), and the files in both directions with TensorFlow.js.
 */
import * as tf from '@tensorflow/tfjs';
import {
  Bidirectional, ConfigError, Dense, Embedding, GRU, LSTM, Model, Sequential, SimpleRNN, SymbolicTensor, input, setSeed, tensor, toArray,
  type Tensor,
} from '../../../lib';
import ndarray from 'ndarray';
import { loadModel } from '../../../lib/serialization';
import type { Mask } from '../../../layers/mask';
import { Random } from '../../../lib/random';
import { expectClose } from '../../helpers/expect-close';
import { expectModelGradientsCorrect } from '../../helpers/gradcheck-model';
import { makeTempDir, removeTempDir, tfjsLoad, tfjsSave, useCpuBackend } from '../../helpers/tfjs-files';

const random = (shape: number[], seed: number, dtype: 'float32' | 'float64' = 'float64', scale = 1): Tensor => {
  const rng = new Random(seed);
  const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => scale * rng.uniformRange(-1, 1));
  return tensor(dtype === 'float64' ? values : Float32Array.from(values), shape, dtype);
};

/** `[batch, t1 + t2, f]`: `a` then `b` along time. */
const concatTime = (a: Tensor, b: Tensor): Tensor => {
  const [batch, t1, f] = a.shape;
  const t2 = b.shape[1];
  const out = new Float64Array(batch * (t1 + t2) * f);
  for (let n = 0; n < batch; n++) {
    out.set(a.data.subarray(n * t1 * f, (n + 1) * t1 * f), n * (t1 + t2) * f);
    out.set(b.data.subarray(n * t2 * f, (n + 1) * t2 * f), n * (t1 + t2) * f + t1 * f);
  }
  return tensor(out, [batch, t1 + t2, f], 'float64');
};

beforeAll(async () => {
  await useCpuBackend();
});
beforeEach(() => setSeed(4));

describe('the states a call returns', () => {
  it('LSTM: apply gives [output, h, c]; h is the last output, and (h, c) continue the sequence exactly', () => {
    const first = input({ shape: [4, 2], dtype: 'float64' });
    const second = input({ shape: [3, 2], dtype: 'float64' });
    const lstm = new LSTM({ units: 3, returnSequences: true, returnState: true });
    const outputs = lstm.apply(first);
    expect(outputs).toHaveLength(3);
    const [y, h, c] = outputs;
    expect([y.shape, h.shape, c.shape]).toEqual([[null, 4, 3], [null, 3], [null, 3]]);
    expect(h.name).toBe(`${lstm.name}[1]`);
    // The same layer continued from its own final states over the second part.
    const [y2] = lstm.apply([second, h, c]);
    const model = new Model({ inputs: [first, second], outputs: [y, h, c, y2] });
    const a = random([2, 4, 2], 1), b = random([2, 3, 2], 2);
    const [ys, hs, cs, ys2] = model.predict<Tensor[]>([a, b]);
    const ysRows = toArray(ys) as number[][][];
    expect(toArray(hs)).toEqual(ysRows.map((rows) => rows[3]));
    expect(cs.shape).toEqual([2, 3]);
    // A run over the whole sequence: its steps 4…6 are the continued run's, to rounding.
    const whole = toArray(lstm.forward(concatTime(a, b))) as number[][][];
    expectClose(ys2, whole.map((rows) => rows.slice(4)) as never, { rtol: 1e-13, atol: 1e-14 });
  });

  it('GRU goBackwards with a mask: the state is the one after the last processed step, carried over padding, never zeroed', () => {
    const tokens = input({ shape: [4], dtype: 'float64' });
    const embedded = new Embedding({ inputDim: 5, outputDim: 2, maskZero: true }).apply(tokens);
    const gru = new GRU({ units: 3, returnState: true, zeroOutputForMask: true });
    const [, h] = gru.apply(embedded);
    const plain = new Model({ inputs: tokens, outputs: new GRU({ units: 3, name: 'plain' }).apply(embedded) });
    const model = new Model({ inputs: tokens, outputs: h });
    const twin = plain.getLayer('plain');
    gru.params().forEach((p, i) => twin.params()[i].value.data.set(p.value.data));
    // Trailing padding: the last steps are masked, so h is the state after step 2 carried on.
    const ids = tensor([1, 2, 0, 0, 3, 4, 1, 0], [2, 4], 'float64');
    const states = toArray(model.predict(ids) as Tensor) as number[][];
    expect(states[0].every((v) => v !== 0)).toBe(true);
    expectClose(model.predict(ids) as Tensor, toArray(plain.predict(ids) as Tensor) as never, { rtol: 1e-14, atol: 1e-15 });
  });

  it('Bidirectional: [output, forward h, forward c, backward h, backward c]; the merged output is built from the two h', () => {
    const x = input({ shape: [5, 2], dtype: 'float64' });
    const outs = new Bidirectional({ layer: new LSTM({ units: 2, returnState: true }), mergeMode: 'concat' }).apply(x);
    expect(outs.map((t) => t.shape)).toEqual([[null, 4], [null, 2], [null, 2], [null, 2], [null, 2]]);
    const [y, hf, , hb] = new Model({ inputs: x, outputs: outs }).predict<Tensor[]>(random([3, 5, 2], 3));
    const rows = toArray(y) as number[][];
    const [f, b] = [toArray(hf), toArray(hb)] as number[][][];
    expect(rows).toEqual(f.map((fr, n) => [...fr, ...b[n]]));
  });
});

describe('gradients through the states (float64, against central differences)', () => {
  it.each([
    ['LSTM, losses on the states only', () => new LSTM({ units: 3, returnState: true }), [1, 2]],
    ['LSTM with sequences, losses on output, h and c', () => new LSTM({ units: 3, returnSequences: true, returnState: true }), [0, 1, 2]],
    ['GRU reset before, loss on output and h', () => new GRU({ units: 2, resetAfter: false, returnState: true }), [0, 1]],
    ['SimpleRNN, loss on h', () => new SimpleRNN({ units: 3, returnState: true }), [1]],
    ['Bidirectional GRU (mul), losses on output and backward h', () => new Bidirectional({ layer: new GRU({ units: 2, returnState: true }), mergeMode: 'mul' }), [0, 2]],
  ] as const)('%s', (_, make, used) => {
    const x = input({ shape: [4, 2], dtype: 'float64' });
    const outs = (make() as LSTM<true>).apply(x);
    // Each used output through its own Dense, so the upstream gradient differs from output to output.
    const heads = used.map((k, i) => new Dense({ units: 2, name: `head_${i}` }).apply(outs[k].shape.length === 3 ? new SimpleRNN({ units: 2 }).apply(outs[k]) : outs[k]));
    const model = new Model({ inputs: x, outputs: heads });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    expectModelGradientsCorrect(model, [random([3, 4, 2], 5)], heads.map((_, i) => random([3, 2], 10 + i)));
  });

  const PADDED: Mask = ndarray(Uint8Array.from([1, 1, 1, 0, 0, 1, 1, 0, 0, 0]), [2, 5]);
  // One layer alone: the objective Σ_k Σ dOut_k ⊙ y_k with a random dOut_k on the used outputs and zeros on the others.
  it.each([
    ['GRU (reset after), goBackwards, h only', () => new GRU({ units: 3, goBackwards: true, returnState: true }), [1], null],
    ['Bidirectional LSTM (sum), every state', () => new Bidirectional({ layer: new LSTM({ units: 2, returnState: true }), mergeMode: 'sum' }), [1, 2, 3, 4], null],
    ['masked LSTM with sequences, every output', () => new LSTM({ units: 2, returnState: true, returnSequences: true }), [0, 1, 2], PADDED],
    ['masked GRU, goBackwards, every output', () => new GRU({ units: 2, returnState: true, goBackwards: true }), [0, 1], PADDED],
    ['masked Bidirectional SimpleRNN (concat), states only', () => new Bidirectional({ layer: new SimpleRNN({ units: 2, returnState: true, returnSequences: true }) }), [1, 2], PADDED],
  ] as const)('%s: matches central differences', (_, make, used, mask) => {
    const layer = make() as LSTM<true>;
    const x = random([2, 5, 2], 11);
    layer.build([null, 5, 2], 'float64');
    layer.setInputMasks([mask]);
    const ys = layer.forwardOutputs([x], true);
    const dOuts = ys.map((y, k) => (used.includes(k as never) ? random(y.shape.slice(), 20 + k) : tensor(new Float64Array(y.size), y.shape.slice(), 'float64')));
    const objective = () => layer.forwardOutputs([x], false).reduce((sum, y, k) => {
      for (let i = 0; i < y.size; i++) sum += y.data[y.offset + i] * dOuts[k].data[i];
      return sum;
    }, 0);
    const { dInputs } = layer.backwardOutputs(dOuts, [true]);
    const checks: [string, Tensor, Float64Array][] = [
      ['x', x, Float64Array.from((dInputs[0] as Tensor).data)],
      ...layer.params().map((p): [string, Tensor, Float64Array] => [p.name, p.value, Float64Array.from(p.grad.data.subarray(p.grad.offset, p.grad.offset + p.grad.size))]),
    ];
    for (const [name, value, analytic] of checks) {
      for (let i = 0; i < value.size; i++) {
        const saved = value.data[value.offset + i];
        value.data[value.offset + i] = saved + 1e-6;
        const plus = objective();
        value.data[value.offset + i] = saved - 1e-6;
        const minus = objective();
        value.data[value.offset + i] = saved;
        const numeric = (plus - minus) / 2e-6;
        if (!(Math.abs(analytic[i] - numeric) < 1e-8 + 1e-6 * Math.abs(numeric))) throw new Error(`${name}[${i}]: analytic ${analytic[i]}, numeric ${numeric}`);
      }
    }
  });
});

describe('models with state outputs', () => {
  it('names each output uniquely as Keras does and trains with a loss per output', async () => {
    const x = input({ shape: [4, 2] });
    const [y, h] = new GRU({ units: 3, name: 'gru', returnSequences: true, returnState: true }).apply(x);
    const model = new Model({ inputs: x, outputs: [y, h] });
    expect(model.outputNames).toEqual(['gru', 'gru_1']);
    model.compile({ optimizer: 'adam', loss: { gru: 'mse', gru_1: 'mae' } });
    const history = await model.fit(random([8, 4, 2], 1, 'float32'), { gru: random([8, 4, 3], 2, 'float32'), gru_1: random([8, 3], 3, 'float32') }, { epochs: 3, batchSize: 4, verbose: 0 });
    expect(Object.keys(history.history).filter((k) => k.endsWith('loss')).sort()).toEqual(['gru_1_loss', 'gru_loss', 'loss']);
    expect(history.history.loss[2]).toBeLessThan(history.history.loss[0]);
  });

  it('summary lists every output shape of the layer and which state a later layer reads', () => {
    const x = input({ shape: [5, 2], name: 'x' });
    const [, h] = new LSTM({ units: 3, name: 'lstm', returnState: true }).apply(x);
    const model = new Model({ inputs: x, outputs: new Dense({ units: 1, name: 'head' }).apply(h) });
    const text = model.summary(() => {});
    // Keras 3 prints `[(None, 3), (None, 3), (None, 3)]` and 72 = 4·(3·(2 + 3) + 3) for this LSTM.
    expect(text).toMatch(/lstm \(LSTM\)\s+\[\[\?, 3\], \[\?, 3\], \[\?, 3\]\]\s+72\s+x/);
    expect(text).toMatch(/head \(Dense\)\s+\[\?, 1\]\s+4\s+lstm\[1\]/);
  });

  it('a Sequential model refuses a layer with returnState, pointing to the functional API', () => {
    expect(() => new Sequential([new LSTM({ units: 2, returnState: true, inputShape: [3, 2] })])).toThrow(ConfigError);
    expect(() => new Sequential([new LSTM({ units: 2, returnState: true, inputShape: [3, 2] })])).toThrow(/has 3 outputs \(returnState\).*use a functional Model/);
  });

  it('apply is typed by returnState: a list with it, one tensor without', () => {
    const x = input({ shape: [3, 2] });
    const states: SymbolicTensor[] = new LSTM({ units: 2, returnState: true }).apply(x);
    const one: SymbolicTensor = new LSTM({ units: 2 }).apply(x);
    expect([states.length, one instanceof SymbolicTensor]).toEqual([3, true]);
  });
});

describe('files', () => {
  it('a model with state outputs saves with their tensor indices, loads in layerwise and TensorFlow.js, and predicts the same', async () => {
    const dir = makeTempDir();
    try {
      const x = input({ shape: [5, 2] });
      const [y, h, c] = new LSTM({ units: 3, returnSequences: true, returnState: true }).apply(x);
      const model = new Model({ inputs: x, outputs: [new Dense({ units: 2 }).apply(h), c, y] });
      const xs = random([2, 5, 2], 7, 'float32');
      const expected = model.predict<Tensor[]>(xs).map((t) => toArray(t));
      await model.save(dir);
      const loaded = await loadModel(dir);
      expect(loaded.predict<Tensor[]>(xs).map((t) => toArray(t))).toEqual(expected);
      const reference = await tfjsLoad(dir);
      const theirs = (reference.predict(tf.tensor(Array.from(xs.data), xs.shape.slice())) as tf.Tensor[]).map((t) => t.arraySync());
      loaded.predict<Tensor[]>(xs).forEach((t, k) => expectClose(t, theirs[k] as never, { rtol: 1e-5, atol: 1e-6 }));
    } finally {
      removeTempDir(dir);
    }
  });

  it('a TensorFlow.js model with returnState loads here and predicts what TensorFlow.js predicts', async () => {
    const dir = makeTempDir();
    try {
      const x = tf.input({ shape: [4, 3] });
      const [, h, c] = tf.layers.lstm({ units: 2, returnSequences: true, returnState: true, recurrentActivation: 'sigmoid' }).apply(x) as tf.SymbolicTensor[];
      const decoded = tf.layers.gru({ units: 2, returnState: true, recurrentActivation: 'sigmoid' }).apply(x, { initialState: [h] }) as tf.SymbolicTensor[];
      const reference = tf.model({ inputs: x, outputs: [c, decoded[1]] });
      await tfjsSave(reference, dir);
      const xs = random([2, 4, 3], 8, 'float32');
      const theirs = (reference.predict(tf.tensor(Array.from(xs.data), xs.shape.slice())) as tf.Tensor[]).map((t) => t.arraySync());
      const loaded = await loadModel(dir);
      loaded.predict<Tensor[]>(xs).forEach((t, k) => expectClose(t, theirs[k] as never, { rtol: 1e-5, atol: 1e-6 }));
    } finally {
      removeTempDir(dir);
    }
  });
});
