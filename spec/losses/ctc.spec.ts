/**
 * CTC at the value of keras/src/losses/losses_test.py `CTCTest`, known answers enumerated by
 * hand over every path, float64 gradient checks and the error cases. Keras calls
 * `loss(y_true, y_pred)`; layerwise's forward takes `(yPred, yTrue)`.
 */
import ndarray from 'ndarray';
import { DataError, ShapeError } from '../../lib/errors';
import { Dense, fromJSON, Sequential } from '../../lib';
import { tensor, type Tensor } from '../../lib/tensor';
import { CTC, getLoss, losses } from '../../losses';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[] | number[][][]): Tensor => tensor(values, undefined, 'float64');

/** `softmax` of a row. */
const softmax = (row: number[]): number[] => {
  const e = row.map((v) => Math.exp(v));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

describe('CTC (CTCTest)', () => {
  it('test_correctness: logits (arange(24).reshape(2, 4, 3) − 12)/100, labels [[1, 2, 1, 0], [1, 2, 0, 2]] give 2.448645', () => {
    const logits = f64(Array.from({ length: 2 }, (_, b) => Array.from({ length: 4 }, (_, t) => Array.from({ length: 3 }, (_, k) => (b * 12 + t * 3 + k - 12) / 100))));
    const loss = new CTC().forward(logits, f64([[1, 2, 1, 0], [1, 2, 0, 2]]));
    expect(Math.abs(loss - 2.448645)).toBeLessThanOrEqual(1e-6 + 1e-6 * 2.448645);
  });

  it('test_config: no options but reduction; registered as CTC and ctc', () => {
    expect(new CTC().getConfig()).toEqual({});
    expect(new CTC({ reduction: 'sum' }).getConfig()).toEqual({ reduction: 'sum' });
    expect(losses.create('ctc')).toBeInstanceOf(CTC);
    expect(getLoss('CTC')).toBeInstanceOf(CTC);
  });

  it('known answers, every path enumerated by hand (0 is the blank)', () => {
    const x = [[0.3, -0.1, 0.5], [0.2, 0.4, -0.6], [-0.2, 0.1, 0.7]];
    const [p1, p2, p3] = x.map(softmax);
    // One frame, target [1]: the only path is (1).
    expect(new CTC().forward(f64([[x[0]]]), f64([[1]]))).toBeCloseTo(-Math.log(p1[1]), 12);
    // Two frames, target [1]: the paths 11, 01, 10.
    const two = p1[1] * p2[1] + p1[0] * p2[1] + p1[1] * p2[0];
    expect(new CTC().forward(f64([x.slice(0, 2)]), f64([[1, 0]]))).toBeCloseTo(-Math.log(two), 12);
    // Three frames, target [1, 1]: a repeat needs a blank between, so only 101.
    expect(new CTC().forward(f64([x]), f64([[1, 1]]))).toBeCloseTo(-Math.log(p1[1] * p2[0] * p3[1]), 12);
    // Three frames, target [1, 2]: 112, 122, 012, 102, 120, 12 with one blank anywhere, …: all 3-frame paths reading "12".
    let paths = 0;
    const read = (pi: number[]): string => pi.filter((k, i) => i === 0 || k !== pi[i - 1]).filter((k) => k !== 0).join('');
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 3; c++) if (read([a, b, c]) === '12') paths += p1[a] * p2[b] * p3[c];
    expect(new CTC().forward(f64([x]), f64([[1, 2, 0]]))).toBeCloseTo(-Math.log(paths), 12);
    // An empty target: only blanks.
    expect(new CTC().forward(f64([x]), f64([[0, 0]]))).toBeCloseTo(-Math.log(p1[0] * p2[0] * p3[0]), 12);
  });

  it('an unreachable target (a repeat in too few frames) costs about 1e5, as Keras keeps log(0) at −1e5', () => {
    const loss = new CTC().forward(f64([[[0.1, 0.2], [0.3, 0.4]]]), f64([[1, 1]]));
    expect(loss).toBeGreaterThan(9e4);
    expect(loss).toBeLessThan(1.1e5);
  });

  it('the mean over the batch, and the reductions', () => {
    const x = randomTensor([3, 5, 4], 4);
    const labels = f64([[1, 2, 2], [3, 0, 0], [1, 3, 1]]);
    const none = new CTC({ reduction: 'none' });
    none.forward(x, labels);
    const each = Array.from(none.perSampleLosses());
    expect(new CTC().forward(x, labels)).toBeCloseTo((each[0] + each[1] + each[2]) / 3, 12);
    expect(new CTC({ reduction: 'sum' }).forward(x, labels)).toBeCloseTo(each[0] + each[1] + each[2], 12);
    // Each sample alone gives its own loss (the lattice is per sample).
    const second = new CTC().forward(tensor(Array.from(x.data.subarray(20, 40)), [1, 5, 4], 'float64'), f64([[3, 0, 0]]));
    expect(second).toBeCloseTo(each[1], 12);
  });

  it('passes float64 gradient checks: repeats, a blank inside the labels, an empty target, weighted, under each reduction', () => {
    const x = randomTensor([4, 6, 4], 9, { low: -2, high: 2 });
    const labels = f64([[1, 1, 2, 0], [3, 2, 0, 1], [0, 0, 0, 0], [2, 3, 1, 3]]);
    expectGradientsCorrect(new CTC(), x, labels);
    const w = randomTensor([4], 3, { low: 0.1, high: 2 });
    for (const reduction of ['sum', 'none', 'mean_with_sample_weight', 'mean'] as const) {
      expectGradientsCorrect(withSampleWeight(new CTC({ reduction }), w), x, labels);
    }
  });

  it('trains a Dense over frames with fit, and saves and loads with the model (trainingConfig loss ctc)', async () => {
    const model = new Sequential();
    model.add(new Dense({ units: 4, inputShape: [5, 3] }));
    model.compile({ optimizer: 'adam', loss: new CTC({ reduction: 'sum' }) });
    const x = tensor(Array.from({ length: 30 }, (_, i) => Math.sin(i)), [2, 5, 3]);
    const history = await model.fit(x, tensor([[1, 2, 0], [3, 3, 1]], [2, 3]), { epochs: 3, batchSize: 2, verbose: 0 });
    expect(history.history.loss[2]).toBeLessThan(history.history.loss[0]);
    const loaded = fromJSON(JSON.stringify(model));
    expect(loaded.loss?.className).toBe('CTC');
    expect(loaded.loss?.getConfig()).toEqual({ reduction: 'sum' });
  });

  it('rejects bad shapes, labels and a mask, naming them', () => {
    const x = randomTensor([2, 3, 4], 1);
    expect(() => new CTC().forward(randomTensor([2, 4], 1), f64([[1], [2]]))).toThrow(new ShapeError('CTC: yPred must be logits [batch, frames, classes]: expected [?, ?, ?], got [2, 4]'));
    expect(() => new CTC().forward(x, f64([1, 2]))).toThrow(new ShapeError('CTC: yTrue must be label sequences [batch, maxLabelLength] for yPred [2, 3, 4]: expected [2, ?], got [2]'));
    expect(() => new CTC().forward(x, f64([[1, 4], [1, 2]]))).toThrow(new DataError('CTC: yTrue[0, 1] is 4, not a class index in [0, 3] (yPred has 4 classes, 0 the blank)'));
    expect(() => new CTC().forward(x, f64([[1, 2], [1, 2]]), undefined, ndarray(new Uint8Array([1, 1, 0, 1, 1, 1]), [2, 3]))).toThrow(new ShapeError('CTC: takes no mask: its loss is one number per sequence, got a mask [2, 3]'));
  });
});
