// Metric values against TensorFlow.js 4.22 (cpu backend), recorded by
// spec/golden/losses.generate.mjs into spec/golden/losses.json: each case is
// tf.mean(tf.metrics.<name>(yTrue, yPred)), named in its `reference` field.
import golden from '../../golden/losses.json';
import { metrics } from '../../../lib/metrics';
import { tensor } from '../../../lib/tensor';

describe.each(golden.metrics)('$name against $reference', (m) => {
  it('has the reference value', () => {
    const metric = metrics.create(m.name);
    const value = metric.compute(tensor(m.yPred, undefined, 'float64'), tensor(m.yTrue, undefined, 'float64'));
    expect(Math.abs(value - m.value)).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(m.value));
  });
});
