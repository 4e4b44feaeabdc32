// The sample weights every loss takes through the base class Loss.forward.
import { expectClose } from '../helpers/expect-close';
import { randomTensor } from '../helpers/random';
import { CategoricalCrossentropy, MeanSquaredError, SparseCategoricalCrossentropy } from '../../losses';
import { DataError, ShapeError } from '../../lib/errors';
import { clone, tensor } from '../../lib/tensor';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('Loss sampleWeight', () => {
  const yPred = randomTensor([3, 2], 1);
  const yTrue = randomTensor([3, 2], 2);

  it('takes [N, 1] weights like [N] weights', () => {
    const loss = new MeanSquaredError();
    const flat = loss.forward(yPred, yTrue, f64([0.5, 2, 1]));
    const gradFlat = clone(loss.backward());
    expect(loss.forward(yPred, yTrue, f64([[0.5], [2], [1]]))).toBe(flat);
    expectClose(loss.backward(), gradFlat, { rtol: 0, atol: 0 });
  });

  it('gives a zero loss and gradient when every weight is 0', () => {
    const loss = new CategoricalCrossentropy({ fromLogits: true });
    expect(loss.forward(yPred, f64([[1, 0], [0, 1], [1, 0]]), f64([0, 0, 0]))).toBe(0);
    expect(Array.from(loss.backward().data).every((v) => v === 0)).toBe(true);
  });

  it('equals the loss of the kept samples, rescaled, when some weights are 0', () => {
    // (1/3)·(ℓ_0 + ℓ_2) with weights [1, 0, 1] = (2/3)·mean(ℓ_0, ℓ_2).
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    const weighted = loss.forward(yPred, f64([1, 0, 1]), f64([1, 0, 1]));
    const keptRows = f64([[yPred.get(0, 0), yPred.get(0, 1)], [yPred.get(2, 0), yPred.get(2, 1)]]);
    const kept = new SparseCategoricalCrossentropy({ fromLogits: true }).forward(keptRows, f64([1, 1]));
    expect(weighted).toBeCloseTo((2 / 3) * kept, 14);
  });

  it.each([
    [[1, 2], '[3] or [3, 1], got [2]'],
    [[[1, 2], [3, 4], [5, 6]], '[3] or [3, 1], got [3, 2]'],
  ])('rejects weights of the wrong shape, naming the loss: %j', (weights, message) => {
    const loss = new MeanSquaredError();
    expect(() => loss.forward(yPred, yTrue, f64(weights))).toThrow(ShapeError);
    expect(() => loss.forward(yPred, yTrue, f64(weights))).toThrow(`MeanSquaredError: sampleWeight must have one weight per sample: expected ${message}`);
  });

  it.each([-1, NaN, Infinity])('rejects a weight of %p, naming the loss and the sample', (bad) => {
    const loss = new MeanSquaredError();
    expect(() => loss.forward(yPred, yTrue, f64([1, bad, 1]))).toThrow(DataError);
    expect(() => loss.forward(yPred, yTrue, f64([1, bad, 1]))).toThrow(`MeanSquaredError: sampleWeight[1] must be a finite number ≥ 0, got ${bad}`);
  });
});
