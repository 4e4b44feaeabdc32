/**
 * Save and serve: train a small digit reader, save it in the TensorFlow.js layers format, then
 * load the files twice, in layerwise (`loadModel`) and in TensorFlow.js (`tf.loadLayersModel`),
 * and check that both read the same digits with the same probabilities.
 *
 * Run: npx tsx examples/save-and-serve.ts
 */
import { readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as tf from '@tensorflow/tfjs';
import { Dense, Sequential, loadModel, mnistSplit, oneHot, renderDigit, setSeed, toArray } from '../lib';

/** What both libraries read: the digit and the probabilities per test image, and how far apart they are. */
export interface ServeResult {
  layerwiseDigits: number[];
  tfjsDigits: number[];
  maxAbsDifference: number;
}

/** TensorFlow.js in Node without tfjs-node has no `file://` loader: read model.json and the weights files it names. */
async function tfjsLoadFromDirectory(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  const bytes = Buffer.concat(json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(join(dir, p)))));
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  return tf.loadLayersModel(tf.io.fromMemory(tf.io.getModelArtifactsForJSONSync(json, specs, new Uint8Array(bytes).buffer)));
}

const argmax = (row: number[]): number => row.indexOf(Math.max(...row));

/** Trains for `epochs`, saves into `dir`, serves the files with both libraries and returns what each read. */
export async function main(epochs = 3, dir = join(tmpdir(), 'layerwise-mnist-model')): Promise<ServeResult> {
  setSeed(3);
  const { xTrain, yTrain, xTest, yTest } = mnistSplit({ trainSize: 4000, testSize: 1000, seed: 0 });
  const model = new Sequential([
    new Dense({ units: 64, activation: 'relu', inputShape: [784] }),
    new Dense({ units: 10, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(xTrain, oneHot(yTrain, 10), { epochs, batchSize: 32, verbose: 0, seed: 1 });
  const [, accuracy] = model.evaluate(xTest, oneHot(yTest, 10)) as number[];
  console.log(`trained 784-64-10 for ${epochs} epochs: ${(accuracy * 100).toFixed(1)}% of ${xTest.shape[0]} test digits read right`);

  // One call writes model.json and a weights binary, atomically (a crash keeps the previous save).
  const { modelJsonPath, weightBytes } = await model.save(`file://${dir}`);
  console.log(`saved ${modelJsonPath} and ${weightBytes} bytes of float32 weights`);

  const served = await loadModel(dir);
  await tf.setBackend('cpu');
  tf.enableProdMode(); // quiets TensorFlow.js's "install tfjs-node" hint
  const tfModel = await tfjsLoadFromDirectory(dir);

  const images = xTest.hi(4);
  const ours = toArray(served.predict(images)) as number[][];
  const theirs = (tfModel.predict(tf.tensor2d(toArray(images) as number[][])) as tf.Tensor).arraySync() as number[][];
  const maxAbsDifference = Math.max(...ours.flatMap((row, i) => row.map((p, k) => Math.abs(p - theirs[i][k]))));

  const pictures = ours.map((_, i) => renderDigit(xTest.pick(i, null), { compact: true }).split('\n'));
  for (let line = 0; line < pictures[0].length; line++) console.log(pictures.map((p) => p[line]).join('    '));
  const labels = toArray(yTest.hi(4)) as number[];
  console.log(ours.map((row, i) => `true ${labels[i]}: layerwise ${argmax(row)}, tfjs ${argmax(theirs[i])}`.padEnd(32)).join(''));
  console.log(`largest difference between the two libraries' probabilities: ${maxAbsDifference.toExponential(2)}`);
  return { layerwiseDigits: ours.map(argmax), tfjsDigits: theirs.map(argmax), maxAbsDifference };
}

if (require.main === module) void main();
