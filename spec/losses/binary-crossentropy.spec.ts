import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { BinaryCrossentropy } from '../../losses';
import { ConfigError, ShapeError } from '../../lib/errors';
import { map } from '../../lib/kernels/elementwise';
import { tensor, zeros, type Tensor } from '../../lib/tensor';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');
const sigmoid = (z: Tensor): Tensor => map(zeros(z.shape, 'float64'), z, (v) => 1 / (1 + Math.exp(-v)));

/** Labels 0 or 1, seeded. */
function binaryLabels(shape: number[], seed: number): Tensor {
  return map(zeros(shape, 'float64'), randomTensor(shape, seed), (v) => (v > 0 ? 1 : 0));
}

describe('BinaryCrossentropy', () => {
  it('gives the known answer for a 2-sample batch of round probabilities', () => {
    // p = [[0.5, 0.8], [0.25, 0.9]], t = [[1, 1], [0, 1]], C = 2:
    //   ℓ_0 = −(ln 0.5 + ln 0.8)/2  = (0.693147 + 0.223144)/2 = 0.458145
    //   ℓ_1 = −(ln 0.75 + ln 0.9)/2 = (0.287682 + 0.105361)/2 = 0.196521
    //   L = (ℓ_0 + ℓ_1)/2 = 0.327333
    // Gradient (1/(N·C))·(p − t)/(p(1 − p)) = (1/4)·(p − t)/(p(1 − p)):
    //   [[(−0.5/0.25)/4, (−0.2/0.16)/4], [(0.25/0.1875)/4, (−0.1/0.09)/4]]
    //   = [[−0.5, −0.3125], [0.333333, −0.277778]]
    const bce = new BinaryCrossentropy();
    const expected = (-(Math.log(0.5) + Math.log(0.8)) / 2 - (Math.log(0.75) + Math.log(0.9)) / 2) / 2;
    const loss = bce.forward(f64([[0.5, 0.8], [0.25, 0.9]]), f64([[1, 1], [0, 1]]));
    expect(loss).toBeCloseTo(expected, 12);
    expect(loss).toBeCloseTo(0.327333, 6);
    expectClose(bce.backward(), [[-0.5, -0.3125], [1 / 3, -0.1 / 0.09 / 4]], { rtol: 1e-12, atol: 1e-12 });
  });

  it('gives log 2 for a zero logit', () => {
    // max(0, 0) − 0·t + log(1 + e^0) = ln 2 for any t; gradient (σ(0) − t)/(N·C) = (0.5 − 1)/1.
    const bce = new BinaryCrossentropy({ fromLogits: true });
    expect(bce.forward(f64([[0]]), f64([[1]]))).toBeCloseTo(Math.LN2, 14);
    expectClose(bce.backward(), [[-0.5]], { rtol: 0, atol: 1e-15 });
  });

  it('with fromLogits equals applying the sigmoid first', () => {
    const z = randomTensor([5, 3], 1, { low: -4, high: 4 });
    const t = binaryLabels([5, 3], 2);
    const logits = new BinaryCrossentropy({ fromLogits: true });
    const probabilities = new BinaryCrossentropy();
    const p = sigmoid(z);
    expect(logits.forward(z, t)).toBeCloseTo(probabilities.forward(p, t), 12);
    // Chain rule: ∂L/∂z = ∂L/∂p · σ'(z) = ∂L/∂p · p(1 − p).
    const dz = logits.backward();
    const dp = probabilities.backward();
    const chained = map(zeros([5, 3], 'float64'), p, (v) => v * (1 - v));
    for (let i = 0; i < 15; i++) chained.data[i] *= dp.data[i];
    expectClose(dz, chained, { rtol: 1e-9, atol: 1e-12 });
  });

  it('stays finite for logits of ±1000', () => {
    // t = 1: z = 1000 costs max(1000, 0) − 1000 + log(1 + e^−1000) = 0; z = −1000 costs 0 + 1000 + 0.
    const bce = new BinaryCrossentropy({ fromLogits: true });
    const loss = bce.forward(f64([[1000, -1000]]), f64([[1, 1]]));
    expect(loss).toBe(500);
    // (σ(z) − t)/2: [(1 − 1)/2, (0 − 1)/2].
    expectClose(bce.backward(), [[0, -0.5]], { rtol: 0, atol: 1e-300 });
  });

  it('clips probabilities to [1e-7, 1 − 1e-7] and passes no gradient through the clip', () => {
    // p = 0 with t = 1 costs −ln(1e-7) = 16.118096; p = 1 with t = 1 costs −ln(1 − 1e-7) ≈ 1e-7.
    const bce = new BinaryCrossentropy();
    expect(bce.forward(f64([[0], [1]]), f64([[1], [1]]))).toBeCloseTo((-Math.log(1e-7) - Math.log(1 - 1e-7)) / 2, 12);
    expectClose(bce.backward(), [[0], [0]], { rtol: 0, atol: 0 });
  });

  it('has a correct gradient on probabilities away from the clip bounds', () => {
    const p = randomTensor([4, 3], 3, { low: 0.05, high: 0.95 });
    expectGradientsCorrect(new BinaryCrossentropy(), p, binaryLabels([4, 3], 4));
    expectGradientsCorrect(new BinaryCrossentropy(), p, randomTensor([4, 3], 5, { low: 0, high: 1 }));
  });

  it('has a correct gradient on logits', () => {
    const z = randomTensor([4, 3], 6, { low: -3, high: 3 });
    expectGradientsCorrect(new BinaryCrossentropy({ fromLogits: true }), z, binaryLabels([4, 3], 7));
    expectGradientsCorrect(new BinaryCrossentropy({ fromLogits: true }), z, randomTensor([4, 3], 8, { low: 0, high: 1 }));
  });

  it('has a correct gradient with sample weights', () => {
    const w = randomTensor([4], 9, { low: 0.1, high: 2 });
    const p = randomTensor([4, 3], 10, { low: 0.05, high: 0.95 });
    const z = randomTensor([4, 3], 11, { low: -3, high: 3 });
    const t = binaryLabels([4, 3], 12);
    expectGradientsCorrect(withSampleWeight(new BinaryCrossentropy(), w), p, t);
    expectGradientsCorrect(withSampleWeight(new BinaryCrossentropy({ fromLogits: true }), w), z, t);
  });

  it('keeps its options in getConfig', () => {
    expect(new BinaryCrossentropy().getConfig()).toEqual({ fromLogits: false, labelSmoothing: 0 });
    expect(BinaryCrossentropy.fromConfig({ fromLogits: true }).getConfig()).toEqual({ fromLogits: true, labelSmoothing: 0 });
    expect(BinaryCrossentropy.fromConfig({ fromLogits: false, labelSmoothing: 0.1 }).getConfig()).toEqual({ fromLogits: false, labelSmoothing: 0.1 });
  });

  it('rejects a non-boolean fromLogits', () => {
    expect(() => new BinaryCrossentropy({ fromLogits: 1 as unknown as boolean })).toThrow(ConfigError);
    expect(() => new BinaryCrossentropy({ fromLogits: 1 as unknown as boolean })).toThrow(/BinaryCrossentropy: fromLogits must be a boolean, got 1/);
  });

  it('names itself and both shapes in a shape error', () => {
    const bce = new BinaryCrossentropy();
    expect(() => bce.forward(f64([[0.5], [0.5]]), f64([1, 0, 1]))).toThrow(ShapeError);
    expect(() => bce.forward(f64([[0.5], [0.5]]), f64([1, 0, 1]))).toThrow(/BinaryCrossentropy.*expected \[2, 1\], got \[3\]/);
    expect(() => bce.forward(f64([[0.5, 0.5]]), f64([1, 0]))).toThrow(/BinaryCrossentropy.*expected \[1, 2\], got \[2\]/);
  });

  it('reads [N] labels of a one-unit output as [N, 1], as Keras does', () => {
    const bce = new BinaryCrossentropy();
    expect(bce.forward(f64([[0.9], [0.2]]), f64([1, 0]))).toBe(bce.forward(f64([[0.9], [0.2]]), f64([[1], [0]])));
  });
});

describe('BinaryCrossentropy clips in the dtype of the predictions, as Keras', () => {
  // Keras 3, keras/src/losses/losses_test.py, BinaryCrossentropyTest.test_unweighted:
  // y_true [[1, 0], [1, 0]], y_pred [[1, 1], [1, 0]] (float32) → 3.98559. The clip 1 − 1e-7 in float32 is
  // 0.99999988079 (= 1 − 1.1920929e-7), so −log(1 − p̃) = −log(1.1920929e-7) = 15.9424 and the
  // loss is (15.9424 / 2) / 2 = 3.98559; clipping at 1 − 1e-7 in float64 gives 16.1181 / 4 = 4.0295.
  const yTrue = [[1, 0], [1, 0]];
  const yPred = [[1, 1], [1, 0]];

  it('float32: 3.98559 (BinaryCrossentropyTest.test_unweighted)', () => {
    const loss = new BinaryCrossentropy().forward(tensor(yPred, undefined, 'float32'), tensor(yTrue, undefined, 'float32'));
    expect(loss).toBeCloseTo(3.98559, 4); // 3.9855964: Keras quotes five digits
  });

  it('float64 keeps the float64 bound: −log(1e-7) / 4 = 4.0295', () => {
    const loss = new BinaryCrossentropy().forward(tensor(yPred, undefined, 'float64'), tensor(yTrue, undefined, 'float64'));
    expect(loss).toBeCloseTo(-Math.log(1e-7) / 4, 3);
    expect(loss).toBeCloseTo(4.0295, 4);
  });
});
