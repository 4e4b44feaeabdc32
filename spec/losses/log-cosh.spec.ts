import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { LogCosh } from '../../losses';
import { ShapeError } from '../../lib/errors';
import { tensor } from '../../lib/tensor';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('LogCosh', () => {
  it('gives the known answer', () => {
    // d = [1, 0]: ℓ = (log cosh 1 + log cosh 0)/2 = (0.4337808 + 0)/2 = 0.2168904.
    // Gradient tanh(d)/(N·C) = [tanh 1, 0]/2 = [0.3807971, 0].
    const loss = new LogCosh();
    expect(loss.forward(f64([[1, 0]]), f64([[0, 0]]))).toBeCloseTo(Math.log(Math.cosh(1)) / 2, 15);
    expect(loss.forward(f64([[1, 0]]), f64([[0, 0]]))).toBeCloseTo(0.2168904, 7);
    expectClose(loss.backward(), [[Math.tanh(1) / 2, 0]], { rtol: 1e-15, atol: 0 });
  });

  it('is about d²/2 for small errors and |d| − log 2 for large ones, without overflow', () => {
    const loss = new LogCosh();
    // log cosh(1e-3) = 5e-7 − (1e-3)⁴/12 + …
    expect(loss.forward(f64([[1e-3]]), f64([[0]]))).toBeCloseTo(5e-7, 12);
    // cosh(1000) overflows a double; the stable form gives 1000 − log 2.
    expect(loss.forward(f64([[-1000]]), f64([[0]]))).toBeCloseTo(1000 - Math.LN2, 10);
    expectClose(loss.backward(), [[-1]], { rtol: 0, atol: 1e-15 });
  });

  it('has a correct gradient, with and without sample weights', () => {
    const p = randomTensor([4, 3], 1, { low: -3, high: 3 });
    const t = randomTensor([4, 3], 2, { low: -3, high: 3 });
    expectGradientsCorrect(new LogCosh(), p, t);
    expectGradientsCorrect(withSampleWeight(new LogCosh(), randomTensor([4], 3, { low: 0.1, high: 2 })), p, t);
  });

  it('names itself and both shapes in a shape error', () => {
    expect(() => new LogCosh().forward(f64([[1, 2]]), f64([[1], [2]]))).toThrow(ShapeError);
    expect(() => new LogCosh().forward(f64([[1, 2]]), f64([[1], [2]]))).toThrow(/LogCosh.*expected \[1, 2\], got \[2, 1\]/);
  });
});
