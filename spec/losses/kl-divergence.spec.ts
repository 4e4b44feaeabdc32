import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { KLDivergence, EPSILON } from '../../losses';
import { clone, tensor } from '../../lib/tensor';
import { probabilityRows } from './labels';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('KLDivergence', () => {
  it('gives the known answer, summed over the entries', () => {
    // t = [0.5, 0.5], p = [0.25, 0.75]: ℓ = 0.5·log 2 + 0.5·log(2/3) = 0.5·log(4/3) = 0.1438410.
    // Gradient −t/p / N = [−2, −2/3].
    const kld = new KLDivergence();
    expect(kld.forward(f64([[0.25, 0.75]]), f64([[0.5, 0.5]]))).toBeCloseTo(0.5 * Math.log(4 / 3), 15);
    expectClose(kld.backward(), [[-2, -2 / 3]], { rtol: 1e-15, atol: 0 });
  });

  it('clips zero labels to ε, as Keras', () => {
    // t = [1, 0] → [1, ε], p = [0.5, 0.5]: ℓ = log 2 + ε·log(ε/0.5); gradient [−1/0.5, −ε/0.5].
    const kld = new KLDivergence();
    expect(kld.forward(f64([[0.5, 0.5]]), f64([[1, 0]]))).toBeCloseTo(Math.LN2 + EPSILON * Math.log(EPSILON / 0.5), 15);
    expectClose(kld.backward(), [[-2, -2 * EPSILON]], { rtol: 1e-15, atol: 0 });
  });

  it('clips predictions to [ε, 1] and passes no gradient through the clip', () => {
    // p = [0, 1.5] → [ε, 1]; t = [0.5, 0.5]: ℓ = 0.5·log(0.5/ε) + 0.5·log 0.5.
    const kld = new KLDivergence();
    expect(kld.forward(f64([[0, 1.5]]), f64([[0.5, 0.5]]))).toBeCloseTo(0.5 * Math.log(0.5 / EPSILON) + 0.5 * Math.log(0.5), 12);
    expectClose(kld.backward(), [[0, 0]], { rtol: 0, atol: 0 });
  });

  it('is 0 for a distribution against itself', () => {
    const p = probabilityRows(5, 4, 1);
    expect(new KLDivergence().forward(p, clone(p))).toBeCloseTo(0, 15);
  });

  it('has a correct gradient on distributions, with and without sample weights', () => {
    const p = probabilityRows(4, 3, 2);
    const t = probabilityRows(4, 3, 3);
    expectGradientsCorrect(new KLDivergence(), p, t);
    expectGradientsCorrect(withSampleWeight(new KLDivergence(), randomTensor([4], 4, { low: 0.1, high: 2 })), p, t);
  });
});
