import { TopKCategoricalAccuracy, resolveMetric } from '../../../lib/metrics';
import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor } from '../../../lib/tensor';

describe('TopKCategoricalAccuracy', () => {
  // Row 0: label 2 has the 2nd highest score (0.3 < 0.6) → in the top 2, not the top 1.
  // Row 1: label 0 has the highest score → in every top k.
  // Row 2: label 1 has the lowest score (0.1) → only in the top 3.
  const p = tensor([[0.1, 0.6, 0.3], [0.7, 0.2, 0.1], [0.5, 0.1, 0.4]]);
  const t = tensor([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);

  it('counts the labelled class among the k highest', () => {
    expect(new TopKCategoricalAccuracy({ k: 1 }).compute(p, t)).toBeCloseTo(1 / 3, 12);
    expect(new TopKCategoricalAccuracy({ k: 2 }).compute(p, t)).toBeCloseTo(2 / 3, 12);
    expect(new TopKCategoricalAccuracy({ k: 3 }).compute(p, t)).toBe(1);
    // Keras's default k = 5 covers all three classes.
    expect(resolveMetric('top_k_categorical_accuracy', 'CategoricalCrossentropy', [3, 3], [3, 3]).compute(p, t)).toBe(1);
  });

  it('counts classes tied at the boundary as in the top k (in_top_k)', () => {
    // Label 2 (0.4) ties with class 1 for second place: only one score (0.5) is above it → in the top 2.
    // Label 1 (0.4) ties with class 0 for first place: no score is above it → in the top 1.
    expect(new TopKCategoricalAccuracy({ k: 2 }).compute(tensor([[0.5, 0.4, 0.4]]), tensor([[0, 0, 1]]))).toBe(1);
    expect(new TopKCategoricalAccuracy({ k: 1 }).compute(tensor([[0.4, 0.4, 0.2]]), tensor([[0, 1, 0]]))).toBe(1);
  });

  it('rejects a bad k and a bad shape', () => {
    expect(() => new TopKCategoricalAccuracy({ k: 0 })).toThrow(/k must be a positive integer, got 0/);
    expect(() => new TopKCategoricalAccuracy().compute(tensor([0.1, 0.9]), tensor([0, 1]))).toThrow(ShapeError);
    expect(() => new TopKCategoricalAccuracy({ k: 1.5 })).toThrow(ConfigError);
  });
});
