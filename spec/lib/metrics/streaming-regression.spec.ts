import { RootMeanSquaredError, R2Score } from '../../../lib/metrics';
import { ShapeError } from '../../../lib/errors';
import { tensor } from '../../../lib/tensor';

describe('RootMeanSquaredError', () => {
  it('is the root of the mean squared error over every batch seen', () => {
    // Batch 1: errors 3 and −4 → √((9 + 16)/2) = √12.5. Batch 2: error 0.
    const rmse = new RootMeanSquaredError();
    expect(rmse.compute(tensor([[3], [0]]), tensor([[0], [4]]))).toBeCloseTo(Math.sqrt(12.5), 12);
    rmse.update(tensor([[3], [0]]), tensor([[0], [4]]));
    rmse.update(tensor([[1]]), tensor([[1]]));
    // Streaming: √(25/3), not the mean of the batch roots (√12.5 + 0)/2.
    expect(rmse.result()).toBeCloseTo(Math.sqrt(25 / 3), 12);
    rmse.reset();
    expect(rmse.result()).toBe(0);
  });
});

describe('R2Score', () => {
  it('is 1 − SS_res/SS_tot', () => {
    // y = [1, 2, 3], ŷ = [1, 2, 4]: SS_res = 1, ȳ = 2, SS_tot = 1 + 0 + 1 = 2 → R² = 1/2.
    expect(new R2Score().compute(tensor([[1], [2], [4]]), tensor([[1], [2], [3]]))).toBeCloseTo(0.5, 12);
    // Predicting the mean scores 0; a perfect fit 1.
    expect(new R2Score().compute(tensor([[2], [2], [2]]), tensor([[1], [2], [3]]))).toBeCloseTo(0, 12);
    expect(new R2Score().compute(tensor([[1], [2], [3]]), tensor([[1], [2], [3]]))).toBe(1);
  });

  it('averages the columns', () => {
    // Column 0 as above (1/2); column 1: y = [0, 0, 3], ŷ = [0, 1, 3]: ȳ = 1, SS_tot = 1 + 1 + 4 = 6, SS_res = 1 → 5/6.
    const p = tensor([[1, 0], [2, 1], [4, 3]]);
    const t = tensor([[1, 0], [2, 0], [3, 3]]);
    expect(new R2Score().compute(p, t)).toBeCloseTo((1 / 2 + 5 / 6) / 2, 12);
  });

  it('streams over batches as over their union', () => {
    const r2 = new R2Score();
    r2.update(tensor([[1], [2]]), tensor([[1], [2]]));
    r2.update(tensor([[4]]), tensor([[3]]));
    expect(r2.result()).toBeCloseTo(0.5, 12);
    // Batch 1 alone is a perfect fit; batch 2 alone has constant labels and a miss → 0.
    expect(r2.compute(tensor([[4]]), tensor([[3]]))).toBe(0);
  });

  it('scores constant labels 1 when matched exactly, without rounding noise', () => {
    const r2 = new R2Score();
    r2.update(tensor([[0.1], [0.1]], undefined, 'float64'), tensor([[0.1], [0.1]], undefined, 'float64'));
    r2.update(tensor([[0.1]], undefined, 'float64'), tensor([[0.1]], undefined, 'float64'));
    expect(r2.result()).toBe(1);
  });

  it('refuses a change in the number of outputs', () => {
    const r2 = new R2Score();
    r2.update(tensor([[1, 2]]), tensor([[1, 2]]));
    expect(() => r2.update(tensor([[1]]), tensor([[1]]))).toThrow(ShapeError);
  });
});
