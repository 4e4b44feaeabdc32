/**
 * layerwise in a browser: trains XOR and a two-class spiral on the page, writes loss and
 * accuracy into the DOM, draws the spiral's decision regions and its learning curve (the
 * `plotHistory` SVG; Vega loads on that first call). `fit`'s `verbose` progress goes to the console. The page imports only the public API, from the ES-module bundle that
 * `npm run build:browser` writes (served next to this file as ./layerwise.js).
 *
 * When it finishes, <body data-status> is "done" (or "error", set by report-errors.js), and
 * each <output> carries its number in `data-value`: scripts/browser-smoke.mjs waits for that
 * and checks the results.
 */
import {
  Adam, Dense, SGD, Sequential, isWasmReady, oneHot, plotHistory, setSeed, spirals, tensor, toArray, trainTestSplit, xor,
} from './layerwise.js';

const $ = (id) => document.getElementById(id);

function show(id, value, text) {
  $(id).dataset.value = String(value);
  $(id).textContent = text;
}

/** Lets the browser paint between the trainings (fit itself runs to the end without yielding). */
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

/** XOR: 4 points, one batch, 1000 steps of SGD with momentum (as examples/xor.ts). */
async function trainXor() {
  setSeed(7);
  const { x, y } = xor();
  const model = new Sequential([
    new Dense({ units: 8, activation: 'tanh', inputShape: [2] }),
    new Dense({ units: 1, activation: 'sigmoid' }),
  ]);
  model.compile({ optimizer: new SGD({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  model.summary(); // to the console
  const epochs = 1000;
  await model.fit(x, y, { epochs, batchSize: 4, verbose: 0, seed: 1 });
  const [loss, accuracy] = model.evaluate(x, y);
  $('xor-epochs').textContent = String(epochs);
  show('xor-loss', loss, loss.toFixed(4));
  show('xor-accuracy', accuracy, `${(accuracy * 100).toFixed(0)}%`);
}

/** Two spiral arms, 300 points, a 2-32-32-2 ReLU network with a softmax output, scored on held-out points. */
async function trainSpiral() {
  setSeed(3);
  const { x, y } = spirals({ nSamples: 300, nClasses: 2, noise: 0.1, seed: 1 });
  const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, oneHot(y, 2), { testSize: 0.2, seed: 2 });
  const model = new Sequential([
    new Dense({ units: 32, activation: 'relu', inputShape: [2] }),
    new Dense({ units: 32, activation: 'relu' }),
    new Dense({ units: 2, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const epochs = 200;
  const history = await model.fit(xTrain, yTrain, { epochs, batchSize: 32, validationSplit: 0.2, verbose: 1, seed: 4 });
  const [loss, accuracy] = model.evaluate(xTest, yTest);
  $('spiral-epochs').textContent = String(epochs);
  show('spiral-loss', loss, loss.toFixed(4));
  show('spiral-accuracy', accuracy, `${(accuracy * 100).toFixed(1)}%`);
  drawRegions(model, toArray(xTrain), toArray(yTrain));
  // null: no file to write (that is Node-only); the SVG text comes back.
  $('spiral-curves').innerHTML = await plotHistory(history, null, { metrics: ['loss'], width: 360, height: 160 });
}

/** Colours a 60 × 60 grid over [-1, 1]² by the predicted class, then plots the training points. */
function drawRegions(model, points, targets) {
  const canvas = $('spiral-map');
  const ctx = canvas.getContext('2d');
  const n = 60, cell = canvas.width / n;
  const grid = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) grid.push([-1 + (2 * (j + 0.5)) / n, 1 - (2 * (i + 0.5)) / n]);
  const p = toArray(model.predict(tensor(grid)));
  p.forEach(([p0], k) => {
    ctx.fillStyle = p0 > 0.5 ? '#cfe0f7' : '#f8d9c4';
    ctx.fillRect((k % n) * cell, Math.floor(k / n) * cell, cell, cell);
  });
  points.forEach(([px, py], k) => {
    ctx.fillStyle = targets[k][0] === 1 ? '#1f5fbf' : '#d2691e';
    ctx.beginPath();
    ctx.arc(((px + 1) / 2) * canvas.width, ((1 - py) / 2) * canvas.height, 2.5, 0, 2 * Math.PI);
    ctx.fill();
  });
}

/** Runs both trainings; an error reaches report-errors.js, which shows it. */
async function main() {
  document.body.dataset.status = 'running';
  $('status').textContent = 'training XOR…';
  await nextFrame();
  await trainXor();
  $('status').textContent = 'training the spiral classifier…';
  await nextFrame();
  await trainSpiral();
  // The 'auto' kernel backend loads the WebAssembly SIMD GEMM on the first large float32
  // product, and uses the TypeScript kernel where WebAssembly or SIMD is missing.
  show('kernel', isWasmReady() ? 'wasm' : 'js', isWasmReady() ? 'WebAssembly (SIMD)' : 'TypeScript (no WebAssembly SIMD here)');
  $('status').textContent = 'done';
  document.body.dataset.status = 'done';
}

main();
