import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { MeanSquaredError } from '../../losses';
import { ShapeError } from '../../lib/errors';
import { tensor } from '../../lib/tensor';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('MeanSquaredError', () => {
  it('gives the known answer for small integers', () => {
    // Sample 0: ((1−0)² + (2−0)²) / 2 = 5/2 = 2.5; sample 1: ((3−3)² + (4−2)²) / 2 = 2.
    // L = (2.5 + 2) / 2 = 2.25. Gradient (2/C)(p − t)/N = (p − t)/2.
    const mse = new MeanSquaredError();
    expect(mse.forward(f64([[1, 2], [3, 4]]), f64([[0, 0], [3, 2]]))).toBeCloseTo(2.25, 12);
    expectClose(mse.backward(), [[0.5, 1], [0, 1]], { rtol: 0, atol: 1e-12 });
  });

  it('weights samples and still divides by N', () => {
    // w = [2, 0]: L = (2·2.5 + 0·2)/2 = 2.5; gradient row 0 doubled, row 1 zero.
    const mse = new MeanSquaredError();
    expect(mse.forward(f64([[1, 2], [3, 4]]), f64([[0, 0], [3, 2]]), f64([2, 0]))).toBeCloseTo(2.5, 12);
    expectClose(mse.backward(), [[1, 2], [0, 0]], { rtol: 0, atol: 1e-12 });
  });

  it('has a correct gradient', () => {
    expectGradientsCorrect(new MeanSquaredError(), randomTensor([4, 3], 1), randomTensor([4, 3], 2));
  });

  it('has a correct gradient with sample weights', () => {
    const w = randomTensor([4], 3, { low: 0.1, high: 2 });
    expectGradientsCorrect(withSampleWeight(new MeanSquaredError(), w), randomTensor([4, 3], 4), randomTensor([4, 3], 5));
  });

  it('reads a transposed view as its contiguous copy', () => {
    const p = randomTensor([3, 4], 6);
    const t = randomTensor([4, 3], 7);
    const view = p.transpose(1, 0);
    const copy = f64([[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) copy.set(i, j, view.get(i, j));
    const mse = new MeanSquaredError();
    const fromView = mse.forward(view, t);
    const gradView = Array.from(mse.backward().data);
    expect(mse.forward(copy, t)).toBe(fromView);
    expect(Array.from(mse.backward().data)).toEqual(gradView);
  });

  it('names itself and both shapes in a shape error', () => {
    const mse = new MeanSquaredError();
    expect(() => mse.forward(f64([[1, 2, 3], [4, 5, 6]]), f64([[1, 2], [3, 4]]))).toThrow(ShapeError);
    expect(() => mse.forward(f64([[1, 2, 3], [4, 5, 6]]), f64([[1, 2], [3, 4]]))).toThrow(/MeanSquaredError.*expected \[2, 3\], got \[2, 2\]/);
    expect(() => mse.forward(f64([1, 2]), f64([1, 2]))).toThrow(/MeanSquaredError: yPred must have rank 2.*got \[2\]/);
  });

  it('computes in float32 too', () => {
    const mse = new MeanSquaredError();
    expect(mse.forward(tensor([[1, 2], [3, 4]]), tensor([[0, 0], [3, 2]]))).toBeCloseTo(2.25, 6);
    expect(mse.backward().data).toBeInstanceOf(Float32Array);
  });
});
