// Loss values and gradients against TensorFlow.js 4.22 (cpu backend, float32), recorded by
// spec/golden/losses.generate.mjs into spec/golden/losses.json. Each case names its reference call:
// - MeanSquaredError: tf.losses.meanSquaredError(yTrue, yPred, undefined, Reduction.NONE), mean over the last axis
// - BinaryCrossentropy: tf.metrics.binaryCrossentropy(yTrue, yPred) (tfjs-layers' binaryCrossentropy);
//   fromLogits: tf.losses.sigmoidCrossEntropy(yTrue, z, undefined, 0, NONE), mean over the last axis
// - CategoricalCrossentropy: tf.metrics.categoricalCrossentropy(yTrue, yPred) (tfjs-layers' loss, which
//   normalizes rows then clips); fromLogits: tf.losses.softmaxCrossEntropy(yTrue, z, undefined, 0, NONE)
// - SparseCategoricalCrossentropy: tfjs-layers' sparseCategoricalCrossentropy spelled out with
//   tf.oneHot; fromLogits: tf.losses.softmaxCrossEntropy on tf.oneHot(labels)
// each then tf.mean over the batch (and tf.mean(w ⊙ ℓ) with sample weights), gradients by tf.grad.
import { expectClose, expectScalarClose } from '../helpers/expect-close';
import golden from '../golden/losses.json';
import { losses } from '../../losses';
import { tensor } from '../../lib/tensor';

const tolerance = { rtol: 1e-5, atol: 1e-6 };

describe.each(golden.losses)('$name (fromLogits: $fromLogits) against $reference', (c) => {
  const yPred = tensor(c.yPred, undefined, 'float64');
  const yTrue = tensor(c.yTrue, undefined, 'float64');
  const sampleWeight = tensor(c.sampleWeight, undefined, 'float64');

  it('has the reference loss and gradient', () => {
    const loss = losses.create(c.name, c.fromLogits ? { fromLogits: true } : {});
    expectScalarClose(loss.forward(yPred, yTrue), c.loss);
    expectClose(loss.backward(), c.grad, tolerance);
  });

  it('has the reference loss and gradient with sample weights', () => {
    const loss = losses.create(c.name, c.fromLogits ? { fromLogits: true } : {});
    expectScalarClose(loss.forward(yPred, yTrue, sampleWeight), c.weightedLoss);
    expectClose(loss.backward(), c.weightedGrad, tolerance);
  });

  it('agrees in float32 too', () => {
    const loss = losses.create(c.name, c.fromLogits ? { fromLogits: true } : {});
    expectScalarClose(loss.forward(tensor(c.yPred), tensor(c.yTrue)), c.loss);
    expectClose(loss.backward(), c.grad, tolerance);
  });
});
