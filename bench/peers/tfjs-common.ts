/**
 * TensorFlow.js 4.22 with the Layers API, shared by the cpu and wasm peers: the same model,
 * `model.fit` and `model.predict` as a tfjs user would write, on whichever backend is active.
 */
import * as tf from '@tensorflow/tfjs';
import { CLASSES, INPUTS, type MatmulShape, type MlpSpec, type TrainSettings } from '../tasks';
import { oneHotRows, type BenchData } from '../data';
import type { MatmulProduct, Peer, PeerModel } from './peer';

/** Selects `backend` and returns the tfjs peer running on it. */
export async function createTfjsPeer(backend: 'cpu' | 'wasm', notes: readonly string[]): Promise<Peer> {
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs peer: backend '${backend}' failed to initialize`);
  await tf.ready();
  if (tf.getBackend() !== backend) throw new Error(`tfjs peer: asked for backend '${backend}', got '${tf.getBackend()}'`);
  return { notes, createMlp, createMatmul };
}

async function createMlp(spec: MlpSpec, data: BenchData, settings: TrainSettings): Promise<PeerModel> {
  if (spec.convnet) return (await import('./tfjs-cnn')).createTfjsCnn(spec, data, settings);
  const model = tf.sequential();
  spec.hidden.forEach((units, i) => model.add(tf.layers.dense({
    units, activation: 'relu', ...(i === 0 ? { inputShape: [INPUTS] } : {}),
    kernelInitializer: tf.initializers.glorotUniform({ seed: settings.seed + i }),
  })));
  model.add(tf.layers.dense({
    units: CLASSES, activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed: settings.seed + spec.hidden.length }),
  }));
  model.compile({ optimizer: tf.train.sgd(settings.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xTrain = tf.tensor2d(data.xTrain, [data.trainSamples, INPUTS]);
  const yTrain = tf.tensor2d(oneHotRows(data.yTrain, CLASSES), [data.trainSamples, CLASSES]);
  const xTest = tf.tensor2d(data.xTest, [data.testSamples, INPUTS]);
  return {
    async fitEpoch() {
      await model.fit(xTrain, yTrain, { epochs: 1, batchSize: settings.batchSize, shuffle: true, verbose: 0 });
    },
    predict() {
      const scores = model.predict(xTest, { batchSize: data.testSamples }) as tf.Tensor;
      const values = scores.dataSync();
      scores.dispose();
      return values;
    },
  };
}

function createMatmul(shape: MatmulShape, transposeA: boolean, seed: number): MatmulProduct {
  const { m, k, n } = shape;
  const a = tf.randomUniform(transposeA ? [k, m] : [m, k], -1, 1, 'float32', seed);
  const b = tf.randomUniform([k, n], -1, 1, 'float32', seed + 1);
  return {
    run() {
      const c = tf.matMul(a, b, transposeA);
      c.dataSync();
      c.dispose();
    },
  };
}
