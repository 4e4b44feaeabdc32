/**
 * What the recurrent layers do beyond their gradients: masks from Embedding and Masking skip
 * padding end to end, stateful layers carry their states until resetStates, options are
 * checked with clear errors, summary() counts parameters as Keras does, and a small model
 * learns a task that needs memory.
 */
import {
  Adam, Bidirectional, Dense, Embedding, GRU, LSTM, Masking, Sequential, SimpleRNN, setSeed, tensor, toArray, ConfigError, ShapeError,
} from '../../../lib';
import { Random } from '../../../lib/random';
import { expectClose } from '../../helpers/expect-close';

beforeEach(() => setSeed(3));

describe('masks end to end', () => {
  it('Embedding({ maskZero }) → LSTM: extra padding at the end changes nothing', () => {
    const model = new Sequential({
      dtype: 'float64',
      layers: [new Embedding({ inputDim: 6, outputDim: 3, maskZero: true, inputShape: [4] }), new LSTM({ units: 3 }), new Dense({ units: 2 })],
    });
    const short = model.predict(tensor([[1, 2, 3, 0], [4, 0, 0, 0]], undefined, 'float64'));
    const long = new Sequential({ dtype: 'float64', layers: [new Embedding({ inputDim: 6, outputDim: 3, maskZero: true, inputShape: [7] }), new LSTM({ units: 3 }), new Dense({ units: 2 })] });
    long.setWeights(model.getWeights());
    expectClose(long.predict(tensor([[1, 2, 3, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0, 0]], undefined, 'float64')), short, { rtol: 1e-12, atol: 1e-12 });
    // Without the mask the padding steps do move the state.
    const unmasked = new Sequential({ dtype: 'float64', layers: [new Embedding({ inputDim: 6, outputDim: 3, inputShape: [7] }), new LSTM({ units: 3 }), new Dense({ units: 2 })] });
    unmasked.setWeights(model.getWeights());
    const moved = toArray(unmasked.predict(tensor([[1, 2, 3, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0, 0]], undefined, 'float64'))) as number[][];
    expect(Math.abs(moved[0][0] - (toArray(short) as number[][])[0][0])).toBeGreaterThan(1e-6);
  });

  it('a masked step of a returnSequences layer outputs the carried state, and zeros with zeroOutputForMask', () => {
    const make = (zeroOutputForMask: boolean): Sequential => new Sequential({ dtype: 'float64', layers: [new Masking({ inputShape: [3, 2] }), new GRU({ units: 2, returnSequences: true, zeroOutputForMask })] });
    const carried = make(false);
    const zeroed = make(true);
    zeroed.setWeights(carried.getWeights());
    const x = tensor([[[1, 2], [0, 0], [3, 1]]], undefined, 'float64');
    const a = toArray(carried.predict(x)) as number[][][];
    const b = toArray(zeroed.predict(x)) as number[][][];
    expect(a[0][1]).toEqual(a[0][0]);
    expect(b[0][1]).toEqual([0, 0]);
    expect(b[0][2]).toEqual(a[0][2]);
  });
});

describe('stateful layers', () => {
  it('carry the final states into the next call until resetStates()', () => {
    const rnn = new LSTM({ units: 2, stateful: true });
    const x = tensor([[[0.5, -1], [1, 0.25]]], undefined, 'float64');
    const first = toArray(rnn.forward(x)) as number[][];
    const second = toArray(rnn.forward(x)) as number[][];
    expect(second).not.toEqual(first);
    rnn.resetStates();
    expect(toArray(rnn.forward(x))).toEqual(first);
    // Two steps in one call equal one step per call when stateful.
    const split = new LSTM({ units: 2, stateful: true });
    split.build([null, 1, 2], 'float64');
    split.params().forEach((p, i) => p.value.data.set(rnn.params()[i].value.data));
    split.forward(tensor([[[0.5, -1]]], undefined, 'float64'));
    expect(toArray(split.forward(tensor([[[1, 0.25]]], undefined, 'float64')))).toEqual(first);
  });

  it('throw a ShapeError when the batch size changes', () => {
    const rnn = new SimpleRNN({ units: 2, stateful: true });
    rnn.forward(tensor([[[1]], [[2]]]));
    expect(() => rnn.forward(tensor([[[1]]]))).toThrow(ShapeError);
    expect(() => rnn.forward(tensor([[[1]]]))).toThrow(/stateful layer needs the same batch size in every call: expected 2, got 1/);
  });
});

describe('options and shapes', () => {
  it.each([
    [() => new LSTM({ units: 0 }), /LSTM: units must be a positive integer, got 0/],
    [() => new GRU({ units: 2, returnState: 1 as never }), /GRU: returnState must be a boolean, got 1/],
    [() => new SimpleRNN({ units: 2, dropout: 1 }), /SimpleRNN: dropout must be a number in \[0, 1\), got 1/],
    [() => new LSTM({ units: 2, activation: 'gelu' as never }), /LSTM: activation must be one of 'tanh', 'sigmoid'.*got "gelu"/],
    [() => new LSTM({ units: 2, recurrentActivation: 'softmax' as never }), /LSTM: recurrentActivation must be one of/],
    [() => new GRU({ units: 2, resetAfter: 1 as never }), /GRU: resetAfter must be a boolean, got 1/],
    [() => new Bidirectional({ layer: new Dense({ units: 2 }) }), /Bidirectional: layer must be a recurrent layer \(SimpleRNN, LSTM, GRU\), got Dense/],
    [() => new Bidirectional({ layer: new LSTM({ units: 2 }), mergeMode: 'concatenate' as never }), /Bidirectional: mergeMode must be one of 'concat', 'sum', 'mul', 'ave', got "concatenate"/],
  ])('%#: rejects a bad option with a ConfigError', (make, message) => {
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(message);
  });

  it('rejects input that is not [batch, time, features] with the shapes in the message', () => {
    expect(() => new LSTM({ units: 2 }).forward(tensor([[1, 2]]))).toThrow(/LSTM 'lstm_\d+': input must have rank 3 \[batch, time, features\]: got \[\?, 2\]/);
    const gru = new GRU({ units: 2 });
    gru.forward(tensor([[[1, 2]]]));
    expect(() => gru.forward(tensor([[[1, 2, 3]]]))).toThrow(/input last axis must be 2/);
    // Another sequence length is fine (Keras's timesteps = None).
    expect(gru.forward(tensor([[[1, 2], [3, 4], [5, 6]]])).shape).toEqual([1, 2]);
  });

  it('summary() counts parameters as Keras does', () => {
    const model = new Sequential([
      new LSTM({ units: 32, returnSequences: true, inputShape: [10, 8], name: 'lstm' }),
      new GRU({ units: 16, name: 'gru' }),
      new Dense({ units: 1, name: 'dense' }),
    ]);
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      model.summary();
    } finally {
      log.mockRestore();
    }
    const text = lines.join('\n');
    // LSTM: 4·(32·(8 + 32) + 32) = 5,248; GRU (reset_after, two bias rows): 3·(16·(32 + 16) + 2·16) = 2,400; Dense 17.
    expect(text).toMatch(/lstm \(LSTM\)\s+\[\?, 10, 32\]\s+5,248/);
    expect(text).toMatch(/gru \(GRU\)\s+\[\?, 16\]\s+2,400/);
    expect(text).toMatch(/Total params: 7,665/);
    expect(new Bidirectional({ layer: new SimpleRNN({ units: 4 }), inputShape: [5, 3] }).computeOutputShape([null, 5, 3])).toEqual([null, 8]);
  });
});

describe('learning', () => {
  it('an LSTM learns to recall the first step of a sequence after distractors', async () => {
    // Label = sign of the first step's value; the following steps are noise. Needs memory across 6 steps.
    const rng = new Random(11);
    const n = 256, steps = 6;
    const xs: number[] = [], ys: number[] = [];
    for (let i = 0; i < n; i++) {
      const first = rng.uniform() < 0.5 ? -1 : 1;
      xs.push(first);
      for (let t = 1; t < steps; t++) xs.push(rng.uniformRange(-1, 1));
      ys.push(first > 0 ? 1 : 0);
    }
    const x = tensor(xs, [n, steps, 1]), y = tensor(ys, [n, 1]);
    const model = new Sequential([new LSTM({ units: 8, inputShape: [steps, 1] }), new Dense({ units: 1, activation: 'sigmoid' })]);
    model.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const history = await model.fit(x, y, { epochs: 30, batchSize: 32, verbose: 0 });
    const accuracy = history.history.accuracy as number[];
    expect(accuracy[accuracy.length - 1]).toBeGreaterThan(0.95);
    expect((history.history.loss as number[])[29]).toBeLessThan((history.history.loss as number[])[0] / 4);
  });
});
