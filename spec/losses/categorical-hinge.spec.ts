import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { CategoricalHinge } from '../../losses';
import { tensor } from '../../lib/tensor';
import { classIndices, oneHotRows } from './labels';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('CategoricalHinge', () => {
  it('gives the known answer, zero once the true class wins by the margin', () => {
    // Sample 0: t = e_0, p = [2, 1.5, 0]: pos = 2, neg = max(0, 1.5, 0) = 1.5, ℓ = 1.5 − 2 + 1 = 0.5.
    // Sample 1: t = e_1, p = [0, 3, 1]: pos = 3, neg = 1, 1 − 3 + 1 < 0, ℓ = 0.
    // L = 0.25. Gradient (1/N)·(−t + e_argmax) on sample 0 = [−1, 1, 0]/2; sample 1: 0.
    const loss = new CategoricalHinge();
    expect(loss.forward(f64([[2, 1.5, 0], [0, 3, 1]]), f64([[1, 0, 0], [0, 1, 0]]))).toBeCloseTo(0.25, 15);
    expectClose(loss.backward(), [[-0.5, 0.5, 0], [0, 0, 0]], { rtol: 0, atol: 0 });
  });

  it('shares the gradient of a tied maximum equally', () => {
    // t = e_0, p = [0, 1, 1]: pos = 0, neg = 1 (twice), ℓ = 2; gradient [−1, 0.5, 0.5].
    const loss = new CategoricalHinge();
    expect(loss.forward(f64([[0, 1, 1]]), f64([[1, 0, 0]]))).toBe(2);
    expectClose(loss.backward(), [[-1, 0.5, 0.5]], { rtol: 0, atol: 0 });
  });

  it('has a correct gradient, with and without sample weights', () => {
    const p = randomTensor([5, 4], 1, { low: -1, high: 1 });
    const t = oneHotRows(classIndices(5, 4, 2), 4);
    expectGradientsCorrect(new CategoricalHinge(), p, t);
    expectGradientsCorrect(withSampleWeight(new CategoricalHinge(), randomTensor([5], 3, { low: 0.1, high: 2 })), p, t);
  });
});
