// Records reference values for spec/layers/activations/keras-3-activations-golden.spec.ts (the
// Keras 3 activations TensorFlow.js also has: relu6, mish, logSoftmax, and ReLU's maxValue) with
// TensorFlow.js on its pure-JavaScript cpu backend. Run from the repository root:
//   node spec/golden/keras-3-activations.generate.mjs
// It writes spec/golden/keras-3-activations.json. Gradients are those of sum(output ⊙ R) for a
// fixed upstream gradient R, from tf.variableGrads.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
await tf.ready();

// Input X [3, 4], away from the kinks at 0, 1.5 (the ReLU cap below) and 6, and upstream gradient R [3, 4].
const X = [[-2.0, -0.5, 0.25, 1.25], [7.0, -1.25, 0.75, -0.1], [0.2, 2.5, -3.0, 6.5]];
const R = [[0.4, -0.8, 1.1, 0.3], [-0.2, 0.6, -1.3, 0.9], [0.7, -0.1, 0.5, -0.6]];

function activationCase(activation, config, layer, call) {
  const x = tf.variable(tf.tensor(X));
  const output = layer.apply(x).arraySync();
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x), tf.tensor(R))), [x]);
  return { activation, config, call: `${call}; tf.variableGrads(() => sum(apply(x) * R), [x])`, output, dInput: grads[x.name].arraySync() };
}

const cases = [
  ...['relu6', 'mish', 'logSoftmax'].map((name) => activationCase(name, {}, tf.layers.activation({ activation: name }), `tf.layers.activation({ activation: '${name}' })`)),
  activationCase('relu', { maxValue: 1.5 }, tf.layers.reLU({ maxValue: 1.5 }), 'tf.layers.reLU({ maxValue: 1.5 })'),
];

const golden = { generator: 'spec/golden/keras-3-activations.generate.mjs', tfjs: tf.version.tfjs, backend: tf.getBackend(), x: X, r: R, activations: cases };
// Innermost number arrays (rows) on one line each, to keep the file readable.
const json = JSON.stringify(golden, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
  (_, row) => `[${row.split(/,\s*/).join(', ')}]`);
const path = fileURLToPath(new URL('./keras-3-activations.json', import.meta.url));
writeFileSync(path, `${json}\n`);
process.stdout.write(`wrote ${path}: ${cases.length} activation cases\n`);
