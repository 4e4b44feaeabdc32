// Records 5-step optimizer trajectories from TensorFlow.js (cpu backend, float32) into
// spec/golden/optimizers.json, for spec/optimizers/golden.spec.ts.
//
// Run: node spec/golden/optimizers.generate.mjs
//
// The problem: two parameters, W [2, 2] and b [2], and the loss
//   f(w) = ½·Σ a_i·w_i² + Σ c_i·w_i   (elementwise over both parameters)
// so the gradient is g = a ⊙ w + c and changes at every step. Each case passes every
// hyperparameter explicitly, because tfjs's defaults differ from Keras 3's.
//
// Where tfjs's formula differs from Keras 3's, the case is recorded only where the two agree
// (the spec derives the Keras 3 trajectory by hand in float64 instead):
// - Adam: tfjs adds ε to √v̂ (bias-corrected), Keras to √v; recorded with ε = 0, where both are
//   η·m̂/√v̂. tfjs keeps β2^t in a float32 variable, and fround(0.999) alone moves 1 − β2 by
//   1.3e-5 (relative), more than the tolerance, so the first case takes β2 = 0.998046875 = 1 − 2⁻⁹,
//   which float32 holds exactly; Keras's default β2 = 0.999 is checked by hand in adam.spec.ts.
// - RMSprop centered: tfjs takes √(s − ḡ² − ε), Keras √(s − ḡ² + ε); recorded with ε = 0.
// - Adadelta: tfjs divides by the previous step's E[g²] instead of the updated one; not recorded.
// - Adagrad: tfjs's ε is the backend's epsilon(), 1e-7 on the cpu backend, as Keras's default.
// - Adamax (decay 0), SGD, momentum and Nesterov momentum agree with Keras 3 exactly.
// tfjs has no AdamW, Nadam, AMSGrad, gradient clipping or learning-rate schedules.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');

const STEPS = 5;

const problem = {
  W: { initial: [[1.5, -2.0], [0.5, 3.0]], a: [[1.0, 2.0], [0.5, 3.0]], c: [[0.5, -1.0], [0.25, -2.0]] },
  b: { initial: [-1.0, 2.5], a: [2.5, 0.75], c: [1.0, 0.5] },
};

// Each case: the reference call that produced the numbers, the tfjs optimizer, and the layerwise
// class and options the spec builds to compare with it.
const cases = [
  { name: 'sgd', reference: 'tf.train.sgd(0.1)', make: () => tf.train.sgd(0.1),
    className: 'SGD', options: { learningRate: 0.1 } },
  { name: 'momentum', reference: 'tf.train.momentum(0.1, 0.9, false)', make: () => tf.train.momentum(0.1, 0.9, false),
    className: 'SGD', options: { learningRate: 0.1, momentum: 0.9, nesterov: false } },
  { name: 'nesterov', reference: 'tf.train.momentum(0.1, 0.9, true)', make: () => tf.train.momentum(0.1, 0.9, true),
    className: 'SGD', options: { learningRate: 0.1, momentum: 0.9, nesterov: true } },
  { name: 'adam_epsilon0', reference: 'tf.train.adam(0.1, 0.9, 0.998046875, 0)', make: () => tf.train.adam(0.1, 0.9, 0.998046875, 0),
    className: 'Adam', options: { learningRate: 0.1, beta1: 0.9, beta2: 0.998046875, epsilon: 0 } },
  { name: 'adam_betas', reference: 'tf.train.adam(0.05, 0.8, 0.99, 0)', make: () => tf.train.adam(0.05, 0.8, 0.99, 0),
    className: 'Adam', options: { learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 0 } },
  { name: 'adamax', reference: 'tf.train.adamax(0.1, 0.9, 0.999, 1e-7, 0)', make: () => tf.train.adamax(0.1, 0.9, 0.999, 1e-7, 0),
    className: 'Adamax', options: { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } },
  { name: 'rmsprop', reference: 'tf.train.rmsprop(0.01, 0.9, 0, 1e-7, false)', make: () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7, false),
    className: 'RMSprop', options: { learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false } },
  { name: 'rmsprop_momentum', reference: 'tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, false)', make: () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, false),
    className: 'RMSprop', options: { learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7, centered: false } },
  { name: 'rmsprop_centered_epsilon0', reference: 'tf.train.rmsprop(0.01, 0.9, 0.5, 0, true)', make: () => tf.train.rmsprop(0.01, 0.9, 0.5, 0, true),
    className: 'RMSprop', options: { learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 0, centered: true } },
  { name: 'adagrad', reference: 'tf.train.adagrad(0.1, 0.1) (ε = cpu backend epsilon() = 1e-7)', make: () => tf.train.adagrad(0.1, 0.1),
    className: 'Adagrad', options: { learningRate: 0.1, initialAccumulatorValue: 0.1, epsilon: 1e-7 } },
];

function run(testCase) {
  const variables = {};
  for (const [name, p] of Object.entries(problem)) variables[name] = tf.variable(tf.tensor(p.initial), true, `${testCase.name}_${name}`);
  const optimizer = testCase.make();
  const snapshot = () => Object.fromEntries(Object.entries(variables).map(([name, v]) => [name, v.arraySync()]));
  const trajectory = [snapshot()];
  for (let step = 0; step < STEPS; step++) {
    const grads = {};
    for (const [name, p] of Object.entries(problem)) {
      grads[variables[name].name] = tf.add(tf.mul(tf.tensor(p.a), variables[name]), tf.tensor(p.c));
    }
    optimizer.applyGradients(grads);
    for (const g of Object.values(grads)) g.dispose();
    trajectory.push(snapshot());
  }
  optimizer.dispose();
  for (const v of Object.values(variables)) v.dispose();
  return { reference: testCase.reference, className: testCase.className, options: testCase.options, trajectory };
}

const golden = {
  generator: 'spec/golden/optimizers.generate.mjs',
  tfjs: tf.version.tfjs,
  backend: tf.getBackend(),
  problem,
  cases: Object.fromEntries(cases.map((c) => [c.name, run(c)])),
};

const out = join(dirname(fileURLToPath(import.meta.url)), 'optimizers.json');
writeFileSync(out, `${JSON.stringify(golden, null, 2)}\n`);
process.stdout.write(`wrote ${out} (${cases.length} cases, ${STEPS} steps each)\n`);
