import fc from 'fast-check';
import { ShapeError, StateError } from '../../lib/errors';
import { clone, tensor, tensorAllocations, toArray, zeros, type Tensor } from '../../lib/tensor';
import { Softmax } from '../../layers';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');

/** Rows of 1–6 entries in [−20, 20], 1–5 rows. */
const matrices = fc.integer({ min: 1, max: 6 }).chain((classes) =>
  fc.array(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: classes, maxLength: classes }), { minLength: 1, maxLength: 5 }));

describe('Softmax', () => {
  it('gives known values: softmax([0, ln 3]) = [1/4, 3/4], and [1000, 1000] without overflow', () => {
    // e^0 / (e^0 + e^(ln 3)) = 1 / (1 + 3)
    expectClose(new Softmax().forward(f64([[0, Math.log(3)], [1000, 1000]])), [[0.25, 0.75], [0.5, 0.5]], { rtol: 1e-12, atol: 1e-15 });
  });

  it('back-propagates the Jacobian-vector product, derived by hand', () => {
    // y = [1/4, 3/4], dOut = [1, 0]: dOut·y = 1/4, dZ = y ⊙ (dOut − 1/4) = [1/4·3/4, 3/4·(−1/4)] = [3/16, −3/16].
    const layer = new Softmax();
    layer.forward(f64([[0, Math.log(3)]]), true);
    expectClose(layer.backward(f64([[1, 0]])).dAPrev as Tensor, [[3 / 16, -3 / 16]], { rtol: 1e-12, atol: 1e-15 });
  });

  it('has rows that sum to 1 and do not change when a constant is added to a row (property)', () => {
    fc.assert(fc.property(matrices, fc.double({ min: -50, max: 50, noNaN: true }), (rows, shift) => {
      const y = toArray(clone(new Softmax().forward(f64(rows)))) as number[][];
      for (const row of y) {
        expect(Math.abs(row.reduce((a, v) => a + v, 0) - 1)).toBeLessThan(1e-12);
        for (const v of row) expect(v).toBeGreaterThanOrEqual(0);
      }
      const shifted = new Softmax().forward(f64(rows.map((r) => r.map((v) => v + shift))));
      expectClose(shifted, y, { rtol: 1e-9, atol: 1e-12 });
    }), { seed: 11, numRuns: 40 });
  });

  it('has a backward that is linear in dOut (property)', () => {
    fc.assert(fc.property(matrices, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.nat(), (rows, a, b, seed) => {
      const shape = [rows.length, rows[0].length];
      const g1 = randomTensor(shape, seed), g2 = randomTensor(shape, seed + 1);
      const combined = zeros(shape, 'float64');
      for (let i = 0; i < combined.size; i++) combined.data[i] = a * g1.data[i] + b * g2.data[i];
      const layer = new Softmax();
      layer.forward(f64(rows), true);
      const d1 = clone(layer.backward(g1).dAPrev as Tensor);
      const d2 = clone(layer.backward(g2).dAPrev as Tensor);
      const expected = zeros(shape, 'float64');
      for (let i = 0; i < expected.size; i++) expected.data[i] = a * d1.data[i] + b * d2.data[i];
      expectClose(layer.backward(combined).dAPrev as Tensor, expected, { rtol: 1e-9, atol: 1e-12 });
    }), { seed: 12, numRuns: 30 });
  });

  it('gives each row the same forward value when the batch is split in two', () => {
    const x = randomTensor([6, 4], 1, { low: -3, high: 3 });
    const whole = toArray(clone(new Softmax().forward(x))) as number[][];
    const layer = new Softmax();
    const top = toArray(clone(layer.forward(x.hi(2, 4)))) as number[][];
    const bottom = toArray(clone(layer.forward(x.lo(2, 0)))) as number[][];
    expect([...top, ...bottom]).toEqual(whole);
  });

  it('passes a float64 gradient check, also on a transposed view', () => {
    expectGradientsCorrect(new Softmax(), randomTensor([4, 5], 2, { low: -3, high: 3 }));
    expectGradientsCorrect(new Softmax(), randomTensor([5, 4], 3, { low: -3, high: 3 }).transpose(1, 0));
  });

  it('gives a view the same forward and backward as a contiguous copy', () => {
    const view = randomTensor([5, 4], 4).transpose(1, 0);
    const dOut = randomTensor([5, 4], 5).transpose(1, 0);
    const a = new Softmax(), b = new Softmax();
    expectClose(a.forward(view, true), b.forward(clone(view), true), { rtol: 0, atol: 0 });
    expectClose(a.backward(dOut).dAPrev as Tensor, b.backward(clone(dOut)).dAPrev as Tensor, { rtol: 0, atol: 0 });
  });

  it('normalizes the last axis of any rank ≥ 2, with the rank fixed at build', () => {
    const fresh = new Softmax({ name: 'probs' });
    const y = fresh.forward(tensor([[[0, 0], [1, 1]], [[0, 1000], [2, 2]]]));
    expect(y.shape).toEqual([2, 2, 2]);
    expect(Array.from(y.data)).toEqual([0.5, 0.5, 0.5, 0.5, 0, 1, 0.5, 0.5]);
    const built = new Softmax({ name: 'probs2' });
    built.forward(zeros([2, 4]));
    expect(() => built.forward(zeros([2, 3, 4]))).toThrow("Softmax 'probs2': input must have rank 2: expected [?, 4], got [2, 3, 4] (add Flatten before this layer?)");
    expect(() => new Softmax().computeOutputShape([null])).toThrow(ShapeError);
    expect(new Softmax().computeOutputShape([null, 2, 7])).toEqual([null, 2, 7]);
  });

  it('throws StateError for backward before forward(x, true)', () => {
    const layer = new Softmax();
    expect(() => layer.backward(f64([[1, 2]]))).toThrow(StateError);
    layer.forward(f64([[1, 2]]));
    expect(() => layer.backward(f64([[1, 2]]))).toThrow(StateError);
  });

  it('reuses its buffers at a fixed batch size', () => {
    const layer = new Softmax();
    const x = randomTensor([3, 4], 6), dOut = randomTensor([3, 4], 7);
    layer.forward(x, true);
    layer.backward(dOut);
    const before = tensorAllocations();
    layer.forward(x, true);
    layer.backward(dOut);
    expect(tensorAllocations()).toBe(before);
  });
});
