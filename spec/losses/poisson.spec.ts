import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { EPSILON, Poisson } from '../../losses';
import { map } from '../../lib/kernels/elementwise';
import { tensor, zeros } from '../../lib/tensor';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('Poisson', () => {
  it('gives the known answer', () => {
    // p = [1, 2], t = [1, 0]: ℓ = ((1 − 1·log(1 + ε)) + (2 − 0))/2 ≈ 1.5.
    // Gradient (1 − t/(p + ε))/(N·C) = [(1 − 1/(1 + ε))/2, 1/2].
    const loss = new Poisson();
    expect(loss.forward(f64([[1, 2]]), f64([[1, 0]]))).toBeCloseTo((3 - Math.log(1 + EPSILON)) / 2, 15);
    expectClose(loss.backward(), [[(1 - 1 / (1 + EPSILON)) / 2, 0.5]], { rtol: 1e-12, atol: 1e-20 });
  });

  it('is smallest where the rate equals the count', () => {
    // ℓ(p) = p − 3·log p has its minimum at p = 3 (up to ε): 3 − 3·log 3 ≈ −0.2958.
    const loss = new Poisson();
    expect(loss.forward(f64([[3]]), f64([[3]]))).toBeCloseTo(3 - 3 * Math.log(3), 6);
    expect(Math.abs(loss.backward().get(0, 0))).toBeLessThan(1e-7);
    expect(loss.forward(f64([[2.9]]), f64([[3]]))).toBeGreaterThan(3 - 3 * Math.log(3));
    expect(loss.forward(f64([[3.1]]), f64([[3]]))).toBeGreaterThan(3 - 3 * Math.log(3));
  });

  it('has a correct gradient, with and without sample weights', () => {
    const p = randomTensor([4, 3], 1, { low: 0.1, high: 4 });
    const t = map(zeros([4, 3], 'float64'), randomTensor([4, 3], 2, { low: 0, high: 5 }), Math.floor);
    expectGradientsCorrect(new Poisson(), p, t);
    expectGradientsCorrect(withSampleWeight(new Poisson(), randomTensor([4], 3, { low: 0.1, high: 2 })), p, t);
  });
});
