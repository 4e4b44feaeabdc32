// Records 5-step training trajectories of two functional (graph) models from TensorFlow.js (cpu
// backend, float32) into spec/golden/graph.json, for spec/lib/engine/golden-graph.spec.ts.
//
// Run: node spec/golden/graph.generate.mjs
//
// The models, built with tf.input / layer.apply / tf.model:
// - residual: x [4] → Dense(8, relu) 'hidden' → Dense(4) 'project' → Add 'residual' with x →
//   Dense(3, softmax) 'probs'; categoricalCrossentropy.
// - two_heads: a [3], b [2] → Concatenate 'joined' → Dense(6, tanh) 'trunk' → 'reg' Dense(1) (mse)
//   and 'cls' Dense(2, softmax) (categoricalCrossentropy); lossWeights { reg: 1, cls: 0.5 }.
// Every weight starts at a fixed value (written below as `initialWeights`, keyed
// `<layer>/<kernel|bias>`), the data is one fixed batch, and each case runs 5 calls of
// `model.trainOnBatch(x, y)`, recording the loss it returns (computed before that step's update)
// and the weights after the last step.
//
// TensorFlow.js 4.22 ignores compile's lossWeights (tfjs-layers training.ts: "TODO(cais): Add
// lossWeights"; its total is L_reg + L_cls), so the weight 0.5 is folded into the cls loss
// function, `(y, p) => 0.5·categoricalCrossentropy(y, p)`: the total, and so every gradient, is
// then Keras's L = 1·L_reg + 0.5·L_cls. The per-output losses are recorded unweighted, as Keras's
// History reports them (the cls value trainOnBatch returns, divided by 0.5).
//
// Adam is recorded with ε = 0: TensorFlow.js adds ε to √v̂ (bias-corrected), Keras 3 (and
// layerwise) to √v, a difference of up to 3e-4 relative in the first steps' updates at ε = 1e-7.
// With ε = 0 both are η·m̂/√v̂; the script checks that no gradient is exactly 0 (every ReLU unit is
// active on some row), which would make that 0/0.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
await tf.ready();

const STEPS = 5;
/** The weight of the 'cls' output's loss in two_heads' total. */
const CLS_WEIGHT = 0.5;

/** `rows × cols` fixed values: a small integer recurrence scaled into [-scale, scale], 3 decimals. */
function fixed(seed, shape, scale) {
  const size = shape.reduce((a, b) => a * b, 1);
  let s = seed;
  const flat = Array.from({ length: size }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.round(((s / 2147483648) * 2 - 1) * scale * 1000) / 1000;
  });
  if (shape.length === 1) return flat;
  return Array.from({ length: shape[0] }, (_, i) => flat.slice(i * shape[1], (i + 1) * shape[1]));
}

const residualWeights = {
  'hidden/kernel': fixed(1, [4, 8], 0.7),
  'hidden/bias': [0.1, 0.05, 0.2, 0.15, 0.1, 0.25, 0.05, 0.2],
  'project/kernel': fixed(2, [8, 4], 0.6),
  'project/bias': [0.05, -0.1, 0.02, 0.08],
  'probs/kernel': fixed(3, [4, 3], 0.8),
  'probs/bias': [0.1, -0.05, 0.02],
};

const twoHeadsWeights = {
  'trunk/kernel': fixed(4, [5, 6], 0.7),
  'trunk/bias': [0.05, -0.1, 0.1, 0.0, -0.05, 0.15],
  'reg/kernel': fixed(5, [6, 1], 0.8),
  'reg/bias': [0.2],
  'cls/kernel': fixed(6, [6, 2], 0.8),
  'cls/bias': [-0.1, 0.1],
};

const residualData = {
  x: { x: fixed(7, [6, 4], 1.5) },
  y: { probs: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]] },
};

const twoHeadsData = {
  x: { a: fixed(8, [5, 3], 1.5), b: fixed(9, [5, 2], 1.5) },
  y: { reg: [[0.5], [-1.0], [1.5], [0.25], [-0.5]], cls: [[1, 0], [0, 1], [0, 1], [1, 0], [1, 0]] },
};

function buildResidual() {
  const x = tf.input({ shape: [4], name: 'x' });
  const h = tf.layers.dense({ units: 8, activation: 'relu', name: 'hidden' }).apply(x);
  const p = tf.layers.dense({ units: 4, name: 'project' }).apply(h);
  const r = tf.layers.add({ name: 'residual' }).apply([p, x]);
  const y = tf.layers.dense({ units: 3, activation: 'softmax', name: 'probs' }).apply(r);
  return tf.model({ inputs: x, outputs: y, name: 'residual_mlp' });
}

function buildTwoHeads() {
  const a = tf.input({ shape: [3], name: 'a' });
  const b = tf.input({ shape: [2], name: 'b' });
  const joined = tf.layers.concatenate({ name: 'joined' }).apply([a, b]);
  const trunk = tf.layers.dense({ units: 6, activation: 'tanh', name: 'trunk' }).apply(joined);
  const reg = tf.layers.dense({ units: 1, name: 'reg' }).apply(trunk);
  const cls = tf.layers.dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(trunk);
  return tf.model({ inputs: [a, b], outputs: [reg, cls], name: 'two_heads' });
}

/** `layer/kernel` for a tfjs LayerVariable (whose own name may carry a uniquifying suffix). */
function weightKey(model, index) {
  const variable = model.weights[index];
  const layer = model.layers.find((l) => l.weights.includes(variable));
  return `${layer.name}/${variable.originalName.split('/').pop()}`;
}

const models = {
  residual: {
    reference: 'tf.model({ inputs: x, outputs: dense(3, softmax)(add([dense(4)(dense(8, relu)(x)), x])) })',
    build: buildResidual,
    compile: { loss: 'categoricalCrossentropy' },
    layerwiseCompile: { loss: 'categoricalCrossentropy' },
    initialWeights: residualWeights,
    data: residualData,
    lossOf: (model, xs, ys) => tf.mean(tf.metrics.categoricalCrossentropy(ys[0], model.apply(xs[0], { training: true }))),
  },
  two_heads: {
    reference: "tf.model({ inputs: [a, b], outputs: [reg, cls] }), trunk = dense(6, tanh)(concatenate([a, b])); loss { reg: 'meanSquaredError', cls: (y, p) => 0.5 * tf.metrics.categoricalCrossentropy(y, p) } (lossWeights { reg: 1, cls: 0.5 } folded in)",
    build: buildTwoHeads,
    compile: { loss: { reg: 'meanSquaredError', cls: (y, p) => tf.mul(CLS_WEIGHT, tf.metrics.categoricalCrossentropy(y, p)) } },
    lossWeights: { reg: 1, cls: CLS_WEIGHT },
    layerwiseCompile: { loss: { reg: 'mse', cls: 'categoricalCrossentropy' }, lossWeights: { reg: 1, cls: CLS_WEIGHT } },
    initialWeights: twoHeadsWeights,
    data: twoHeadsData,
    lossOf: (model, xs, ys) => {
      const [reg, cls] = model.apply(xs, { training: true });
      return tf.add(tf.mean(tf.metrics.meanSquaredError(ys[0], reg)), tf.mul(CLS_WEIGHT, tf.mean(tf.metrics.categoricalCrossentropy(ys[1], cls))));
    },
  },
};

const optimizerCases = {
  sgd: { reference: 'tf.train.sgd(0.1)', make: () => tf.train.sgd(0.1), className: 'SGD', options: { learningRate: 0.1 } },
  adam: {
    reference: 'tf.train.adam(0.01, 0.9, 0.999, 0)', make: () => tf.train.adam(0.01, 0.9, 0.999, 0),
    className: 'Adam', options: { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 0 },
  },
};

async function run(spec, optimizerCase) {
  const model = spec.build();
  const order = model.weights.map((_, i) => weightKey(model, i));
  model.setWeights(order.map((key) => tf.tensor(spec.initialWeights[key])));
  model.compile({ optimizer: optimizerCase.make(), ...spec.compile });
  const xs = model.inputNames.map((n) => tf.tensor(spec.data.x[n]));
  const ys = model.outputNames.map((n) => tf.tensor(spec.data.y[n]));
  const losses = [];
  const outputLosses = [];
  for (let step = 0; step < STEPS; step++) {
    // A gradient of exactly 0 (a unit dead on the whole batch) would make Adam's ε = 0 update 0/0.
    const variables = model.trainableWeights.map((w) => w.read());
    const { grads } = tf.variableGrads(() => spec.lossOf(model, xs, ys), variables);
    for (const [name, g] of Object.entries(grads)) {
      if (Array.from(g.dataSync()).some((v) => v === 0)) throw new Error(`${spec.reference}: a gradient of ${name} is exactly 0 before step ${step + 1}`);
    }
    const result = await model.trainOnBatch(xs, ys);
    const values = Array.isArray(result) ? result : [result];
    losses.push(values[0]);
    if (values.length > 1) outputLosses.push(Object.fromEntries(model.outputNames.map((n, k) => [n, values[k + 1] / (spec.lossWeights?.[n] ?? 1)])));
  }
  const finalWeights = Object.fromEntries(model.getWeights().map((w, i) => [order[i], w.arraySync()]));
  if (![...losses, ...Object.values(finalWeights).flat(2)].every(Number.isFinite)) throw new Error(`${spec.reference}: not finite`);
  return { reference: optimizerCase.reference, className: optimizerCase.className, options: optimizerCase.options, losses, outputLosses, finalWeights };
}

const golden = {
  generator: 'spec/golden/graph.generate.mjs',
  tfjs: tf.version.tfjs,
  backend: tf.getBackend(),
  steps: STEPS,
  models: {},
};
for (const [name, spec] of Object.entries(models)) {
  const probe = spec.build();
  golden.models[name] = {
    reference: spec.reference,
    inputNames: probe.inputNames,
    outputNames: probe.outputNames,
    weightOrder: probe.weights.map((_, i) => weightKey(probe, i)),
    compile: spec.layerwiseCompile,
    initialWeights: spec.initialWeights,
    data: spec.data,
    cases: {},
  };
  for (const [caseName, optimizerCase] of Object.entries(optimizerCases)) {
    golden.models[name].cases[caseName] = await run(spec, optimizerCase);
  }
}

const out = join(dirname(fileURLToPath(import.meta.url)), 'graph.json');
writeFileSync(out, `${JSON.stringify(golden, null, 2)}\n`);
process.stdout.write(`wrote ${out} (${Object.keys(models).length} models × ${Object.keys(optimizerCases).length} optimizers, ${STEPS} steps each)\n`);
