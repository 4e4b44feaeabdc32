/**
 * Backpropagation through time of SimpleRNN, LSTM and GRU against central differences in
 * float64, with a random upstream gradient, for every option that takes its own code path:
 * the last output or the whole sequence, goBackwards, masks (with and without zeroed outputs),
 * both GRU forms, dropout on the inputs and the recurrent state (fixed masks), and batch 1.
 */
import ndarray from 'ndarray';
import type { Mask } from '../../../layers';
import { Bidirectional, GRU, LSTM, SimpleRNN, type Layer } from '../../../layers';
import type { RandomState } from '../../../lib/random';
import type { Tensor } from '../../../lib/tensor';
import { expectGradientsCorrect } from '../../helpers/gradcheck';
import { randomTensor } from '../../helpers/random';

/** A mask `[batch, time]` from rows of 0/1. */
function mask(rows: number[][]): Mask {
  return ndarray(Uint8Array.from(rows.flat()), [rows.length, rows[0].length]);
}

/** Makes any recurrent layer draw the same dropout masks in every training forward (its generator rewound first). */
function fixedDropout<T extends LSTM | GRU | SimpleRNN>(layer: T): T {
  let state: RandomState | null = null;
  const forward = layer.forward.bind(layer);
  layer.forward = (x: Tensor, training = false): Tensor => {
    if (!layer.built) layer.build([null, ...x.shape.slice(1)], 'float64');
    state ??= layer.getRandomState();
    layer.setRandomState(state);
    return forward(x, training);
  };
  return layer;
}

const PADDED = mask([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [0, 1, 1, 1, 0]]);

type Case = [string, () => Layer, number[], Mask | null];
const CASES: Case[] = [
  ['SimpleRNN, last output', () => new SimpleRNN({ units: 4 }), [3, 5, 2], null],
  ['SimpleRNN, sequences, goBackwards, relu', () => new SimpleRNN({ units: 3, returnSequences: true, goBackwards: true, activation: 'relu' }), [2, 4, 3], null],
  ['SimpleRNN, masked sequences', () => new SimpleRNN({ units: 3, returnSequences: true }), [3, 5, 2], PADDED],
  ['LSTM, last output', () => new LSTM({ units: 4 }), [3, 5, 2], null],
  ['LSTM, sequences', () => new LSTM({ units: 3, returnSequences: true, unitForgetBias: false }), [2, 4, 3], null],
  ['LSTM, goBackwards, masked', () => new LSTM({ units: 3, goBackwards: true }), [3, 5, 2], PADDED],
  ['LSTM, sequences, masked, zero outputs', () => new LSTM({ units: 3, returnSequences: true, zeroOutputForMask: true }), [3, 5, 2], PADDED],
  ['LSTM, hard_sigmoid gates, no bias', () => new LSTM({ units: 2, recurrentActivation: 'hard_sigmoid', useBias: false }), [2, 3, 2], null],
  ['LSTM, dropout and recurrent dropout (fixed masks)', () => fixedDropout(new LSTM({ units: 3, returnSequences: true, dropout: 0.3, recurrentDropout: 0.4, seed: 2 })), [3, 4, 3], null],
  ['LSTM, batch 1', () => new LSTM({ units: 3 }), [1, 6, 2], null],
  ['GRU (resetAfter), last output', () => new GRU({ units: 4 }), [3, 5, 2], null],
  ['GRU (resetAfter), sequences, masked, goBackwards', () => new GRU({ units: 3, returnSequences: true, goBackwards: true }), [3, 5, 2], PADDED],
  ['GRU (reset before), last output', () => new GRU({ units: 4, resetAfter: false }), [3, 5, 2], null],
  ['GRU (reset before), sequences, masked', () => new GRU({ units: 3, resetAfter: false, returnSequences: true }), [3, 5, 2], PADDED],
  ['GRU (reset before), dropout and recurrent dropout', () => fixedDropout(new GRU({ units: 3, resetAfter: false, dropout: 0.25, recurrentDropout: 0.3, seed: 5 })), [3, 4, 2], null],
  ['GRU (resetAfter), recurrent dropout', () => fixedDropout(new GRU({ units: 3, recurrentDropout: 0.3, seed: 6, returnSequences: true })), [2, 4, 2], null],
  ['Bidirectional LSTM, concat, sequences, masked', () => new Bidirectional({ layer: new LSTM({ units: 3, returnSequences: true }) }), [3, 5, 2], PADDED],
  ['Bidirectional GRU, sum, last output', () => new Bidirectional({ layer: new GRU({ units: 3 }), mergeMode: 'sum' }), [2, 4, 3], null],
  ['Bidirectional SimpleRNN, mul, sequences', () => new Bidirectional({ layer: new SimpleRNN({ units: 2, returnSequences: true }), mergeMode: 'mul' }), [2, 4, 2], null],
  ['Bidirectional GRU (reset before), ave, masked', () => new Bidirectional({ layer: new GRU({ units: 2, resetAfter: false }), mergeMode: 'ave' }), [3, 5, 2], PADDED],
  ['SimpleRNN, recurrent dropout', () => fixedDropout(new SimpleRNN({ units: 3, recurrentDropout: 0.5, dropout: 0.2, seed: 1 })), [2, 4, 2], null],
];

describe.each(CASES)('%s', (_, make, shape, m) => {
  it('gradients of the input and of every weight match central differences under a random upstream gradient', () => {
    const layer = make();
    // Non-zero biases, so that a bias gradient that is wrong cannot hide behind a zero start.
    layer.build([null, ...shape.slice(1)], 'float64');
    for (const p of layer.params()) {
      const r = randomTensor(p.value.shape, 11 + p.value.size, { low: -0.6, high: 0.6 });
      p.value.data.set(r.data);
    }
    if (m) layer.setInputMasks([m]);
    expectGradientsCorrect(layer, randomTensor(shape, 3), undefined, { seed: 4, epsilon: 1e-5, tolerance: 1e-6 });
  });
});
