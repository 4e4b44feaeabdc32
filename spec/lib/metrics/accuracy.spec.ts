import { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from '../../../lib/metrics';
import { DataError, ShapeError } from '../../../lib/errors';
import { tensor, zeros } from '../../../lib/tensor';

describe('binaryAccuracy', () => {
  it('thresholds at 0.5 (strictly greater) and averages over every output', () => {
    // Thresholded: [[1, 0], [0, 1], [0, 0]] (0.5 is not > 0.5); labels [[1, 0], [1, 1], [0, 1]]:
    // matches [[✓, ✓], [✗, ✓], [✓, ✗]] = 4 of 6.
    const yPred = tensor([[0.9, 0.1], [0.4, 0.51], [0.5, 0.2]]);
    expect(binaryAccuracy.compute(yPred, tensor([[1, 0], [1, 1], [0, 1]]))).toBeCloseTo(4 / 6, 12);
  });

  it('reads a transposed view as its contiguous copy', () => {
    // yPred viewed as [[0.9, 0.2], [0.3, 0.8]] against [[1, 1], [0, 1]]: 3 of 4.
    const yPred = tensor([[0.9, 0.3], [0.2, 0.8]]).transpose(1, 0);
    expect(binaryAccuracy.compute(yPred, tensor([[1, 1], [0, 1]]))).toBe(0.75);
  });

  it('names itself and both shapes in a shape error', () => {
    expect(() => binaryAccuracy.compute(tensor([[0.5], [0.5]]), tensor([1, 0]))).toThrow(ShapeError);
    expect(() => binaryAccuracy.compute(tensor([[0.5], [0.5]]), tensor([1, 0]))).toThrow(/binaryAccuracy.*expected \[2, 1\], got \[2\]/);
  });

  it('rejects an empty batch', () => {
    expect(() => binaryAccuracy.compute(zeros([0, 1]), zeros([0, 1]))).toThrow(DataError);
  });
});

describe('categoricalAccuracy', () => {
  it('compares the argmax of predictions and one-hot labels, first index on ties', () => {
    // argmax rows: 1, 0, 0 (tie between 0 and 2 goes to 0); labels 1, 2, 0: 2 of 3.
    const yPred = tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.4, 0.2, 0.4]]);
    expect(categoricalAccuracy.compute(yPred, tensor([[0, 1, 0], [0, 0, 1], [1, 0, 0]]))).toBeCloseTo(2 / 3, 12);
  });

  it('names itself and both shapes in a shape error', () => {
    expect(() => categoricalAccuracy.compute(tensor([[0.5, 0.5]]), tensor([[1, 0, 0]]))).toThrow(/categoricalAccuracy.*expected \[1, 2\], got \[1, 3\]/);
  });
});

describe('sparseCategoricalAccuracy', () => {
  it('compares the argmax with index labels [N] or [N, 1]', () => {
    // argmax rows: 1, 0, 2; labels 1, 2, 2: 2 of 3.
    const yPred = tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.1, 0.2, 0.7]]);
    expect(sparseCategoricalAccuracy.compute(yPred, tensor([1, 2, 2]))).toBeCloseTo(2 / 3, 12);
    expect(sparseCategoricalAccuracy.compute(yPred, tensor([[1], [2], [2]]))).toBeCloseTo(2 / 3, 12);
  });

  it('names itself and both shapes in a shape error', () => {
    const yPred = tensor([[0.5, 0.5], [0.5, 0.5]]);
    expect(() => sparseCategoricalAccuracy.compute(yPred, tensor([[1, 0], [0, 1]]))).toThrow(ShapeError);
    expect(() => sparseCategoricalAccuracy.compute(yPred, tensor([[1, 0], [0, 1]]))).toThrow(/sparseCategoricalAccuracy.*expected \[2\] or \[2, 1\] for yPred \[2, 2\], got \[2, 2\]/);
  });
});
