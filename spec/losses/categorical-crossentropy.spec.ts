import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { CategoricalCrossentropy } from '../../losses';
import { DataError, ShapeError } from '../../lib/errors';
import { softmaxRows } from '../../lib/kernels/softmax';
import { clone, tensor, zeros, type Tensor } from '../../lib/tensor';
import { classIndices, oneHotRows, probabilityRows } from './labels';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');
const softmax = (z: Tensor): Tensor => softmaxRows(zeros(z.shape, 'float64'), z);

describe('CategoricalCrossentropy', () => {
  it('gives the known answer for a 2-sample batch of round probabilities', () => {
    // p = [[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]], one-hot t = [[1, 0, 0], [0, 1, 0]]:
    //   ℓ_0 = −ln 0.5 = 0.693147, ℓ_1 = −ln 0.8 = 0.223144, L = 0.916291/2 = 0.458145.
    // Rows sum to 1 and nothing is clipped, so ∂L/∂p_k = (1/N)(1 − t_k/p_k):
    //   row 0: [(1 − 2)/2, 1/2, 1/2] = [−0.5, 0.5, 0.5]
    //   row 1: [1/2, (1 − 1.25)/2, 1/2] = [0.5, −0.125, 0.5]
    const cce = new CategoricalCrossentropy();
    const loss = cce.forward(f64([[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]]), f64([[1, 0, 0], [0, 1, 0]]));
    expect(loss).toBeCloseTo((-Math.log(0.5) - Math.log(0.8)) / 2, 12);
    expect(loss).toBeCloseTo(0.458145, 6);
    expectClose(cce.backward(), [[-0.5, 0.5, 0.5], [0.5, -0.125, 0.5]], { rtol: 1e-12, atol: 1e-12 });
  });

  it('normalizes each row by its sum first, as Keras', () => {
    // [2, 1, 1] is read as [0.5, 0.25, 0.25]: ℓ = −ln 0.5. The loss is unchanged by scaling a
    // row by k, so its gradient scales by 1/k: ∂/∂p of [2, 1, 1] is half that of [1, 0.5, 0.5].
    const cce = new CategoricalCrossentropy();
    expect(cce.forward(f64([[2, 1, 1]]), f64([[1, 0, 0]]))).toBeCloseTo(Math.LN2, 12);
    const scaled = clone(cce.backward());
    cce.forward(f64([[1, 0.5, 0.5]]), f64([[1, 0, 0]]));
    const unit = cce.backward();
    expectClose(scaled, [[unit.get(0, 0) / 2, unit.get(0, 1) / 2, unit.get(0, 2) / 2]], { rtol: 1e-12, atol: 1e-15 });
  });

  it('with fromLogits equals applying softmax first, with the fused gradient (softmax − y)/N', () => {
    const z = randomTensor([5, 4], 1, { low: -3, high: 3 });
    const y = oneHotRows(classIndices(5, 4, 2), 4);
    const logits = new CategoricalCrossentropy({ fromLogits: true });
    const probabilities = new CategoricalCrossentropy();
    const p = softmax(z);
    expect(logits.forward(z, y)).toBeCloseTo(probabilities.forward(p, y), 12);
    const expected = zeros([5, 4], 'float64');
    for (let i = 0; i < 20; i++) expected.data[i] = (p.data[i] - y.data[i]) / 5;
    expectClose(logits.backward(), expected, { rtol: 1e-12, atol: 1e-15 });
  });

  it('stays finite for logits of ±1000', () => {
    // Row 0: lse = 1000 (+ log(1 + 2e^−1000) = 0), ℓ_0 = 1000 − 1000 = 0.
    // Row 1: lse = 1000, the label's logit is −1000, ℓ_1 = 2000. L = 1000.
    // Gradient (softmax − y)/2: row 0 [(1 − 1)/2, 0, 0]; row 1 [(0 − 1)/2, 1/2, 0].
    const cce = new CategoricalCrossentropy({ fromLogits: true });
    expect(cce.forward(f64([[1000, -1000, 0], [-1000, 1000, 0]]), f64([[1, 0, 0], [1, 0, 0]]))).toBe(1000);
    expectClose(cce.backward(), [[0, 0, 0], [-0.5, 0.5, 0]], { rtol: 0, atol: 1e-300 });
  });

  it('clips a zero probability to 1e-7', () => {
    // ℓ = −ln(1e-7) = 16.118096 (the clip is on the normalized row [0, 1]).
    const cce = new CategoricalCrossentropy();
    expect(cce.forward(f64([[0, 1]]), f64([[1, 0]]))).toBeCloseTo(-Math.log(1e-7), 12);
    expect(Array.from(cce.backward().data).every(Number.isFinite)).toBe(true);
  });

  it('has a correct gradient on probabilities, normalized or not, one-hot or soft labels', () => {
    const y = oneHotRows(classIndices(4, 5, 3), 5);
    const soft = probabilityRows(4, 5, 4);
    expectGradientsCorrect(new CategoricalCrossentropy(), probabilityRows(4, 5, 5), y);
    expectGradientsCorrect(new CategoricalCrossentropy(), probabilityRows(4, 5, 6, false), y);
    expectGradientsCorrect(new CategoricalCrossentropy(), probabilityRows(4, 5, 7, false), soft);
  });

  it('has a correct gradient on logits, one-hot or soft labels', () => {
    const z = randomTensor([4, 5], 8, { low: -3, high: 3 });
    expectGradientsCorrect(new CategoricalCrossentropy({ fromLogits: true }), z, oneHotRows(classIndices(4, 5, 9), 5));
    // Labels that do not sum to 1 exercise the T_i·softmax term of the gradient.
    expectGradientsCorrect(new CategoricalCrossentropy({ fromLogits: true }), z, probabilityRows(4, 5, 10, false));
  });

  it('has a correct gradient with sample weights', () => {
    const w = randomTensor([4], 11, { low: 0.1, high: 2 });
    const y = oneHotRows(classIndices(4, 3, 12), 3);
    expectGradientsCorrect(withSampleWeight(new CategoricalCrossentropy(), w), probabilityRows(4, 3, 13, false), y);
    expectGradientsCorrect(withSampleWeight(new CategoricalCrossentropy({ fromLogits: true }), w), randomTensor([4, 3], 14, { low: -3, high: 3 }), y);
  });

  it('rejects a row of probabilities without a positive sum, naming the row', () => {
    const cce = new CategoricalCrossentropy();
    expect(() => cce.forward(f64([[0.5, 0.5], [0, 0]]), f64([[1, 0], [0, 1]]))).toThrow(DataError);
    expect(() => cce.forward(f64([[0.5, 0.5], [0, 0]]), f64([[1, 0], [0, 1]]))).toThrow(/CategoricalCrossentropy: yPred row 1 sums to 0.*fromLogits/);
  });

  it('names itself and both shapes in a shape error', () => {
    const cce = new CategoricalCrossentropy();
    expect(() => cce.forward(f64([[0.5, 0.5], [0.5, 0.5]]), f64([0, 1]))).toThrow(ShapeError);
    expect(() => cce.forward(f64([[0.5, 0.5], [0.5, 0.5]]), f64([[1, 0, 0], [0, 1, 0]]))).toThrow(/CategoricalCrossentropy.*expected \[2, 2\], got \[2, 3\]/);
  });

  it('keeps its options in getConfig', () => {
    expect(new CategoricalCrossentropy().getConfig()).toEqual({ fromLogits: false, labelSmoothing: 0 });
    expect(CategoricalCrossentropy.fromConfig({ fromLogits: true }).getConfig()).toEqual({ fromLogits: true, labelSmoothing: 0 });
    expect(CategoricalCrossentropy.fromConfig({ fromLogits: false, labelSmoothing: 0.1 }).getConfig()).toEqual({ fromLogits: false, labelSmoothing: 0.1 });
  });
});
