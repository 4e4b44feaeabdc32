/** The Keras MNIST convnet in TensorFlow.js's Layers API, on whichever backend is active. */
import * as tf from '@tensorflow/tfjs';
import { CLASSES, IMAGE_SIDE, type MlpSpec, type TrainSettings } from '../tasks';
import { oneHotRows, type BenchData } from '../data';
import type { PeerModel } from './peer';

/** Builds and compiles the convnet `spec` as a tfjs user would, with seeded Glorot initializers. */
export function createTfjsCnn(spec: MlpSpec, data: BenchData, settings: TrainSettings): PeerModel {
  const convnet = spec.convnet;
  if (!convnet) throw new Error(`createTfjsCnn: '${spec.id}' is not the convnet`);
  const init = (i: number) => tf.initializers.glorotUniform({ seed: settings.seed + i });
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [IMAGE_SIDE, IMAGE_SIDE, 1], kernelInitializer: init(0) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(convnet.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xTrain = tf.tensor4d(data.xTrain, [data.trainSamples, IMAGE_SIDE, IMAGE_SIDE, 1]);
  const yTrain = tf.tensor2d(oneHotRows(data.yTrain, CLASSES), [data.trainSamples, CLASSES]);
  const xTest = tf.tensor4d(data.xTest, [data.testSamples, IMAGE_SIDE, IMAGE_SIDE, 1]);
  return {
    async fitEpoch() {
      try {
        await model.fit(xTrain, yTrain, { epochs: 1, batchSize: convnet.batchSize, shuffle: true, verbose: 0 });
      } catch (error) {
        // tfjs-wasm 4.22 registers no convolution gradient kernels (tensorflow/tfjs#8474).
        throw new Error(`cannot train on '${tf.getBackend()}': ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    predict() {
      const scores = model.predict(xTest, { batchSize: convnet.inferBatch }) as tf.Tensor;
      const values = scores.dataSync();
      scores.dispose();
      return values;
    },
  };
}
