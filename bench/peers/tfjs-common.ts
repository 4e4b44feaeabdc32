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

/** The residual MLP of `spec` (see `MlpSpec.residual`) with TensorFlow.js's functional API. */
function residualMlp(spec: MlpSpec, seed: number): tf.LayersModel {
  const [first, inner, outer] = spec.hidden;
  const init = (i: number) => tf.initializers.glorotUniform({ seed: seed + i });
  const x = tf.input({ shape: [INPUTS] });
  const h = tf.layers.dense({ units: first, activation: 'relu', kernelInitializer: init(0) }).apply(x) as tf.SymbolicTensor;
  const inside = tf.layers.dense({ units: inner, activation: 'relu', kernelInitializer: init(1) }).apply(h) as tf.SymbolicTensor;
  const branch = tf.layers.dense({ units: outer, kernelInitializer: init(2) }).apply(inside) as tf.SymbolicTensor;
  const joined = tf.layers.reLU().apply(tf.layers.add().apply([h, branch])) as tf.SymbolicTensor;
  const y = tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: init(3) }).apply(joined) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: y });
}

async function createMlp(spec: MlpSpec, data: BenchData, settings: TrainSettings): Promise<PeerModel> {
  if (spec.convnet) return (await import('./tfjs-cnn')).createTfjsCnn(spec, data, settings);
  const model = spec.residual ? residualMlp(spec, settings.seed) : tf.sequential();
  if (model instanceof tf.Sequential) {
    spec.hidden.forEach((units, i) => model.add(tf.layers.dense({
      units, activation: 'relu', ...(i === 0 ? { inputShape: [INPUTS] } : {}),
      kernelInitializer: tf.initializers.glorotUniform({ seed: settings.seed + i }),
    })));
    model.add(tf.layers.dense({
      units: CLASSES, activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: settings.seed + spec.hidden.length }),
    }));
  }
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
