import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../losses';
import { DataError, ShapeError } from '../../lib/errors';
import { clone, reshape, tensor } from '../../lib/tensor';
import { classIndices, oneHotRows, probabilityRows } from './labels';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('SparseCategoricalCrossentropy', () => {
  it('gives the known answer for a 2-sample batch of round probabilities', () => {
    // p = [[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]], labels [0, 1]: L = (−ln 0.5 − ln 0.8)/2 = 0.458145,
    // the same as CategoricalCrossentropy on the one-hot rows [[1, 0, 0], [0, 1, 0]];
    // gradient (1/N)(1/s − [k = y]/p_y) = [[−0.5, 0.5, 0.5], [0.5, −0.125, 0.5]].
    const loss = new SparseCategoricalCrossentropy();
    expect(loss.forward(f64([[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]]), f64([0, 1]))).toBeCloseTo((-Math.log(0.5) - Math.log(0.8)) / 2, 12);
    expectClose(loss.backward(), [[-0.5, 0.5, 0.5], [0.5, -0.125, 0.5]], { rtol: 1e-12, atol: 1e-12 });
  });

  for (const fromLogits of [false, true]) {
    it(`equals CategoricalCrossentropy on one-hot labels (fromLogits: ${fromLogits}), labels [N] or [N, 1]`, () => {
      const yPred = fromLogits ? randomTensor([6, 4], 1, { low: -3, high: 3 }) : probabilityRows(6, 4, 1, false);
      const indices = classIndices(6, 4, 2);
      const dense = new CategoricalCrossentropy({ fromLogits });
      const expectedLoss = dense.forward(yPred, oneHotRows(indices, 4));
      const expectedGrad = clone(dense.backward());
      for (const labels of [indices, reshape(indices, [6, 1])]) {
        const sparse = new SparseCategoricalCrossentropy({ fromLogits });
        expect(sparse.forward(yPred, labels)).toBeCloseTo(expectedLoss, 12);
        expectClose(sparse.backward(), expectedGrad, { rtol: 1e-12, atol: 1e-15 });
      }
    });
  }

  it('stays finite for logits of ±1000', () => {
    // As CategoricalCrossentropy: ℓ = [0, 2000], L = 1000; gradient (softmax − y)/2.
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    expect(loss.forward(f64([[1000, -1000, 0], [-1000, 1000, 0]]), f64([0, 0]))).toBe(1000);
    expectClose(loss.backward(), [[0, 0, 0], [-0.5, 0.5, 0]], { rtol: 0, atol: 1e-300 });
  });

  it('has a correct gradient on probabilities and on logits', () => {
    const labels = classIndices(5, 4, 3);
    expectGradientsCorrect(new SparseCategoricalCrossentropy(), probabilityRows(5, 4, 4), labels);
    expectGradientsCorrect(new SparseCategoricalCrossentropy(), probabilityRows(5, 4, 5, false), labels);
    expectGradientsCorrect(new SparseCategoricalCrossentropy({ fromLogits: true }), randomTensor([5, 4], 6, { low: -3, high: 3 }), labels);
  });

  it('has a correct gradient with sample weights', () => {
    const w = randomTensor([5], 7, { low: 0.1, high: 2 });
    const labels = reshape(classIndices(5, 4, 8), [5, 1]);
    expectGradientsCorrect(withSampleWeight(new SparseCategoricalCrossentropy(), w), probabilityRows(5, 4, 9, false), labels);
    expectGradientsCorrect(withSampleWeight(new SparseCategoricalCrossentropy({ fromLogits: true }), w), randomTensor([5, 4], 10, { low: -3, high: 3 }), labels);
  });

  it('names the sample whose label is not a class index', () => {
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    const z = f64([[1, 2, 3], [4, 5, 6]]);
    expect(() => loss.forward(z, f64([0, 3]))).toThrow(DataError);
    expect(() => loss.forward(z, f64([0, 3]))).toThrow(/SparseCategoricalCrossentropy: yTrue\[1\] is 3, not a class index in \[0, 2\]/);
    expect(() => loss.forward(z, f64([-1, 0]))).toThrow(/yTrue\[0\] is -1/);
    expect(() => loss.forward(z, f64([1.5, 0]))).toThrow(/yTrue\[0\] is 1.5/);
    expect(() => new SparseCategoricalCrossentropy().forward(z, f64([[2], [NaN]]))).toThrow(/yTrue\[1\] is NaN/);
  });

  it('names itself and both shapes in a shape error', () => {
    const loss = new SparseCategoricalCrossentropy();
    const p = f64([[0.5, 0.5], [0.5, 0.5]]);
    expect(() => loss.forward(p, f64([[1, 0], [0, 1]]))).toThrow(ShapeError);
    expect(() => loss.forward(p, f64([[1, 0], [0, 1]]))).toThrow(/SparseCategoricalCrossentropy: .*\[2, 2\]: expected \[2\] or \[2, 1\], got \[2, 2\]/);
    expect(() => loss.forward(p, f64([1, 0, 1]))).toThrow(/expected \[2\] or \[2, 1\], got \[3\]/);
  });

  it('keeps its options in getConfig', () => {
    expect(new SparseCategoricalCrossentropy({ fromLogits: true }).getConfig()).toEqual({ fromLogits: true });
    expect(SparseCategoricalCrossentropy.fromConfig({}).getConfig()).toEqual({ fromLogits: false });
  });
});
