import fc from 'fast-check';
import { expectClose } from '../helpers/expect-close';
import { randomTensor } from '../helpers/random';
import { BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError, SparseCategoricalCrossentropy, type Loss } from '../../losses';
import { StateError } from '../../lib/errors';
import { clone, type Tensor } from '../../lib/tensor';
import { classIndices, oneHotRows, probabilityRows } from './labels';

/** A loss with a generator of valid (yPred, yTrue) batches of n samples and c outputs. */
interface Case {
  readonly name: string;
  readonly make: () => Loss;
  readonly minOutputs: number;
  readonly inputs: (n: number, c: number, seed: number) => { yPred: Tensor; yTrue: Tensor };
}

const cases: Case[] = [
  { name: 'MeanSquaredError', make: () => new MeanSquaredError(), minOutputs: 1,
    inputs: (n, c, seed) => ({ yPred: randomTensor([n, c], seed, { low: -3, high: 3 }), yTrue: randomTensor([n, c], seed + 1, { low: -3, high: 3 }) }) },
  { name: 'BinaryCrossentropy', make: () => new BinaryCrossentropy(), minOutputs: 1,
    inputs: (n, c, seed) => ({ yPred: randomTensor([n, c], seed, { low: 0.01, high: 0.99 }), yTrue: randomTensor([n, c], seed + 1, { low: 0, high: 1 }) }) },
  { name: 'BinaryCrossentropy fromLogits', make: () => new BinaryCrossentropy({ fromLogits: true }), minOutputs: 1,
    inputs: (n, c, seed) => ({ yPred: randomTensor([n, c], seed, { low: -20, high: 20 }), yTrue: randomTensor([n, c], seed + 1, { low: 0, high: 1 }) }) },
  { name: 'CategoricalCrossentropy', make: () => new CategoricalCrossentropy(), minOutputs: 2,
    inputs: (n, c, seed) => ({ yPred: probabilityRows(n, c, seed, false, 0.01, 2), yTrue: oneHotRows(classIndices(n, c, seed + 1), c) }) },
  { name: 'CategoricalCrossentropy fromLogits', make: () => new CategoricalCrossentropy({ fromLogits: true }), minOutputs: 2,
    inputs: (n, c, seed) => ({ yPred: randomTensor([n, c], seed, { low: -20, high: 20 }), yTrue: probabilityRows(n, c, seed + 1) }) },
  { name: 'SparseCategoricalCrossentropy', make: () => new SparseCategoricalCrossentropy(), minOutputs: 2,
    inputs: (n, c, seed) => ({ yPred: probabilityRows(n, c, seed, true, 0.01, 2), yTrue: classIndices(n, c, seed + 1) }) },
  { name: 'SparseCategoricalCrossentropy fromLogits', make: () => new SparseCategoricalCrossentropy({ fromLogits: true }), minOutputs: 2,
    inputs: (n, c, seed) => ({ yPred: randomTensor([n, c], seed, { low: -20, high: 20 }), yTrue: classIndices(n, c, seed + 1) }) },
];

const runs = { seed: 20240611, numRuns: 15 };
const batch = fc.record({ n: fc.integer({ min: 1, max: 6 }), c: fc.integer({ min: 1, max: 5 }), seed: fc.nat({ max: 1e6 }) });

/** Rows `i` of a tensor whose first axis is the batch, as a view of one sample. */
const sample = (t: Tensor, i: number): Tensor => t.lo(i).hi(1);

describe.each(cases)('$name', ({ make, minOutputs, inputs }) => {
  it('is non-negative and finite, with a finite gradient', () => {
    fc.assert(fc.property(batch, ({ n, c, seed }) => {
      const loss = make();
      const { yPred, yTrue } = inputs(n, Math.max(c, minOutputs), seed);
      const value = loss.forward(yPred, yTrue);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(value)).toBe(true);
      expect(Array.from(loss.backward().data).every(Number.isFinite)).toBe(true);
    }), runs);
  });

  it('is the mean of its per-sample losses, with gradient rows (1/N) of the single-sample gradients', () => {
    fc.assert(fc.property(batch, ({ n, c, seed }) => {
      const width = Math.max(c, minOutputs);
      const { yPred, yTrue } = inputs(n, width, seed);
      const whole = make();
      const value = whole.forward(yPred, yTrue);
      const grad = clone(whole.backward());
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const single = make();
        sum += single.forward(sample(yPred, i), sample(yTrue, i));
        const row = single.backward();
        expectClose(sample(grad, i), [Array.from(row.data, (v) => v / n)], { rtol: 1e-12, atol: 1e-15 });
      }
      expect(value).toBeCloseTo(sum / n, 10);
    }), runs);
  });

  it('throws a StateError for backward before forward', () => {
    const loss = make();
    expect(() => loss.backward()).toThrow(StateError);
    expect(() => loss.backward()).toThrow(/backward called before forward/);
  });
});

describe('MeanSquaredError of a tensor with itself', () => {
  it('is 0 with a zero gradient', () => {
    fc.assert(fc.property(batch, ({ n, c, seed }) => {
      const y = randomTensor([n, c], seed, { low: -5, high: 5 });
      const mse = new MeanSquaredError();
      expect(mse.forward(y, clone(y))).toBe(0);
      expect(Array.from(mse.backward().data).every((v) => v === 0)).toBe(true);
    }), runs);
  });
});
