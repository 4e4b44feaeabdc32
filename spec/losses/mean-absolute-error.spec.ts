import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomAwayFromZero, randomTensor } from '../helpers/random';
import { MeanAbsoluteError } from '../../losses';
import { ShapeError } from '../../lib/errors';
import { zipWith } from '../../lib/kernels/elementwise';
import { tensor, zeros } from '../../lib/tensor';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('MeanAbsoluteError', () => {
  it('gives the known answer for small integers, with sign(0) = 0 at the kink', () => {
    // Sample 0: (|1 − 0| + |−2 − 0|)/2 = 1.5; sample 1: (|3 − 3| + |4 − 2|)/2 = 1. L = 1.25.
    // Gradient sign(p − t)/(N·C) = sign/4.
    const mae = new MeanAbsoluteError();
    expect(mae.forward(f64([[1, -2], [3, 4]]), f64([[0, 0], [3, 2]]))).toBeCloseTo(1.25, 14);
    expectClose(mae.backward(), [[0.25, -0.25], [0, 0.25]], { rtol: 0, atol: 1e-15 });
  });

  it('weights samples and still divides by N', () => {
    // w = [2, 0]: L = (2·1.5 + 0·1)/2 = 1.5; gradient row 0 doubled, row 1 zero.
    const mae = new MeanAbsoluteError();
    expect(mae.forward(f64([[1, -2], [3, 4]]), f64([[0, 0], [3, 2]]), f64([2, 0]))).toBeCloseTo(1.5, 14);
    expectClose(mae.backward(), [[0.5, -0.5], [0, 0]], { rtol: 0, atol: 1e-15 });
  });

  it('has a correct gradient away from the kink, with and without sample weights', () => {
    const t = randomTensor([4, 3], 1);
    const p = zipWith(zeros([4, 3], 'float64'), t, randomAwayFromZero([4, 3], 2), (a, b) => a + b);
    expectGradientsCorrect(new MeanAbsoluteError(), p, t);
    expectGradientsCorrect(withSampleWeight(new MeanAbsoluteError(), randomTensor([4], 3, { low: 0.1, high: 2 })), p, t);
  });

  it('has no options', () => {
    expect(new MeanAbsoluteError().getConfig()).toEqual({});
    expect(MeanAbsoluteError.fromConfig({})).toBeInstanceOf(MeanAbsoluteError);
  });

  it('names itself and both shapes in a shape error', () => {
    const mae = new MeanAbsoluteError();
    expect(() => mae.forward(f64([[1, 2, 3]]), f64([[1, 2]]))).toThrow(ShapeError);
    expect(() => mae.forward(f64([[1, 2, 3]]), f64([[1, 2]]))).toThrow(/MeanAbsoluteError.*expected \[1, 3\], got \[1, 2\]/);
  });
});
