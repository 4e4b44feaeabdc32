// Properties of the losses beyond the core four, on seeded random batches (fast-check).
import fc from 'fast-check';
import { expectClose } from '../helpers/expect-close';
import { randomTensor } from '../helpers/random';
import {
  CategoricalHinge, CosineSimilarity, Hinge, Huber, KLDivergence, LogCosh, MeanAbsoluteError, Poisson, SquaredHinge,
  type Loss,
} from '../../losses';
import { StateError } from '../../lib/errors';
import { map } from '../../lib/kernels/elementwise';
import { clone, zeros, type Tensor } from '../../lib/tensor';
import { classIndices, oneHotRows, probabilityRows } from './labels';

/** A loss, its lower bound, and a generator of valid (yPred, yTrue) batches of n samples and c outputs. */
interface Case {
  readonly name: string;
  readonly make: () => Loss;
  readonly lowerBound: number;
  readonly inputs: (n: number, c: number, seed: number) => { yPred: Tensor; yTrue: Tensor };
}

const signs = (shape: number[], seed: number): Tensor => map(zeros(shape, 'float64'), randomTensor(shape, seed), (v) => (v > 0 ? 1 : -1));
const real = (n: number, c: number, seed: number) => ({ yPred: randomTensor([n, c], seed, { low: -3, high: 3 }), yTrue: randomTensor([n, c], seed + 1, { low: -3, high: 3 }) });

const cases: Case[] = [
  { name: 'MeanAbsoluteError', make: () => new MeanAbsoluteError(), lowerBound: 0, inputs: real },
  { name: 'Huber', make: () => new Huber({ delta: 0.7 }), lowerBound: 0, inputs: real },
  { name: 'LogCosh', make: () => new LogCosh(), lowerBound: 0, inputs: real },
  { name: 'KLDivergence', make: () => new KLDivergence(), lowerBound: 0,
    inputs: (n, c, seed) => ({ yPred: probabilityRows(n, c, seed), yTrue: probabilityRows(n, c, seed + 1) }) },
  { name: 'Hinge', make: () => new Hinge(), lowerBound: 0,
    inputs: (n, c, seed) => ({ yPred: randomTensor([n, c], seed, { low: -3, high: 3 }), yTrue: signs([n, c], seed + 1) }) },
  { name: 'SquaredHinge', make: () => new SquaredHinge(), lowerBound: 0,
    inputs: (n, c, seed) => ({ yPred: randomTensor([n, c], seed, { low: -3, high: 3 }), yTrue: signs([n, c], seed + 1) }) },
  { name: 'CategoricalHinge', make: () => new CategoricalHinge(), lowerBound: 0,
    inputs: (n, c, seed) => ({ yPred: randomTensor([n, c], seed, { low: -3, high: 3 }), yTrue: oneHotRows(classIndices(n, c, seed + 1), c) }) },
  // p − t·log p ≥ t − t·log t for counts t (its minimum, at p = t); with t < 5 that is above −3.1.
  { name: 'Poisson', make: () => new Poisson(), lowerBound: -3.1,
    inputs: (n, c, seed) => ({ yPred: randomTensor([n, c], seed, { low: 0.01, high: 6 }), yTrue: map(zeros([n, c], 'float64'), randomTensor([n, c], seed + 1, { low: 0, high: 5 }), Math.floor) }) },
  { name: 'CosineSimilarity', make: () => new CosineSimilarity(), lowerBound: -1, inputs: real },
];

const runs = { seed: 20240612, numRuns: 15 };
const batch = fc.record({ n: fc.integer({ min: 1, max: 6 }), c: fc.integer({ min: 1, max: 5 }), seed: fc.nat({ max: 1e6 }) });
const sample = (t: Tensor, i: number): Tensor => t.lo(i).hi(1);

describe.each(cases)('$name', ({ make, lowerBound, inputs }) => {
  it('is finite and at least its lower bound, with a finite gradient', () => {
    fc.assert(fc.property(batch, ({ n, c, seed }) => {
      const loss = make();
      const { yPred, yTrue } = inputs(n, c, seed);
      const value = loss.forward(yPred, yTrue);
      expect(value).toBeGreaterThanOrEqual(lowerBound - 1e-12);
      expect(Number.isFinite(value)).toBe(true);
      expect(Array.from(loss.backward().data).every(Number.isFinite)).toBe(true);
    }), runs);
  });

  it('is the mean of its per-sample losses, with gradient rows (1/N) of the single-sample gradients', () => {
    fc.assert(fc.property(batch, ({ n, c, seed }) => {
      // The hinge losses read {0, 1} labels batch by batch; ±1 labels keep samples independent.
      const { yPred, yTrue } = inputs(n, c, seed);
      const whole = make();
      const value = whole.forward(yPred, yTrue);
      const grad = clone(whole.backward());
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const single = make();
        sum += single.forward(sample(yPred, i), sample(yTrue, i));
        expectClose(sample(grad, i), [Array.from(single.backward().data, (v) => v / n)], { rtol: 1e-12, atol: 1e-15 });
      }
      expect(value).toBeCloseTo(sum / n, 10);
    }), runs);
  });

  it('scales with the sample weights: weights w give Σ w_i ℓ_i / N', () => {
    fc.assert(fc.property(batch, ({ n, c, seed }) => {
      const { yPred, yTrue } = inputs(n, c, seed);
      const w = randomTensor([n], seed + 2, { low: 0, high: 3 });
      const weighted = make().forward(yPred, yTrue, w);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += w.get(i) * make().forward(sample(yPred, i), sample(yTrue, i));
      expect(weighted).toBeCloseTo(sum / n, 10);
    }), runs);
  });

  it('throws a StateError for backward before forward', () => {
    expect(() => make().backward()).toThrow(StateError);
  });
});
