// Records reference values for the layers golden spec (spec/golden/layers.spec.ts) with
// TensorFlow.js on its pure-JavaScript cpu backend. Run from the repository root:
//   node spec/golden/layers.generate.mjs
// It writes spec/golden/layers.json. Every recorded case is a fixed small input, fixed
// weights and a fixed upstream gradient R; the gradients are those of sum(output ⊙ R).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
await tf.ready();

// Dense inputs: X [3, 4], kernel W [4, 3], bias b [3], upstream gradient R [3, 3].
const X = [[0.5, -1.2, 0.3, 2.0], [-0.7, 0.8, -1.5, 0.1], [1.1, 0.4, -0.2, -0.9]];
const W = [[0.2, -0.5, 0.9], [-0.3, 0.7, 0.1], [0.6, -0.2, -0.8], [0.4, 0.3, -0.6]];
const b = [0.1, -0.2, 0.05];
const R = [[0.3, -1.0, 0.7], [1.2, 0.5, -0.4], [-0.6, 0.9, 0.2]];

// Activation inputs: A [3, 4] away from ReLU's kink, upstream gradient RA [3, 4].
const A = [[-2.0, -0.5, 0.25, 1.5], [3.0, -1.25, 0.75, -0.1], [0.2, 2.5, -3.0, 0.9]];
const RA = [[0.4, -0.8, 1.1, 0.3], [-0.2, 0.6, -1.3, 0.9], [0.7, -0.1, 0.5, -0.6]];

/** Output and gradients of sum(f(vars) ⊙ r) wrt the given variables, via tf.variableGrads. */
function record(f, vars, r) {
  const output = f();
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(f(), tf.tensor(r))), vars);
  return { output: output.arraySync(), grads: vars.map((v) => grads[v.name].arraySync()) };
}

function denseCase(activation, useBias) {
  // tfjs has no 'leakyRelu' activation string; Dense + LeakyReLU layer is the same function.
  const isLeaky = activation === 'leakyRelu';
  const dense = tf.layers.dense({ units: 3, activation: isLeaky ? 'linear' : activation, useBias, inputShape: [4] });
  dense.build([null, 4]);
  dense.setWeights(useBias ? [tf.tensor(W), tf.tensor(b)] : [tf.tensor(W)]);
  const leaky = isLeaky ? tf.layers.leakyReLU() : null;
  const x = tf.variable(tf.tensor(X));
  const f = () => {
    const z = dense.apply(x);
    return leaky ? leaky.apply(z) : z;
  };
  const vars = [x, ...dense.trainableWeights.map((w) => w.read())];
  const { output, grads } = record(f, vars, R);
  const call = `tf.layers.dense({ units: 3, activation: '${isLeaky ? 'linear' : activation}', useBias: ${useBias} })${isLeaky ? ' then tf.layers.leakyReLU()' : ''}; tf.variableGrads(() => sum(apply(x) * R), [x, kernel${useBias ? ', bias' : ''}])`;
  return { activation, useBias, call, output, dInput: grads[0], dKernel: grads[1], dBias: useBias ? grads[2] : null };
}

function activationCase(activation, layer, call) {
  const x = tf.variable(tf.tensor(A));
  const { output, grads } = record(() => layer.apply(x), [x], RA);
  return { activation, call: `${call}; tf.variableGrads(() => sum(apply(x) * R), [x])`, config: activation === 'leakyRelu' ? { alpha: layer.getConfig().alpha } : {}, output, dInput: grads[0] };
}

const denseCases = [];
for (const activation of ['linear', 'relu', 'leakyRelu', 'sigmoid', 'tanh', 'softmax']) {
  denseCases.push(denseCase(activation, true));
}
denseCases.push(denseCase('linear', false));
denseCases.push(denseCase('tanh', false));

const activationCases = [
  activationCase('relu', tf.layers.reLU(), 'tf.layers.reLU()'),
  activationCase('leakyRelu', tf.layers.leakyReLU(), 'tf.layers.leakyReLU() (alpha 0.3)'),
  activationCase('leakyRelu', tf.layers.leakyReLU({ alpha: 0.1 }), 'tf.layers.leakyReLU({ alpha: 0.1 })'),
  activationCase('sigmoid', tf.layers.activation({ activation: 'sigmoid' }), "tf.layers.activation({ activation: 'sigmoid' })"),
  activationCase('tanh', tf.layers.activation({ activation: 'tanh' }), "tf.layers.activation({ activation: 'tanh' })"),
  activationCase('softmax', tf.layers.softmax(), 'tf.layers.softmax() (axis -1)'),
  activationCase('linear', tf.layers.activation({ activation: 'linear' }), "tf.layers.activation({ activation: 'linear' })"),
];

const golden = {
  generator: 'spec/golden/layers.generate.mjs',
  tfjs: tf.version.tfjs,
  backend: tf.getBackend(),
  dense: { x: X, kernel: W, bias: b, r: R, cases: denseCases },
  activations: { x: A, r: RA, cases: activationCases },
};
// Innermost number arrays (rows) on one line each, to keep the file readable.
const json = JSON.stringify(golden, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
  (_, row) => `[${row.split(/,\s*/).join(', ')}]`);
const path = fileURLToPath(new URL('./layers.json', import.meta.url));
writeFileSync(path, `${json}\n`);
process.stdout.write(`wrote ${path}: ${denseCases.length} Dense cases, ${activationCases.length} activation cases\n`);
