import { meanAbsoluteError, meanSquaredError } from '../../../lib/metrics';
import { MeanSquaredError } from '../../../losses';
import { tensor } from '../../../lib/tensor';

describe('meanSquaredError and meanAbsoluteError', () => {
  // yPred − yTrue = [[1, −2], [0, 3]]: squared 1, 4, 0, 9 → 14/4 = 3.5; absolute 1, 2, 0, 3 → 6/4 = 1.5.
  const yPred = tensor([[1, -1], [2, 5]]);
  const yTrue = tensor([[0, 1], [2, 2]]);

  it('average over every output', () => {
    expect(meanSquaredError.compute(yPred, yTrue)).toBe(3.5);
    expect(meanAbsoluteError.compute(yPred, yTrue)).toBe(1.5);
  });

  it('meanSquaredError equals the MeanSquaredError loss without sample weights', () => {
    expect(meanSquaredError.compute(yPred, yTrue)).toBe(new MeanSquaredError().forward(yPred, yTrue));
  });

  it('names the metric and both shapes in a shape error', () => {
    expect(() => meanAbsoluteError.compute(yPred, tensor([1, 2]))).toThrow(/meanAbsoluteError.*expected \[2, 2\], got \[2\]/);
    expect(() => meanSquaredError.compute(yPred, tensor([1, 2]))).toThrow(/meanSquaredError.*expected \[2, 2\], got \[2\]/);
  });
});
