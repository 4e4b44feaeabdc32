/**
 * The Keras MNIST convnet in ConvNetJS 0.3: the same layers, one sample per forward/backward,
 * the trainer applying the summed gradient every 128 samples. ConvNetJS 0.3 has no Adam, so it
 * trains with SGD and momentum 0.9 at learning rate 0.01.
 */
import { Random } from '../../lib/random';
import { CLASSES, IMAGE_SIDE, type MlpSpec, type TrainSettings } from '../tasks';
import type { BenchData } from '../data';
import type { PeerModel } from './peer';

/** The parts of ConvNetJS's untyped API the benchmark uses. */
interface Vol { w: Float64Array }
interface Net {
  makeLayers(defs: object[]): void;
  forward(v: Vol, isTraining: boolean): Vol;
}
interface ConvNetJs {
  Net: new () => Net;
  Vol: new (sx: number, sy: number, depth: number, fill: number) => Vol;
  Trainer: new (net: Net, options: object) => { train(v: Vol, label: number): unknown };
}

// ConvNetJS ships no type declarations.
const convnetjs = require('convnetjs') as ConvNetJs;

const PIXELS = IMAGE_SIDE * IMAGE_SIDE;

/** Builds the convnet `spec` in ConvNetJS. */
export function createConvnetjsCnn(spec: MlpSpec, data: BenchData, settings: TrainSettings): PeerModel {
  const convnet = spec.convnet;
  if (!convnet) throw new Error(`createConvnetjsCnn: '${spec.id}' is not the convnet`);
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: IMAGE_SIDE, out_sy: IMAGE_SIDE, out_depth: 1 },
    { type: 'conv', sx: 3, filters: 32, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 3, filters: 64, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'dropout', drop_prob: 0.5 },
    { type: 'softmax', num_classes: CLASSES },
  ]);
  const trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: 0.01, momentum: 0.9, batch_size: convnet.batchSize, l2_decay: 0 });
  const rng = new Random(settings.seed);
  const input = new convnetjs.Vol(IMAGE_SIDE, IMAGE_SIDE, 1, 0);
  const load = (x: Float32Array, row: number) => input.w.set(x.subarray(row * PIXELS, (row + 1) * PIXELS));
  return {
    async fitEpoch() {
      const order = rng.permutation(data.trainSamples);
      for (let i = 0; i < order.length; i++) {
        load(data.xTrain, order[i]);
        trainer.train(input, data.yTrain[order[i]]);
      }
    },
    predict() {
      const scores = new Float64Array(data.testSamples * CLASSES);
      for (let i = 0; i < data.testSamples; i++) {
        load(data.xTest, i);
        scores.set(net.forward(input, false).w, i * CLASSES);
      }
      return scores;
    },
  };
}
