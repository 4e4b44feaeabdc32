// Records reference values and gradients of the losses beyond the core four (MeanAbsoluteError,
// Huber, LogCosh, KLDivergence, Hinge, SquaredHinge, CategoricalHinge, Poisson,
// CosineSimilarity) and of label smoothing, from TensorFlow.js (cpu backend, float32), into
// losses-extra.json for spec/losses/golden-extra.spec.ts.
//
//   node spec/golden/losses-extra.generate.mjs
//
// The layers API's own loss functions (tfjs-layers src/losses.ts) are not exported by
// @tensorflow/tfjs, so they are taken from a model compiled with the loss's name: after
// model.compile({ loss: 'poisson' }), model.model.lossFunctions[0] is tfjs-layers' `poisson`.
// Each returns one value per sample; the case records tf.mean of it over the batch (and
// tf.mean(w ⊙ ℓ) with sample weights, Keras's sum_over_batch_size) and their tf.grad. The
// tf.losses.* functions get Reduction.NONE and the mean over the last axis is taken here.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
await tf.ready();

const NONE = tf.Reduction.NONE;
const sampleWeight = [0.5, 2, 1];

/** tfjs-layers' loss function registered under `name`, as model.compile resolves it. */
function layersLoss(name) {
  const model = tf.sequential({ layers: [tf.layers.activation({ activation: 'linear', inputShape: [1] })] });
  model.compile({ optimizer: 'sgd', loss: name });
  return model.model.lossFunctions[0];
}

/** Per-sample loss functions, (yTrue, yPred) → [N], as the call the spec names. */
const perSample = {
  mae: layersLoss('meanAbsoluteError'),
  huber1: (t, p) => tf.mean(tf.losses.huberLoss(t, p, undefined, 1, NONE), -1),
  huberHalf: (t, p) => tf.mean(tf.losses.huberLoss(t, p, undefined, 0.5, NONE), -1),
  logcosh: layersLoss('logcosh'),
  kld: layersLoss('kullbackLeiblerDivergence'),
  hinge: layersLoss('hinge'),
  // tf.losses.hingeLoss converts {0, 1} labels to ±1 with 2t − 1, as Keras does for binary labels.
  hingeBinary: (t, p) => tf.mean(tf.losses.hingeLoss(t, p, undefined, NONE), -1),
  squaredHinge: layersLoss('squaredHinge'),
  categoricalHinge: layersLoss('categoricalHinge'),
  poisson: layersLoss('poisson'),
  cosine: layersLoss('cosineProximity'),
  // Label smoothing: t' = t(1 − s) + s/2 (binary) or + s/C (categorical), done by tf.losses itself
  // for logits, spelled out before tfjs-layers' losses for probabilities.
  bceSmoothLogits: (t, z) => tf.mean(tf.losses.sigmoidCrossEntropy(t, z, undefined, 0.2, NONE), -1),
  bceSmooth: (t, p) => tf.metrics.binaryCrossentropy(tf.add(tf.mul(t, 0.8), 0.1), p),
  cceSmoothLogits: (t, z) => tf.losses.softmaxCrossEntropy(t, z, undefined, 0.2, NONE),
  cceSmooth: (t, p) => tf.metrics.categoricalCrossentropy(tf.add(tf.mul(t, 0.8), 0.2 / t.shape[1]), p),
};

const regression = {
  yPred: [[0.5, -1.2, 2.7], [1.5, 0.3, -0.7], [-2, 0.8, 0.1]],
  yTrue: [[1, 0, 2], [0, 0.5, -1.1], [-1.5, 1.25, 0]],
};
const distributions = {
  yPred: [[0.2, 0.5, 0.3], [0.6, 0.1, 0.3], [0.25, 0.25, 0.5]],
  yTrue: [[0.1, 0.7, 0.2], [0.3, 0.3, 0.4], [0.8, 0.15, 0.05]],
};
const scores = { yPred: [[0.3, -1.4, 2], [-0.6, 0.2, 1.7], [0.9, -0.1, -2.2]] };
const signs = [[1, -1, 1], [-1, -1, 1], [1, 1, -1]];
const bits = [[1, 0, 1], [0, 0, 1], [1, 1, 0]];
const oneHot = [[0, 1, 0], [0, 0, 1], [1, 0, 0]];

const cases = [
  { name: 'MeanAbsoluteError', config: {}, fn: 'mae', reference: "tfjs-layers meanAbsoluteError (model.compile({ loss: 'meanAbsoluteError' }))", ...regression },
  { name: 'Huber', config: { delta: 1 }, fn: 'huber1', reference: 'tf.losses.huberLoss(yTrue, yPred, undefined, 1, NONE) then mean over the last axis', ...regression },
  { name: 'Huber', config: { delta: 0.5 }, fn: 'huberHalf', reference: 'tf.losses.huberLoss(yTrue, yPred, undefined, 0.5, NONE) then mean over the last axis', ...regression },
  { name: 'LogCosh', config: {}, fn: 'logcosh', reference: "tfjs-layers logcosh (model.compile({ loss: 'logcosh' }))", ...regression },
  { name: 'KLDivergence', config: {}, fn: 'kld', reference: "tfjs-layers kullbackLeiblerDivergence (model.compile({ loss: 'kullbackLeiblerDivergence' }))", ...distributions },
  { name: 'Hinge', config: {}, fn: 'hinge', reference: "tfjs-layers hinge (model.compile({ loss: 'hinge' })), labels ±1", ...scores, yTrue: signs },
  { name: 'Hinge', config: {}, fn: 'hingeBinary', reference: 'tf.losses.hingeLoss(yTrue, yPred, undefined, NONE) then mean over the last axis, labels {0, 1}', ...scores, yTrue: bits },
  { name: 'SquaredHinge', config: {}, fn: 'squaredHinge', reference: "tfjs-layers squaredHinge (model.compile({ loss: 'squaredHinge' })), labels ±1", ...scores, yTrue: signs },
  { name: 'CategoricalHinge', config: {}, fn: 'categoricalHinge', reference: "tfjs-layers categoricalHinge (model.compile({ loss: 'categoricalHinge' }))", ...scores, yTrue: oneHot },
  { name: 'Poisson', config: {}, fn: 'poisson', reference: "tfjs-layers poisson (model.compile({ loss: 'poisson' }))",
    yPred: [[0.5, 1.2, 2.7], [1.5, 0.3, 0.7], [2, 0.8, 0.1]], yTrue: [[1, 0, 3], [2, 0, 1], [1, 1, 0]] },
  { name: 'CosineSimilarity', config: { axis: -1 }, fn: 'cosine', reference: "tfjs-layers cosineProximity (model.compile({ loss: 'cosineProximity' }))", ...regression },
  { name: 'BinaryCrossentropy', config: { fromLogits: true, labelSmoothing: 0.2 }, fn: 'bceSmoothLogits',
    reference: 'tf.losses.sigmoidCrossEntropy(yTrue, logits, undefined, 0.2, NONE) then mean over the last axis', ...scores, yTrue: bits },
  { name: 'BinaryCrossentropy', config: { fromLogits: false, labelSmoothing: 0.2 }, fn: 'bceSmooth',
    reference: 'tf.metrics.binaryCrossentropy(yTrue · 0.8 + 0.1, yPred)', ...distributions, yTrue: bits },
  { name: 'CategoricalCrossentropy', config: { fromLogits: true, labelSmoothing: 0.2 }, fn: 'cceSmoothLogits',
    reference: 'tf.losses.softmaxCrossEntropy(yTrue, logits, undefined, 0.2, NONE)', ...scores, yTrue: oneHot },
  { name: 'CategoricalCrossentropy', config: { fromLogits: false, labelSmoothing: 0.2 }, fn: 'cceSmooth',
    reference: 'tf.metrics.categoricalCrossentropy(yTrue · 0.8 + 0.2/C, yPred)', ...distributions, yTrue: oneHot },
];

const losses = cases.map((c) => {
  const yPred = tf.tensor2d(c.yPred);
  const yTrue = tf.tensor2d(c.yTrue);
  const f = perSample[c.fn];
  const w = tf.tensor1d(sampleWeight);
  const mean = (p) => tf.mean(f(yTrue, p));
  const weighted = (p) => tf.mean(tf.mul(f(yTrue, p), w));
  return {
    name: c.name,
    config: c.config,
    reference: c.reference,
    yPred: yPred.arraySync(),
    yTrue: yTrue.arraySync(),
    sampleWeight,
    loss: mean(yPred).arraySync(),
    grad: tf.grad(mean)(yPred).arraySync(),
    weightedLoss: weighted(yPred).arraySync(),
    weightedGrad: tf.grad(weighted)(yPred).arraySync(),
  };
});

const golden = { generator: 'spec/golden/losses-extra.generate.mjs', tfjs: tf.version.tfjs, backend: tf.getBackend(), losses };
// Innermost number arrays (rows) on one line each, to keep the file readable.
const json = JSON.stringify(golden, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
  (_, row) => `[${row.split(/,\s*/).join(', ')}]`);
writeFileSync(fileURLToPath(new URL('./losses-extra.json', import.meta.url)), `${json}\n`);
