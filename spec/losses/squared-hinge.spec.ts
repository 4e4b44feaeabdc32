import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { SquaredHinge } from '../../losses';
import { map } from '../../lib/kernels/elementwise';
import { tensor, zeros } from '../../lib/tensor';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('SquaredHinge', () => {
  it('gives the known answer with ±1 labels', () => {
    // y·p = [0.5, −2, 3]: margins [0.5, 3, 0]; ℓ = (0.25 + 9 + 0)/3 = 3.0833333.
    // Gradient −2·y·m/(N·C) = [−2·0.5/3, −2·3/3, 0] (the third label is −1, its margin 0).
    const loss = new SquaredHinge();
    expect(loss.forward(f64([[0.5, -2, -3]]), f64([[1, 1, -1]]))).toBeCloseTo(9.25 / 3, 14);
    expectClose(loss.backward(), [[-1 / 3, -2, 0]], { rtol: 1e-15, atol: 1e-15 });
  });

  it('converts {0, 1} labels to ±1 as Keras does', () => {
    // t = [1, 0] → y = [1, −1]; p = [0.5, 0.5]: margins [0.5, 1.5]; ℓ = (0.25 + 2.25)/2 = 1.25.
    const loss = new SquaredHinge();
    expect(loss.forward(f64([[0.5, 0.5]]), f64([[1, 0]]))).toBeCloseTo(1.25, 15);
    expectClose(loss.backward(), [[-0.5, 1.5]], { rtol: 1e-15, atol: 0 });
  });

  it('has a correct gradient, with and without sample weights', () => {
    const p = randomTensor([4, 3], 1, { low: -2, high: 2 });
    const t = map(zeros([4, 3], 'float64'), randomTensor([4, 3], 2), (v) => (v > 0 ? 1 : -1));
    expectGradientsCorrect(new SquaredHinge(), p, t);
    expectGradientsCorrect(withSampleWeight(new SquaredHinge(), randomTensor([4], 3, { low: 0.1, high: 2 })), p, t);
  });
});
