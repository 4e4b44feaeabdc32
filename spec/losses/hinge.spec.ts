import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { Hinge } from '../../losses';
import { map } from '../../lib/kernels/elementwise';
import { tensor, zeros, type Tensor } from '../../lib/tensor';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

/** Seeded labels: ±1 when `isSigned`, otherwise 0 or 1. */
function labels(shape: number[], seed: number, isSigned: boolean): Tensor {
  return map(zeros(shape, 'float64'), randomTensor(shape, seed), (v) => (v > 0 ? 1 : isSigned ? -1 : 0));
}

describe('Hinge', () => {
  it('gives the known answer with ±1 labels', () => {
    // y·p = [[0.5, −2], [−2, 0.3]] → margins max(1 − y·p, 0) = [[0.5, 3], [3, 0.7]].
    // ℓ_0 = 1.75, ℓ_1 = 1.85, L = 1.8. Every margin is active: gradient −y/(N·C) = −y/4.
    const hinge = new Hinge();
    expect(hinge.forward(f64([[0.5, -2], [2, -0.3]]), f64([[1, 1], [-1, -1]]))).toBeCloseTo(1.8, 14);
    expectClose(hinge.backward(), [[-0.25, -0.25], [0.25, 0.25]], { rtol: 0, atol: 1e-15 });
  });

  it('passes no gradient where the margin is met', () => {
    // y·p = [2, −0.5]: margins [0, 1.5]; ℓ = 0.75; gradient [0, −(−1)/2].
    const hinge = new Hinge();
    expect(hinge.forward(f64([[2, 0.5]]), f64([[1, -1]]))).toBeCloseTo(0.75, 15);
    expectClose(hinge.backward(), [[0, 0.5]], { rtol: 0, atol: 0 });
  });

  it('converts {0, 1} labels to ±1 as Keras does', () => {
    // t = [1, 0] → y = [1, −1]; p = [0.5, 0.5]: margins [0.5, 1.5], ℓ = 1 (the same as labels [1, −1]).
    const binary = new Hinge();
    const signed = new Hinge();
    expect(binary.forward(f64([[0.5, 0.5]]), f64([[1, 0]]))).toBeCloseTo(1, 15);
    expect(signed.forward(f64([[0.5, 0.5]]), f64([[1, -1]]))).toBeCloseTo(1, 15);
    expectClose(binary.backward(), signed.backward(), { rtol: 0, atol: 0 });
  });

  it('leaves labels that are not all 0 or 1 as they are', () => {
    // t = [−1, 0, 1] is not binary, so y = t: margins [1.5, 1, 0.5], ℓ = 1. (Converted, the 0
    // would have become −1, giving a margin of 1.5 and ℓ = 7/6.)
    const hinge = new Hinge();
    expect(hinge.forward(f64([[0.5, 0.5, 0.5]]), f64([[-1, 0, 1]]))).toBeCloseTo(1, 15);
    expectClose(hinge.backward(), [[1 / 3, 0, -1 / 3]], { rtol: 1e-15, atol: 0 });
  });

  it('has a correct gradient away from the kink, with ±1 and {0, 1} labels and sample weights', () => {
    // Kinks sit at p = ±1; these predictions stay inside (−0.9, 0.9).
    const p = randomTensor([4, 3], 1, { low: -0.9, high: 0.9 });
    expectGradientsCorrect(new Hinge(), p, labels([4, 3], 2, true));
    expectGradientsCorrect(new Hinge(), p, labels([4, 3], 3, false));
    expectGradientsCorrect(withSampleWeight(new Hinge(), randomTensor([4], 4, { low: 0.1, high: 2 })), p, labels([4, 3], 5, true));
  });
});
