/** The Keras MNIST convnet in layerwise, through its public API. */
import ndarray from 'ndarray';
import {
  Adam, Conv2D, Dense, Dropout, Flatten, MaxPooling2D, Sequential, oneHot, setSeed, toContiguous, type Tensor,
} from '../../lib';
import { CLASSES, IMAGE_SIDE, type MlpSpec, type TrainSettings } from '../tasks';
import type { BenchData } from '../data';
import type { PeerModel } from './peer';

/** Keras's "Simple MNIST convnet", uncompiled: Conv2D 32 3×3 ReLU, MaxPool 2, Conv2D 64 3×3 ReLU, MaxPool 2, Flatten, Dropout 0.5, Dense 10 softmax. */
export function kerasMnistConvnet(): Sequential {
  return new Sequential([
    new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [IMAGE_SIDE, IMAGE_SIDE, 1] }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
    new MaxPooling2D({ poolSize: 2 }),
    new Flatten(),
    new Dropout({ rate: 0.5 }),
    new Dense({ units: CLASSES, activation: 'softmax' }),
  ]);
}

/** Builds and compiles the convnet `spec` on zero-copy `[N, 28, 28, 1]` views of the digits. */
export function createLayerwiseCnn(spec: MlpSpec, data: BenchData, settings: TrainSettings): PeerModel {
  const convnet = spec.convnet;
  if (!convnet) throw new Error(`createLayerwiseCnn: '${spec.id}' is not the convnet`);
  setSeed(settings.seed);
  const model = kerasMnistConvnet();
  model.compile({ optimizer: new Adam({ learningRate: convnet.learningRate }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xTrain = ndarray(data.xTrain, [data.trainSamples, IMAGE_SIDE, IMAGE_SIDE, 1]);
  const yTrain = oneHot(data.yTrain, CLASSES);
  const xTest = ndarray(data.xTest, [data.testSamples, IMAGE_SIDE, IMAGE_SIDE, 1]);
  let epoch = 0;
  return {
    async fitEpoch() {
      await model.fit(xTrain, yTrain, { epochs: 1, batchSize: convnet.batchSize, verbose: 0, seed: settings.seed + epoch++ });
    },
    predict() {
      const scores = toContiguous(model.predict(xTest, { batchSize: convnet.inferBatch }) as Tensor);
      return scores.data.subarray(scores.offset, scores.offset + scores.size);
    },
  };
}
