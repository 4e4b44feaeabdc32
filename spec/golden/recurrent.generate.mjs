// Records reference values for spec/layers/recurrent/golden.spec.ts (SimpleRNN, LSTM and GRU,
// forward and backward, and a 5-step training trajectory of a masked recurrent model) with
// TensorFlow.js on its pure-JavaScript cpu backend. Run from the repository root:
//   node spec/golden/recurrent.generate.mjs
// It writes spec/golden/recurrent.json. Each case is a tfjs layer built with the same options as
// the layerwise one (recurrentActivation given, since tfjs defaults to hardSigmoid where Keras 3
// has sigmoid; GRU with resetAfter false, the only form tfjs has), its weights set to fixed
// values; gradients are those of sum(output ⊙ R) for a fixed upstream gradient R, from
// tf.variableGrads. Tensors are stored flat, row-major, with their shapes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
await tf.ready();

/** `n` fixed values in [-1, 1), three decimals, from a linear congruential sequence started at `seed`. */
function values(n, seed) {
  const out = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out.push(Math.round(((s / 2147483648) * 2 - 1) * 1000) / 1000);
  }
  return out;
}

const size = (shape) => shape.reduce((a, b) => a * b, 1);

function record(name, className, options, inputShape) {
  const make = { SimpleRNN: tf.layers.simpleRNN, LSTM: tf.layers.lstm, GRU: tf.layers.gru }[className];
  const layer = options.layer
    ? tf.layers.bidirectional({ mergeMode: options.mergeMode, layer: make({ ...options.layer.config }) })
    : make({ ...options }); // a copy: tfjs adds its cell to the options object
  const xValues = values(size(inputShape), 7);
  const x = tf.variable(tf.tensor(xValues, inputShape));
  layer.apply(x); // builds the layer (and its cell)
  const weights = layer.getWeights().map((w, i) => ({ shape: w.shape, values: values(size(w.shape), 100 + i) }));
  layer.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  const output = layer.apply(x);
  const rValues = values(output.size, 13);
  const R = tf.tensor(rValues, output.shape);
  const vars = [x, ...layer.trainableWeights.map((w) => w.read())];
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x), R)), vars);
  return {
    name, className: options.layer ? 'Bidirectional' : className, options, x: { shape: inputShape, values: xValues }, weights,
    output: { shape: output.shape, values: Array.from(output.dataSync()) },
    call: `tf.layers.${options.layer ? 'bidirectional' : className === 'SimpleRNN' ? 'simpleRNN' : className.toLowerCase()}(${JSON.stringify(options)}), weights set; tf.variableGrads(() => sum(apply(x) * R), [x, ...weights])`,
    r: rValues,
    dInput: Array.from(grads[vars[0].name].dataSync()),
    dWeights: vars.slice(1).map((v) => Array.from(grads[v.name].dataSync())),
  };
}

const sigmoid = { recurrentActivation: 'sigmoid' };
const cases = [
  record('last output', 'SimpleRNN', { units: 3 }, [2, 4, 3]),
  record('sequences, goBackwards', 'SimpleRNN', { units: 2, returnSequences: true, goBackwards: true }, [2, 3, 2]),
  record('last output', 'LSTM', { units: 3, ...sigmoid }, [2, 5, 3]),
  record('sequences', 'LSTM', { units: 2, returnSequences: true, ...sigmoid }, [3, 4, 2]),
  record('goBackwards, no forget bias', 'LSTM', { units: 3, goBackwards: true, unitForgetBias: false, ...sigmoid }, [2, 4, 2]),
  record('last output (reset before the product)', 'GRU', { units: 3, resetAfter: false, ...sigmoid }, [2, 5, 3]),
  record('LSTM, concat, sequences', 'LSTM', { layer: { className: 'LSTM', config: { units: 2, returnSequences: true, ...sigmoid } }, mergeMode: 'concat' }, [2, 4, 3]),
  record('GRU (reset before), sum', 'GRU', { layer: { className: 'GRU', config: { units: 3, resetAfter: false, ...sigmoid } }, mergeMode: 'sum' }, [2, 5, 2]),
  record('sequences, goBackwards (reset before the product)', 'GRU', { units: 2, returnSequences: true, goBackwards: true, resetAfter: false, ...sigmoid }, [2, 4, 2]),
];

/**
 * Five steps of training from fixed weights: Masking (0) on sequences of 5 steps × 3 features
 * padded with zero steps, LSTM 4 returning sequences, GRU 3 (reset before), Dense 2 softmax,
 * categorical cross-entropy, SGD 0.2 with momentum 0.9, model.trainOnBatch on one batch of 4.
 */
async function trajectory() {
  const model = tf.sequential({
    layers: [
      tf.layers.masking({ maskValue: 0, inputShape: [5, 3] }),
      tf.layers.lstm({ units: 4, returnSequences: true, ...sigmoid }),
      tf.layers.gru({ units: 3, resetAfter: false, ...sigmoid }),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  const weights = model.getWeights().map((w, i) => ({ shape: w.shape, values: values(size(w.shape), 200 + i) }));
  model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  model.compile({ optimizer: tf.train.momentum(0.2, 0.9), loss: 'categoricalCrossentropy' });
  const xValues = values(4 * 5 * 3, 31);
  const lengths = [5, 3, 4, 2];
  for (let b = 0; b < 4; b++) for (let t = lengths[b]; t < 5; t++) for (let f = 0; f < 3; f++) xValues[(b * 5 + t) * 3 + f] = 0;
  const labels = [0, 1, 1, 0];
  const x = tf.tensor(xValues, [4, 5, 3]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);
  const losses = [];
  for (let step = 0; step < 5; step++) losses.push(await model.trainOnBatch(x, y));
  return {
    call: 'tf.sequential([masking 0, lstm 4 returnSequences, gru 3 (resetAfter false), dense 2 softmax]), tf.train.momentum(0.2, 0.9), 5× trainOnBatch on zero-padded sequences',
    weights, x: { shape: [4, 5, 3], values: xValues }, labels, losses,
    finalWeights: model.getWeights().map((w) => Array.from(w.dataSync())),
  };
}

const file = fileURLToPath(new URL('./recurrent.json', import.meta.url));
writeFileSync(file, `${JSON.stringify({ tfjs: tf.version.tfjs, backend: tf.getBackend(), cases, trajectory: await trajectory() })}\n`);
console.log(`wrote ${cases.length} cases to ${file}`);
