import { AUC } from '../../../lib/metrics';
import { ConfigError } from '../../../lib/errors';
import { tensor } from '../../../lib/tensor';

// Four scores: negatives 0.1 and 0.4, positives 0.35 and 0.8. Of the 2·2 positive/negative
// pairs, (0.35, 0.1), (0.8, 0.1) and (0.8, 0.4) are ordered right and (0.35, 0.4) wrong:
// AUC = 3/4. With 200 thresholds (t_j = j/199) the four scores fall in four different bins
// (above 19, 79, 69 and 159 thresholds), so the sampled ROC curve has every corner of the exact
// one and the trapezoid rule gives 3/4 too.
const scores = tensor([[0.1], [0.4], [0.35], [0.8]]);
const labels = tensor([[0], [0], [1], [1]]);

describe('AUC', () => {
  it('is 3/4 on the four-score case, by Keras thresholds and exactly', () => {
    expect(new AUC().compute(scores, labels)).toBeCloseTo(0.75, 12);
    expect(new AUC({ numThresholds: 'exact' }).compute(scores, labels)).toBeCloseTo(0.75, 12);
  });

  it('samples the curve at numThresholds points', () => {
    // Negatives 0.1, 0.6; positives 0.35, 0.8 (exact AUC still 3/4). With 3 thresholds
    // (−ε, 0.5, 1 + ε) the ROC points are (FPR, TPR) = (1, 1), (1/2, 1/2), (0, 0):
    // trapezoids (1 − 1/2)·(1 + 1/2)/2 + (1/2 − 0)·(1/2 + 0)/2 = 3/8 + 1/8 = 1/2.
    const p = tensor([[0.1], [0.6], [0.35], [0.8]]);
    expect(new AUC({ numThresholds: 3 }).compute(p, labels)).toBeCloseTo(0.5, 12);
    expect(new AUC({ numThresholds: 'exact' }).compute(p, labels)).toBeCloseTo(0.75, 12);
  });

  it('counts scores in one bin as tied, where the exact area tells them apart', () => {
    // 0.501 and 0.502 both lie between thresholds 99/199 and 100/199.
    const p = tensor([[0.501], [0.502]]);
    const t = tensor([[0], [1]]);
    expect(new AUC().compute(p, t)).toBeCloseTo(0.5, 12);
    expect(new AUC({ numThresholds: 'exact' }).compute(p, t)).toBe(1);
    // Exact ties count half.
    expect(new AUC({ numThresholds: 'exact' }).compute(tensor([[0.3], [0.3]]), t)).toBe(0.5);
  });

  it('streams: two batches give the area of their union', () => {
    for (const numThresholds of [200, 'exact'] as const) {
      const auc = new AUC({ numThresholds });
      auc.update(scores.hi(2), labels.hi(2));
      auc.update(scores.lo(2), labels.lo(2));
      expect(auc.result()).toBeCloseTo(0.75, 12);
      // The first batch alone holds only negatives: no positive rate, area 0 (Keras's divide_no_nan).
      expect(auc.compute(scores.hi(2), labels.hi(2))).toBe(0);
      auc.reset();
      expect(auc.result()).toBe(0);
    }
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    const t = tensor([[0], [0], [1], [1]]);
    expect(new AUC().compute(tensor([[0.1], [0.2], [0.7], [0.9]]), t)).toBeCloseTo(1, 12);
    expect(new AUC().compute(tensor([[0.9], [0.7], [0.2], [0.1]]), t)).toBeCloseTo(0, 12);
  });

  it('rejects a bad numThresholds', () => {
    expect(() => new AUC({ numThresholds: 1 })).toThrow(ConfigError);
    expect(() => new AUC({ numThresholds: 2.5 })).toThrow(/numThresholds must be an integer > 1 or 'exact', got 2.5/);
  });
});
