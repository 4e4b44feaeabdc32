// Records reference loss values, loss gradients and metric values from TensorFlow.js (cpu
// backend, float32) into losses.json, for spec/losses/golden.spec.ts.
//
//   node spec/golden/losses.generate.mjs
//
// The layers API's losses (tfjs-layers src/losses.ts, what model.compile({ loss: '...' }) uses)
// return one value per sample; tfjs then takes the mean over the batch. tf.metrics.* exposes the
// same functions, so each case records tf.mean(<per-sample call>) and its tf.grad. The tf.losses.*
// functions reduce with SUM_BY_NONZERO_WEIGHTS by default, so where they are used (the fromLogits
// forms, which tf.metrics lacks) they get Reduction.NONE and the mean is taken here. Sample
// weights follow Keras's sum_over_batch_size: mean_i(w_i · ℓ_i).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
await tf.ready();

const NONE = tf.Reduction.NONE;
const sampleWeight = [0.5, 2, 1];

/** Per-sample loss functions, (yTrue, yPred) → [N], as the call the spec names. */
const perSample = {
  // tfjs-layers meanSquaredError: mean(square(yPred − yTrue), −1).
  mse: (t, p) => tf.mean(tf.losses.meanSquaredError(t, p, undefined, NONE), -1),
  // tfjs-layers binaryCrossentropy: clip to [ε, 1 − ε], to logits, sigmoid CE, mean over −1.
  bce: (t, p) => tf.metrics.binaryCrossentropy(t, p),
  // Elementwise max(z, 0) − z·t + log(1 + exp(−|z|)), then the mean over the last axis.
  bceLogits: (t, z) => tf.mean(tf.losses.sigmoidCrossEntropy(t, z, undefined, 0, NONE), -1),
  // tfjs-layers categoricalCrossentropy: rows divided by their sum, clipped, −Σ t·log.
  cce: (t, p) => tf.metrics.categoricalCrossentropy(t, p),
  // −Σ t · logSoftmax(z).
  cceLogits: (t, z) => tf.losses.softmaxCrossEntropy(t, z, undefined, 0, NONE),
  // tfjs-layers sparseCategoricalCrossentropy: clip, one-hot labels, categoricalCrossentropy.
  // It clips before it normalizes (layerwise, as Keras 3's numpy/jax backends and its own
  // categorical loss, normalizes first), so the case's rows have sums other than 1 but every
  // entry inside [ε, 1 − ε], where the two orders agree.
  sparse: (labels, p) => tf.metrics.categoricalCrossentropy(
    tf.oneHot(tf.tensor1d(labels, 'int32'), p.shape[1]), tf.clipByValue(p, 1e-7, 1 - 1e-7)),
  // Softmax cross-entropy of the one-hot labels.
  sparseLogits: (labels, z) => tf.losses.softmaxCrossEntropy(
    tf.oneHot(tf.tensor1d(labels, 'int32'), z.shape[1]), z, undefined, 0, NONE),
};

const binaryLabels = [[1, 0, 1], [0, 1, 0], [1, 0.25, 0]];
const oneHot = [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]];
const indices = [1, 2, 0];

const cases = [
  { name: 'MeanSquaredError', reference: 'tf.losses.meanSquaredError(yTrue, yPred, undefined, NONE) then mean over the last axis',
    fn: 'mse', fromLogits: false,
    yPred: [[0.5, -1.2, 2], [1.5, 0.3, -0.7], [-2, 0.8, 0.1]], yTrue: [[1, 0, 2], [0, 0.5, -1], [-1.5, 1, 0]] },
  { name: 'BinaryCrossentropy', reference: 'tf.metrics.binaryCrossentropy(yTrue, yPred)',
    fn: 'bce', fromLogits: false,
    yPred: [[0.9, 0.2, 0.6], [0.3, 0.75, 0.05], [0.5, 0.4, 0.99]], yTrue: binaryLabels },
  { name: 'BinaryCrossentropy', reference: 'tf.losses.sigmoidCrossEntropy(yTrue, logits, undefined, 0, NONE) then mean over the last axis',
    fn: 'bceLogits', fromLogits: true,
    yPred: [[2, -1, 0.5], [-3, 0.7, 1.5], [0.1, -0.4, 4]], yTrue: binaryLabels },
  { name: 'CategoricalCrossentropy', reference: 'tf.metrics.categoricalCrossentropy(yTrue, yPred)',
    fn: 'cce', fromLogits: false,
    yPred: [[0.2, 0.5, 0.3, 0], [0.1, 0.1, 0.6, 0.4], [2, 1, 0.5, 0.5]], yTrue: oneHot },
  { name: 'CategoricalCrossentropy', reference: 'tf.losses.softmaxCrossEntropy(yTrue, logits, undefined, 0, NONE)',
    fn: 'cceLogits', fromLogits: true,
    yPred: [[1, 2, 0.5, -1], [0, -2, 3, 1], [5, 1, -1, 0]], yTrue: oneHot },
  { name: 'SparseCategoricalCrossentropy', reference: 'tf.metrics.categoricalCrossentropy(tf.oneHot(labels, C), tf.clipByValue(yPred, 1e-7, 1 - 1e-7))',
    fn: 'sparse', fromLogits: false,
    yPred: [[0.2, 0.5, 0.2, 0.1], [0.1, 0.1, 0.6, 0.4], [0.4, 0.2, 0.1, 0.1]], yTrue: indices },
  { name: 'SparseCategoricalCrossentropy', reference: 'tf.losses.softmaxCrossEntropy(tf.oneHot(labels, C), logits, undefined, 0, NONE)',
    fn: 'sparseLogits', fromLogits: true,
    yPred: [[1, 2, 0.5, -1], [0, -2, 3, 1], [5, 1, -1, 0]], yTrue: indices },
];

const isIndexLabels = (c) => c.fn === 'sparse' || c.fn === 'sparseLogits';

const losses = cases.map((c) => {
  const yPred = tf.tensor2d(c.yPred);
  const yTrue = isIndexLabels(c) ? c.yTrue : tf.tensor2d(c.yTrue);
  const f = perSample[c.fn];
  const w = tf.tensor1d(sampleWeight);
  const mean = (p) => tf.mean(f(yTrue, p));
  const weighted = (p) => tf.mean(tf.mul(f(yTrue, p), w));
  return {
    name: c.name,
    fromLogits: c.fromLogits,
    reference: c.reference,
    yPred: yPred.arraySync(),
    yTrue: isIndexLabels(c) ? c.yTrue : yTrue.arraySync(),
    sampleWeight,
    loss: mean(yPred).arraySync(),
    grad: tf.grad(mean)(yPred).arraySync(),
    weightedLoss: weighted(yPred).arraySync(),
    weightedGrad: tf.grad(weighted)(yPred).arraySync(),
  };
});

const probs = tf.tensor2d([[0.9, 0.2, 0.6], [0.3, 0.75, 0.05], [0.5, 0.4, 0.99]]);
const categorical = tf.tensor2d([[0.2, 0.5, 0.3, 0], [0.7, 0.1, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25]]);
const regression = { yPred: tf.tensor2d(cases[0].yPred), yTrue: tf.tensor2d(cases[0].yTrue) };
const metricCases = [
  { name: 'binaryAccuracy', reference: 'tf.mean(tf.metrics.binaryAccuracy(yTrue, yPred))',
    yPred: probs, yTrue: tf.tensor2d([[1, 0, 1], [0, 1, 0], [1, 1, 0]]), fn: tf.metrics.binaryAccuracy },
  { name: 'categoricalAccuracy', reference: 'tf.mean(tf.metrics.categoricalAccuracy(yTrue, yPred))',
    yPred: categorical, yTrue: tf.tensor2d(oneHot), fn: tf.metrics.categoricalAccuracy },
  { name: 'sparseCategoricalAccuracy', reference: 'tf.mean(tf.metrics.sparseCategoricalAccuracy(yTrue, yPred))',
    yPred: categorical, yTrue: tf.tensor2d([[1], [0], [0]]), fn: tf.metrics.sparseCategoricalAccuracy },
  { name: 'meanSquaredError', reference: 'tf.mean(tf.metrics.meanSquaredError(yTrue, yPred))',
    ...regression, fn: tf.metrics.meanSquaredError },
  { name: 'meanAbsoluteError', reference: 'tf.mean(tf.metrics.meanAbsoluteError(yTrue, yPred))',
    ...regression, fn: tf.metrics.meanAbsoluteError },
];
const metrics = metricCases.map((m) => ({
  name: m.name,
  reference: m.reference,
  yPred: m.yPred.arraySync(),
  yTrue: m.yTrue.arraySync(),
  value: tf.mean(m.fn(m.yTrue, m.yPred)).arraySync(),
}));

const golden = { generator: 'spec/golden/losses.generate.mjs', tfjs: tf.version.tfjs, backend: tf.getBackend(), losses, metrics };
// Innermost number arrays (rows) on one line each, to keep the file readable.
const json = JSON.stringify(golden, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
  (_, row) => `[${row.split(/,\s*/).join(', ')}]`);
writeFileSync(fileURLToPath(new URL('./losses.json', import.meta.url)), `${json}\n`);
