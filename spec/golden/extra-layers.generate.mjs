// Records reference values for spec/layers/extra-layers-golden.spec.ts (the activations beyond
// the core set, PReLU, BatchNormalization and LayerNormalization) with TensorFlow.js on its
// pure-JavaScript cpu backend. Run from the repository root:
//   node spec/golden/extra-layers.generate.mjs
// It writes spec/golden/extra-layers.json. Gradients are those of sum(output ⊙ R) for a fixed
// upstream gradient R, from tf.variableGrads.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
await tf.ready();

// Input X [3, 4] (kept away from 0) and upstream gradient R [3, 4].
const X = [[-2.0, -0.5, 0.25, 1.5], [3.0, -1.25, 0.75, -0.1], [0.2, 2.5, -3.0, 0.9]];
const R = [[0.4, -0.8, 1.1, 0.3], [-0.2, 0.6, -1.3, 0.9], [0.7, -0.1, 0.5, -0.6]];
// Per-feature parameters: PReLU's alpha, and the normalizations' gamma and beta.
const ALPHA = [0.25, -0.1, 0.5, 0.05];
const GAMMA = [1.5, 0.7, -0.4, 1.1];
const BETA = [0.1, -0.2, 0.3, 0.05];
// BatchNormalization's moving statistics before the step.
const MOVING_MEAN = [0.1, -0.2, 0.05, 0.3];
const MOVING_VARIANCE = [1.2, 0.8, 1.0, 0.5];

/** Output and gradients of sum(f() ⊙ R) with respect to `vars` (x first). */
function record(f, vars) {
  const output = f().arraySync();
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(f(), tf.tensor(R))), vars);
  return { output, grads: vars.map((v) => grads[v.name].arraySync()) };
}

function activationCase(activation, config, layer, call) {
  const x = tf.variable(tf.tensor(X));
  const { output, grads } = record(() => layer.apply(x), [x]);
  return { activation, config, call: `${call}; tf.variableGrads(() => sum(apply(x) * R), [x])`, output, dInput: grads[0] };
}

const activationCases = [
  // tfjs's ELU layer supports only alpha 1 (it throws NotImplementedError otherwise).
  activationCase('elu', {}, tf.layers.elu(), 'tf.layers.elu() (alpha 1)'),
  ...['selu', 'gelu', 'swish', 'softplus', 'softsign'].map((name) => activationCase(name, {}, tf.layers.activation({ activation: name }), `tf.layers.activation({ activation: '${name}' })`)),
  activationCase('gelu', { approximate: true }, tf.layers.activation({ activation: 'gelu_new' }), "tf.layers.activation({ activation: 'gelu_new' }) (the tanh approximation)"),
];

function preluCase() {
  const layer = tf.layers.prelu();
  layer.build([null, 4]);
  layer.setWeights([tf.tensor(ALPHA)]);
  const x = tf.variable(tf.tensor(X));
  const { output, grads } = record(() => layer.apply(x), [x, layer.trainableWeights[0].read()]);
  return { call: 'tf.layers.prelu() with alpha set; tf.variableGrads(() => sum(apply(x) * R), [x, alpha])', output, dInput: grads[0], dAlpha: grads[1] };
}

function batchNormalizationCase() {
  const layer = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-3 });
  layer.build([null, 4]);
  layer.setWeights([tf.tensor(GAMMA), tf.tensor(BETA), tf.tensor(MOVING_MEAN), tf.tensor(MOVING_VARIANCE)]);
  const x = tf.variable(tf.tensor(X));
  const output = layer.apply(x, { training: true }).arraySync();
  const [, , movingMean, movingVariance] = layer.getWeights().map((w) => w.arraySync());
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { training: true }), tf.tensor(R))), [x, ...layer.trainableWeights.map((w) => w.read())]);
  const [dInput, dGamma, dBeta] = [x, ...layer.trainableWeights.map((w) => w.read())].map((v) => grads[v.name].arraySync());
  const inference = tf.layers.batchNormalization({ epsilon: 1e-3 });
  inference.build([null, 4]);
  inference.setWeights([tf.tensor(GAMMA), tf.tensor(BETA), tf.tensor(MOVING_MEAN), tf.tensor(MOVING_VARIANCE)]);
  return {
    call: 'tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-3 }) with setWeights([gamma, beta, movingMean, movingVariance]); apply(x, { training: true }); tf.variableGrads(() => sum(apply(x, { training: true }) * R), [x, gamma, beta]); inference: apply(x)',
    output, movingMean, movingVariance, dInput, dGamma, dBeta,
    inferenceOutput: inference.apply(tf.tensor(X)).arraySync(),
  };
}

function layerNormalizationCase() {
  const layer = tf.layers.layerNormalization({ epsilon: 1e-3 });
  layer.build([null, 4]);
  layer.setWeights([tf.tensor(GAMMA), tf.tensor(BETA)]);
  const x = tf.variable(tf.tensor(X));
  const { output, grads } = record(() => layer.apply(x), [x, ...layer.trainableWeights.map((w) => w.read())]);
  return { call: 'tf.layers.layerNormalization({ epsilon: 1e-3 }) with setWeights([gamma, beta]); tf.variableGrads(() => sum(apply(x) * R), [x, gamma, beta])', output, dInput: grads[0], dGamma: grads[1], dBeta: grads[2] };
}

const golden = {
  generator: 'spec/golden/extra-layers.generate.mjs',
  tfjs: tf.version.tfjs,
  backend: tf.getBackend(),
  x: X, r: R, alpha: ALPHA, gamma: GAMMA, beta: BETA, movingMean: MOVING_MEAN, movingVariance: MOVING_VARIANCE,
  activations: activationCases,
  prelu: preluCase(),
  batchNormalization: batchNormalizationCase(),
  layerNormalization: layerNormalizationCase(),
};
// Innermost number arrays (rows) on one line each, to keep the file readable.
const json = JSON.stringify(golden, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
  (_, row) => `[${row.split(/,\s*/).join(', ')}]`);
const path = fileURLToPath(new URL('./extra-layers.json', import.meta.url));
writeFileSync(path, `${json}\n`);
process.stdout.write(`wrote ${path}: ${activationCases.length} activation cases, PReLU, BatchNormalization, LayerNormalization\n`);
