/** Properties of the merge layers (fast-check, seeded, few runs). */
import fc from 'fast-check';
import { clone, toArray, zeros, type Tensor } from '../../../lib/tensor';
import { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract, type MergeLayer } from '../../../layers';
import { expectClose } from '../../helpers/expect-close';
import { randomTensor } from '../../helpers/random';

/** Each layer with the per-sample shapes of its two inputs. */
const CASES: readonly (readonly [string, () => MergeLayer, readonly number[], readonly number[]])[] = [
  ['Add', () => new Add(), [3], [3]],
  ['Subtract', () => new Subtract(), [2, 3], [2, 3]],
  ['Multiply', () => new Multiply(), [4], [4]],
  ['Average', () => new Average(), [3], [3]],
  ['Maximum', () => new Maximum(), [3], [3]],
  ['Minimum', () => new Minimum(), [2, 2], [2, 2]],
  ['Concatenate axis 1', () => new Concatenate({ axis: 1 }), [1, 3], [2, 3]],
  ['Dot axes 2', () => new Dot({ axes: 2 }), [2, 3], [4, 3]],
  ['Dot normalize', () => new Dot({ axes: 1, normalize: true }), [3], [3]],
];

/** Rows `from … to − 1` of a contiguous batch-first tensor, as a copy. */
function rows(t: Tensor, from: number, to: number): Tensor {
  return clone(t.hi(to).lo(from));
}

describe('merge layer properties (fast-check, seeded)', () => {
  it.each(CASES.map((c) => [c[0], c] as const))('%s: splitting the batch does not change the output', (_, [, make, s0, s1]) => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 6 }), fc.nat(), (batch, seed) => {
      const xs = [randomTensor([batch, ...s0], seed), randomTensor([batch, ...s1], seed + 1)];
      const whole = toArray(clone(make().forwardInputs(xs)));
      const cut = 1 + (seed % (batch - 1));
      const layer = make();
      const first = toArray(clone(layer.forwardInputs(xs.map((x) => rows(x, 0, cut)))));
      const second = toArray(clone(layer.forwardInputs(xs.map((x) => rows(x, cut, batch)))));
      expect([...(first as number[][]), ...(second as number[][])]).toEqual(whole);
    }), { seed: 31, numRuns: 10 });
  });

  it.each(CASES.map((c) => [c[0], c] as const))('%s: backward is linear in dOut', (_, [, make, s0, s1]) => {
    fc.assert(fc.property(fc.nat(), fc.double({ min: -2, max: 2, noNaN: true }), (seed, alpha) => {
      const layer = make();
      const xs = [randomTensor([3, ...s0], seed), randomTensor([3, ...s1], seed + 1)];
      const y = layer.forwardInputs(xs, true);
      const g1 = randomTensor(y.shape, seed + 2);
      const g2 = randomTensor(y.shape, seed + 3);
      const mixed = zeros(y.shape, 'float64');
      for (let i = 0; i < mixed.size; i++) mixed.data[i] = g1.data[i] + alpha * g2.data[i];
      const d1 = layer.backwardInputs(g1, [true, true]).dInputs.map((d) => clone(d as Tensor));
      const d2 = layer.backwardInputs(g2, [true, true]).dInputs.map((d) => clone(d as Tensor));
      const dMixed = layer.backwardInputs(mixed, [true, true]).dInputs as Tensor[];
      dMixed.forEach((d, k) => {
        const expected = zeros(d.shape, 'float64');
        for (let i = 0; i < expected.size; i++) expected.data[i] = d1[k].data[i] + alpha * d2[k].data[i];
        expectClose(d, expected, { rtol: 1e-12, atol: 1e-12 });
      });
    }), { seed: 32, numRuns: 10 });
  });
});
