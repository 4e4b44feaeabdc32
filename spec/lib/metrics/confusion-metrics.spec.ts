import { Precision, Recall, F1Score, resolveMetric, isStreamingMetric } from '../../../lib/metrics';
import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor } from '../../../lib/tensor';

// Eight binary predictions at threshold 0.5 against their labels:
//   index      0    1    2    3    4    5    6    7
//   yPred    0.9  0.8  0.3  0.6  0.2  0.7  0.1  0.4
//   yTrue      1    1    1    0    0    1    0    1
// Confusion matrix:            label 1   label 0
//   predicted 1 (> 0.5)        TP = 3    FP = 1      (0, 1, 5 | 3)
//   predicted 0                FN = 2    TN = 2      (2, 7 | 4, 6)
// precision = 3/4, recall = 3/5, F1 = 2·3/(2·3 + 1 + 2) = 2/3.
const yPred = tensor([[0.9], [0.8], [0.3], [0.6], [0.2], [0.7], [0.1], [0.4]]);
const yTrue = tensor([[1], [1], [1], [0], [0], [1], [0], [1]]);
// The same data in two batches of four. Batch 1: TP 2, FP 1, FN 1 → precision 2/3, recall 2/3.
// Batch 2: TP 1, FP 0, FN 1 → precision 1, recall 1/2.
const halves = [[yPred.hi(4), yTrue.hi(4)], [yPred.lo(4), yTrue.lo(4)]] as const;

describe('Precision and Recall', () => {
  it('match the confusion matrix', () => {
    expect(new Precision().compute(yPred, yTrue)).toBeCloseTo(3 / 4, 12);
    expect(new Recall().compute(yPred, yTrue)).toBeCloseTo(3 / 5, 12);
  });

  it('stream over batches: the result is from total counts, not the mean of batch values', () => {
    const precision = new Precision();
    const recall = new Recall();
    for (const [p, t] of halves) {
      precision.update(p, t);
      recall.update(p, t);
    }
    expect(precision.result()).toBeCloseTo(3 / 4, 12);
    expect(recall.result()).toBeCloseTo(3 / 5, 12);
    // The mean of the batch values would be (2/3 + 1)/2 = 5/6 and (2/3 + 1/2)/2 = 7/12.
    expect((precision.compute(...halves[0]) + precision.compute(...halves[1])) / 2).toBeCloseTo(5 / 6, 12);
    precision.reset();
    expect(precision.result()).toBe(0);
  });

  it('use the threshold, and give 0 when the denominator is 0', () => {
    // threshold 0.75: predicted positive are 0.9 and 0.8, both labelled 1 → precision 1, recall 2/5.
    expect(new Precision({ threshold: 0.75 }).compute(yPred, yTrue)).toBe(1);
    expect(new Recall({ threshold: 0.75 }).compute(yPred, yTrue)).toBeCloseTo(2 / 5, 12);
    expect(new Precision().compute(tensor([[0.1]]), tensor([[1]]))).toBe(0);
    expect(new Recall().compute(tensor([[0.9]]), tensor([[0]]))).toBe(0);
  });

  it('check shapes and options', () => {
    expect(() => new Precision().compute(yPred, tensor([1, 0]))).toThrow(ShapeError);
    expect(() => new Recall({ threshold: NaN })).toThrow(/Recall: threshold must be a finite number/);
  });
});

describe('F1Score', () => {
  it('is 2·TP/(2·TP + FP + FN) on the confusion matrix, per batch and streaming', () => {
    expect(new F1Score().compute(yPred, yTrue)).toBeCloseTo(2 / 3, 12);
    const f1 = new F1Score();
    for (const [p, t] of halves) f1.update(p, t);
    expect(f1.result()).toBeCloseTo(2 / 3, 12);
  });

  it('averages classes micro, macro or weighted', () => {
    // Three samples, two classes, argmax decisions (threshold null):
    //   sample  yPred        argmax  label
    //   0       [0.8, 0.2]   0       0
    //   1       [0.6, 0.4]   0       1
    //   2       [0.3, 0.7]   1       1
    // Class 0: TP 1, FP 1, FN 0 → F1 = 2/3. Class 1: TP 1, FP 0, FN 1 → F1 = 2/3.
    // Micro: TP 2, FP 1, FN 1 → 4/6 = 2/3. Supports: class 0 has 1 label, class 1 has 2.
    const p = tensor([[0.8, 0.2], [0.6, 0.4], [0.3, 0.7]]);
    const t = tensor([[1, 0], [0, 1], [0, 1]]);
    expect(new F1Score({ threshold: null }).compute(p, t)).toBeCloseTo(2 / 3, 12);
    expect(new F1Score({ threshold: null, average: 'macro' }).compute(p, t)).toBeCloseTo(2 / 3, 12);
    // Threshold 0.5 (decisions [1,0], [1,0], [0,1]) against labels [0,1], [0,1], [0,1]:
    // class 0: TP 0, FP 2 → F1 0; class 1: TP 1, FN 2 → 2/(2 + 2) = 1/2.
    const t2 = tensor([[0, 1], [0, 1], [0, 1]]);
    expect(new F1Score({ average: 'macro' }).compute(p, t2)).toBeCloseTo((0 + 1 / 2) / 2, 12);
    // Weighted by support (0 and 3 labels): F1 of class 1 alone.
    expect(new F1Score({ average: 'weighted' }).compute(p, t2)).toBeCloseTo(1 / 2, 12);
    // Micro: TP 1, FP 2, FN 2 → 2/(2 + 4) = 1/3.
    expect(new F1Score().compute(p, t2)).toBeCloseTo(1 / 3, 12);
  });

  it('refuses a change in the number of classes and bad options', () => {
    const f1 = new F1Score();
    f1.update(tensor([[0.5, 0.5]]), tensor([[1, 0]]));
    expect(() => f1.update(tensor([[0.5]]), tensor([[1]]))).toThrow(/number of classes changed: expected 2, got 1/);
    expect(() => new F1Score({ average: 'samples' as never })).toThrow(ConfigError);
  });
});

describe('resolveMetric for streaming names', () => {
  it('gives fresh streaming metrics named as typed', () => {
    for (const name of ['precision', 'recall', 'auc', 'f1Score', 'f1_score', 'rmse', 'r2Score']) {
      const m = resolveMetric(name, 'BinaryCrossentropy', [4, 1], [4, 1]);
      expect(m.name).toBe(name);
      expect(isStreamingMetric(m)).toBe(true);
    }
    const a = resolveMetric('precision', 'BinaryCrossentropy', [4, 1], [4, 1]);
    const b = resolveMetric('precision', 'BinaryCrossentropy', [4, 1], [4, 1]);
    a.update?.(yPred, yTrue);
    expect(a.result?.()).toBeCloseTo(3 / 4, 12);
    expect(b.result?.()).toBe(0);
    expect(isStreamingMetric(resolveMetric('topKCategoricalAccuracy', 'CategoricalCrossentropy', [4, 6], [4, 6]))).toBe(false);
  });
});
