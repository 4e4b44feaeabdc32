// Records reference values for spec/layers/conv-golden.spec.ts (Conv2D, the poolings,
// DepthwiseConv2D, SeparableConv2D and Conv2DTranspose, forward and backward) with
// TensorFlow.js on its pure-JavaScript cpu backend. Run from the repository root:
//   node spec/golden/conv.generate.mjs
// It writes spec/golden/conv.json. Each case is a tfjs layer built with the same options as the
// layerwise one, its weights set to fixed values; gradients are those of sum(output ⊙ R) for a
// fixed upstream gradient R, from tf.variableGrads. Tensors are stored flat, row-major, with
// their shapes.
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

/**
 * A case: `make` builds the tfjs layer from `options`, applied to x of `inputShape`. With
 * `forwardOnly` no gradient is recorded: tfjs 4.22 has no conv2D gradient for dilation > 1, and
 * its cpu AvgPoolGrad multiplies by 1/(kh·kw) even for windows clipped by 'same' padding, while
 * its forward divides by the taps inside the image, so that gradient is not its forward's
 * (layerwise's is checked against central differences instead).
 */
function record(name, className, make, options, inputShape, forwardOnly = false) {
  const layer = make(options);
  layer.build([null, ...inputShape.slice(1)]);
  const weights = layer.getWeights().map((w, i) => ({ shape: w.shape, values: values(size(w.shape), 100 + i) }));
  layer.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  const xValues = values(size(inputShape), 7);
  const x = tf.variable(tf.tensor(xValues, inputShape));
  const output = layer.apply(x);
  const rValues = values(output.size, 13);
  const R = tf.tensor(rValues, output.shape);
  const vars = [x, ...layer.trainableWeights.map((w) => w.read())];
  const tfName = `${className[0].toLowerCase()}${className.slice(1)}`.replace(/([12])D/, "$1d");
  const call = `tf.layers.${tfName}(${JSON.stringify(options)}), weights set`;
  const base = { name, className, options, x: { shape: inputShape, values: xValues }, weights, output: { shape: output.shape, values: Array.from(output.dataSync()) } };
  if (forwardOnly) return { ...base, call: `${call}; forward only` };
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x), R)), vars);
  return {
    ...base,
    call: `${call}; tf.variableGrads(() => sum(apply(x) * R), [x, ...weights])`,
    r: rValues,
    dInput: Array.from(grads[vars[0].name].dataSync()),
    dWeights: vars.slice(1).map((v) => Array.from(grads[v.name].dataSync())),
  };
}

const conv2d = (o) => tf.layers.conv2d(o);
const maxPooling2d = (o) => tf.layers.maxPooling2d(o);
const averagePooling2d = (o) => tf.layers.averagePooling2d(o);
const depthwiseConv2d = (o) => tf.layers.depthwiseConv2d(o);
const separableConv2d = (o) => tf.layers.separableConv2d(o);
const conv2dTranspose = (o) => tf.layers.conv2dTranspose(o);
const conv1d = (o) => tf.layers.conv1d(o);

const cases = [
  record('3×3 valid', 'Conv2D', conv2d, { filters: 3, kernelSize: 3 }, [2, 5, 6, 2]),
  record('3×3 same, strides 2', 'Conv2D', conv2d, { filters: 2, kernelSize: 3, strides: 2, padding: 'same' }, [2, 6, 7, 3]),
  record('4×4 same, strides 2 (odd padding split)', 'Conv2D', conv2d, { filters: 2, kernelSize: 4, strides: 2, padding: 'same' }, [1, 7, 6, 2]),
  record('2×3 same, dilation 2, relu', 'Conv2D', conv2d, { filters: 2, kernelSize: [2, 3], dilationRate: 2, padding: 'same', activation: 'relu' }, [1, 6, 6, 2], true),
  record('2×2 valid', 'MaxPooling2D', maxPooling2d, { poolSize: 2 }, [2, 5, 4, 3]),
  record('3×3 same, strides 2', 'MaxPooling2D', maxPooling2d, { poolSize: 3, strides: 2, padding: 'same' }, [1, 6, 7, 2]),
  record('3×3 same, strides 2', 'AveragePooling2D', averagePooling2d, { poolSize: 3, strides: 2, padding: 'same' }, [1, 6, 7, 2], true),
  record('2×2 valid, strides 2', 'AveragePooling2D', averagePooling2d, { poolSize: 2 }, [1, 6, 7, 2]),
  record('2×2 valid, strides 1', 'AveragePooling2D', averagePooling2d, { poolSize: 2, strides: 1 }, [2, 4, 3, 2]),
  record('3×3 same, multiplier 2', 'DepthwiseConv2D', depthwiseConv2d, { kernelSize: 3, padding: 'same', depthMultiplier: 2 }, [2, 5, 4, 3]),
  record('2×2 valid, strides 2', 'DepthwiseConv2D', depthwiseConv2d, { kernelSize: 2, strides: 2 }, [1, 6, 5, 2]),
  record('3×3 same', 'SeparableConv2D', separableConv2d, { filters: 4, kernelSize: 3, padding: 'same', depthMultiplier: 2 }, [1, 5, 5, 2]),
  record('3×3 same, strides 2', 'Conv2DTranspose', conv2dTranspose, { filters: 2, kernelSize: 3, strides: 2, padding: 'same' }, [2, 3, 4, 3]),
  record('3×3 valid, strides 2', 'Conv2DTranspose', conv2dTranspose, { filters: 3, kernelSize: 3, strides: 2 }, [1, 3, 3, 2]),
  record('3 same, strides 2', 'Conv1D', conv1d, { filters: 3, kernelSize: 3, strides: 2, padding: 'same' }, [2, 7, 2]),
];

/**
 * A 5-step training trajectory of a small CNN from fixed weights: Conv2D 3 3×3 ReLU 'same',
 * MaxPooling2D 2, Conv2D 4 2×2 strides 2 tanh, Flatten, Dense 3 softmax, categorical
 * cross-entropy, SGD 0.1 with momentum 0.9, model.trainOnBatch on one fixed batch of 4.
 */
function trajectory() {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 2] }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 4, kernelSize: 2, strides: 2, activation: 'tanh' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  const weights = model.getWeights().map((w, i) => ({ shape: w.shape, values: values(size(w.shape), 200 + i) }));
  model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  model.compile({ optimizer: tf.train.momentum(0.1, 0.9), loss: 'categoricalCrossentropy' });
  const xValues = values(4 * 6 * 6 * 2, 31);
  const labels = [0, 2, 1, 2];
  const x = tf.tensor(xValues, [4, 6, 6, 2]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 3);
  const losses = [];
  return (async () => {
    for (let step = 0; step < 5; step++) losses.push(await model.trainOnBatch(x, y));
    return {
      call: 'tf.sequential([conv2d 3×3 same relu, maxPooling2d 2, conv2d 2×2 strides 2 tanh, flatten, dense 3 softmax]), tf.train.momentum(0.1, 0.9), 5× trainOnBatch',
      weights, x: { shape: [4, 6, 6, 2], values: xValues }, labels, losses,
      finalWeights: model.getWeights().map((w) => Array.from(w.dataSync())),
    };
  })();
}

const file = fileURLToPath(new URL('./conv.json', import.meta.url));
writeFileSync(file, `${JSON.stringify({ tfjs: tf.version.tfjs, backend: tf.getBackend(), cases, trajectory: await trajectory() })}\n`);
console.log(`wrote ${cases.length} cases to ${file}`);
