import { expectGradientsCorrect } from '../helpers/gradcheck';
import { expectClose } from '../helpers/expect-close';
import { randomTensor } from '../helpers/random';
import { BinaryCrossentropy, CategoricalCrossentropy, losses } from '../../losses';
import { ConfigError } from '../../lib/errors';
import { map } from '../../lib/kernels/elementwise';
import { tensor, zeros, type Tensor } from '../../lib/tensor';
import { classIndices, oneHotRows, probabilityRows } from './labels';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');
const smooth = (t: Tensor, s: number, k: number): Tensor => map(zeros(t.shape, 'float64'), t, (v) => v * (1 - s) + s / k);
const bits = (shape: number[], seed: number): Tensor => map(zeros(shape, 'float64'), randomTensor(shape, seed), (v) => (v > 0 ? 1 : 0));

describe('labelSmoothing on BinaryCrossentropy', () => {
  it('squeezes labels towards 0.5: the known answer', () => {
    // s = 0.2: t = [1, 0] → [0.9, 0.1]; p = [0.5, 0.8]:
    // ℓ = −[(0.9 + 0.1)·log 0.5 + 0.1·log 0.8 + 0.9·log 0.2]/2 = (0.693147 + 0.022314 + 1.448494)/2 = 1.081978.
    const bce = new BinaryCrossentropy({ labelSmoothing: 0.2 });
    const expected = -(Math.log(0.5) + 0.1 * Math.log(0.8) + 0.9 * Math.log(0.2)) / 2;
    expect(bce.forward(f64([[0.5, 0.8]]), f64([[1, 0]]))).toBeCloseTo(expected, 14);
    expect(expected).toBeCloseTo(1.081978, 6);
  });

  it.each([false, true])('equals the loss of the smoothed labels (fromLogits: %p)', (fromLogits) => {
    const p = fromLogits ? randomTensor([4, 3], 1, { low: -3, high: 3 }) : randomTensor([4, 3], 1, { low: 0.05, high: 0.95 });
    const t = bits([4, 3], 2);
    const smoothed = new BinaryCrossentropy({ fromLogits, labelSmoothing: 0.3 });
    const plain = new BinaryCrossentropy({ fromLogits });
    expect(smoothed.forward(p, t)).toBeCloseTo(plain.forward(p, smooth(t, 0.3, 2)), 13);
    expectClose(smoothed.backward(), plain.backward(), { rtol: 1e-12, atol: 1e-15 });
  });

  it.each([false, true])('has a correct gradient (fromLogits: %p), with sample weights', (fromLogits) => {
    const p = fromLogits ? randomTensor([4, 3], 3, { low: -3, high: 3 }) : randomTensor([4, 3], 3, { low: 0.05, high: 0.95 });
    const t = bits([4, 3], 4);
    expectGradientsCorrect(new BinaryCrossentropy({ fromLogits, labelSmoothing: 0.1 }), p, t);
    const w = randomTensor([4], 5, { low: 0.1, high: 2 });
    expectGradientsCorrect(withSampleWeight(new BinaryCrossentropy({ fromLogits, labelSmoothing: 0.1 }), w), p, t);
  });
});

describe('labelSmoothing on CategoricalCrossentropy', () => {
  it('moves labels towards uniform: the known answer', () => {
    // s = 0.3, C = 3: t = [0, 1, 0] → [0.1, 0.8, 0.1]; p = [0.2, 0.5, 0.3]:
    // ℓ = 0.1·1.609438 + 0.8·0.693147 + 0.1·1.203973 = 0.835859.
    const cce = new CategoricalCrossentropy({ labelSmoothing: 0.3 });
    const expected = -(0.1 * Math.log(0.2) + 0.8 * Math.log(0.5) + 0.1 * Math.log(0.3));
    expect(cce.forward(f64([[0.2, 0.5, 0.3]]), f64([[0, 1, 0]]))).toBeCloseTo(expected, 14);
    expect(expected).toBeCloseTo(0.835859, 6);
  });

  it.each([false, true])('equals the loss of the smoothed labels (fromLogits: %p)', (fromLogits) => {
    const p = fromLogits ? randomTensor([4, 5], 6, { low: -3, high: 3 }) : probabilityRows(4, 5, 6);
    const t = oneHotRows(classIndices(4, 5, 7), 5);
    const smoothed = new CategoricalCrossentropy({ fromLogits, labelSmoothing: 0.25 });
    const plain = new CategoricalCrossentropy({ fromLogits });
    expect(smoothed.forward(p, t)).toBeCloseTo(plain.forward(p, smooth(t, 0.25, 5)), 13);
    expectClose(smoothed.backward(), plain.backward(), { rtol: 1e-12, atol: 1e-15 });
  });

  it.each([false, true])('has a correct gradient (fromLogits: %p), with sample weights', (fromLogits) => {
    const p = fromLogits ? randomTensor([4, 3], 8, { low: -3, high: 3 }) : probabilityRows(4, 3, 8, false);
    const t = oneHotRows(classIndices(4, 3, 9), 3);
    expectGradientsCorrect(new CategoricalCrossentropy({ fromLogits, labelSmoothing: 0.1 }), p, t);
    const w = randomTensor([4], 10, { low: 0.1, high: 2 });
    expectGradientsCorrect(withSampleWeight(new CategoricalCrossentropy({ fromLogits, labelSmoothing: 0.1 }), w), p, t);
  });
});

describe('labelSmoothing options', () => {
  it.each([
    ['BinaryCrossentropy', 1.5], ['BinaryCrossentropy', -0.1], ['CategoricalCrossentropy', NaN], ['CategoricalCrossentropy', '0.1'],
  ])('%s rejects labelSmoothing = %p', (name, labelSmoothing) => {
    expect(() => losses.create(name, { labelSmoothing })).toThrow(ConfigError);
    expect(() => losses.create(name, { labelSmoothing })).toThrow(new RegExp(`${name}: labelSmoothing must be a number in \\[0, 1\\], got`));
  });

  it('is 0 by default and changes nothing then', () => {
    const p = probabilityRows(3, 4, 11);
    const t = oneHotRows(classIndices(3, 4, 12), 4);
    expect(new CategoricalCrossentropy({ labelSmoothing: 0 }).forward(p, t)).toBe(new CategoricalCrossentropy().forward(p, t));
  });
});
