/**
 * A functional model: two inputs (the digit's pixels and two numbers about it), a residual
 * block, one softmax output. Built with `input()` and `layer.apply()`, trained with `fit`,
 * saved, and read back by TensorFlow.js (`tf.loadLayersModel`), which predicts the same.
 *
 * Run: npx tsx examples/functional.ts
 */
import { readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as tf from '@tensorflow/tfjs';
import { Add, Concatenate, Dense, Model, ReLU, input, mnistSplit, oneHot, setSeed, tensor, toArray, type Tensor } from '../lib';

/** Per digit: the share of inked pixels and the height of the ink's centre (0 top, 1 bottom). */
function metadata(images: Tensor): Tensor {
  const rows: number[][] = [];
  for (let i = 0; i < images.shape[0]; i++) {
    let ink = 0, weighted = 0;
    for (let p = 0; p < 784; p++) {
      const v = images.get(i, p);
      ink += v;
      weighted += v * Math.floor(p / 28);
    }
    rows.push([ink / 784, ink > 0 ? weighted / ink / 27 : 0.5]);
  }
  return tensor(rows);
}

/** TensorFlow.js in Node without tfjs-node has no `file://` loader: read model.json and the weights it names. */
async function tfjsLoad(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  const bytes = Buffer.concat(json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(join(dir, p)))));
  return tf.loadLayersModel(tf.io.fromMemory(tf.io.getModelArtifactsForJSONSync(json, json.weightsManifest.flatMap((g) => g.weights), new Uint8Array(bytes).buffer)));
}

/** Trains for `epochs`, saves into `dir`, and returns the test accuracy and the largest layerwise–TensorFlow.js difference. */
export async function main(epochs = 3, dir = join(tmpdir(), 'layerwise-functional')): Promise<{ accuracy: number; maxAbsDifference: number }> {
  setSeed(5);
  const { xTrain, yTrain, xTest, yTest } = mnistSplit({ trainSize: 4000, testSize: 1000, seed: 0 });

  // The graph: pixels → Dense → a residual block (h + Dense(ReLU(Dense(h)))), joined with the metadata.
  const pixels = input({ shape: [784], name: 'pixels' });
  const meta = input({ shape: [2], name: 'meta' });
  const h = new Dense({ units: 64, activation: 'relu', name: 'embed' }).apply(pixels);
  const branch = new Dense({ units: 64, name: 'block_out' }).apply(new Dense({ units: 64, activation: 'relu', name: 'block_in' }).apply(h));
  const residual = new ReLU({ name: 'block_relu' }).apply(new Add({ name: 'skip' }).apply([h, branch]));
  const joined = new Concatenate({ name: 'with_meta' }).apply([residual, meta]);
  const digit = new Dense({ units: 10, activation: 'softmax', name: 'digit' }).apply(joined);
  const model = new Model({ inputs: [pixels, meta], outputs: digit, name: 'digits_with_meta' });
  model.summary();

  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  // Inputs by name: the backward pass sums the two gradients that reach `h` (the skip and the block).
  await model.fit({ pixels: xTrain, meta: metadata(xTrain) }, oneHot(yTrain, 10), { epochs, batchSize: 32, verbose: 0, seed: 1 });
  const xTestMeta = metadata(xTest);
  const [, accuracy] = model.evaluate([xTest, xTestMeta], oneHot(yTest, 10)) as number[];
  console.log(`test accuracy after ${epochs} epochs: ${(accuracy * 100).toFixed(1)}% of ${xTest.shape[0]} digits`);

  await model.save(dir);
  await tf.setBackend('cpu');
  tf.enableProdMode();
  const tfModel = await tfjsLoad(dir);
  const images = xTest.hi(8);
  const ours = toArray(model.predict([images, xTestMeta.hi(8)])) as number[][];
  const theirs = (tfModel.predict([tf.tensor2d(toArray(images) as number[][]), tf.tensor2d(toArray(xTestMeta.hi(8)) as number[][])]) as tf.Tensor).arraySync() as number[][];
  const maxAbsDifference = Math.max(...ours.flatMap((row, i) => row.map((p, k) => Math.abs(p - theirs[i][k]))));
  console.log(`TensorFlow.js loaded ${dir}: inputs ${tfModel.inputNames.join(', ')}; largest difference in probabilities: ${maxAbsDifference.toExponential(2)}`);
  return { accuracy, maxAbsDifference };
}

if (require.main === module) void main();
