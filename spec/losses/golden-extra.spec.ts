// Loss values and gradients against TensorFlow.js 4.22 (cpu backend, float32), recorded by
// spec/golden/losses-extra.generate.mjs into spec/golden/losses-extra.json. Each case names its
// reference call:
// - MeanAbsoluteError, LogCosh, KLDivergence, Hinge (±1 labels), SquaredHinge, CategoricalHinge,
//   Poisson, CosineSimilarity: tfjs-layers' own loss functions (meanAbsoluteError, logcosh,
//   kullbackLeiblerDivergence, hinge, squaredHinge, categoricalHinge, poisson, cosineProximity),
//   taken from a model compiled with that loss name
// - Huber: tf.losses.huberLoss(yTrue, yPred, undefined, delta, Reduction.NONE), mean over the last axis
// - Hinge with {0, 1} labels: tf.losses.hingeLoss(yTrue, yPred, undefined, NONE), which converts them to ±1
// - labelSmoothing: tf.losses.sigmoidCrossEntropy / softmaxCrossEntropy with labelSmoothing 0.2 for
//   logits; tf.metrics.binaryCrossentropy / categoricalCrossentropy on the smoothed labels for probabilities
// each then tf.mean over the batch (and tf.mean(w ⊙ ℓ) with sample weights), gradients by tf.grad.
import { expectClose, expectScalarClose } from '../helpers/expect-close';
import golden from '../golden/losses-extra.json';
import { losses } from '../../losses';
import { tensor } from '../../lib/tensor';

const tolerance = { rtol: 1e-5, atol: 1e-6 };

describe.each(golden.losses)('$name $config against $reference', (c) => {
  const yPred = tensor(c.yPred, undefined, 'float64');
  const yTrue = tensor(c.yTrue, undefined, 'float64');
  const sampleWeight = tensor(c.sampleWeight, undefined, 'float64');

  it('has the reference loss and gradient', () => {
    const loss = losses.create(c.name, c.config);
    expectScalarClose(loss.forward(yPred, yTrue), c.loss);
    expectClose(loss.backward(), c.grad, tolerance);
  });

  it('has the reference loss and gradient with sample weights', () => {
    const loss = losses.create(c.name, c.config);
    expectScalarClose(loss.forward(yPred, yTrue, sampleWeight), c.weightedLoss);
    expectClose(loss.backward(), c.weightedGrad, tolerance);
  });

  it('agrees in float32 too', () => {
    const loss = losses.create(c.name, c.config);
    expectScalarClose(loss.forward(tensor(c.yPred), tensor(c.yTrue)), c.loss);
    expectClose(loss.backward(), c.grad, tolerance);
  });
});
