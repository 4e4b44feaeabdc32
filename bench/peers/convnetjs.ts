/**
 * ConvNetJS 0.3: float64 `Vol`s, one sample per forward/backward, the SGD trainer applying the
 * summed gradient every `batch_size` samples.
 */
import { Random } from '../../lib/random';
import { CLASSES, INPUTS, type MlpSpec, type TrainSettings } from '../tasks';
import type { BenchData } from '../data';
import type { Peer, PeerModel } from './peer';

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

/** The ConvNetJS peer. */
export function createConvnetjsPeer(): Peer {
  return {
    notes: [
      'convnetjs: ConvNetJS 0.3, float64, one sample at a time (trainer sums gradients over batch_size 64, momentum 0), its own init N(0, 1/fan_in)',
      'convnetjs convnet: the same layers, batch_size 128, SGD with momentum 0.9 at 0.01 (ConvNetJS 0.3 has no Adam); its dropout scales at inference instead of in training',
    ],
    createMlp,
  };
}

async function createMlp(spec: MlpSpec, data: BenchData, settings: TrainSettings): Promise<PeerModel> {
  if (spec.residual) throw new Error('ConvNetJS builds only chains of layers: it cannot express a skip connection');
  if (spec.convnet) return (await import('./convnetjs-cnn')).createConvnetjsCnn(spec, data, settings);
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: 1, out_sy: 1, out_depth: INPUTS },
    ...spec.hidden.map((units) => ({ type: 'fc', num_neurons: units, activation: 'relu' })),
    { type: 'softmax', num_classes: CLASSES },
  ]);
  const trainer = new convnetjs.Trainer(net, {
    method: 'sgd', learning_rate: settings.learningRate, batch_size: settings.batchSize, momentum: 0, l2_decay: 0,
  });
  const rng = new Random(settings.seed);
  // One input Vol reused for every sample, as a ConvNetJS user streaming data would.
  const input = new convnetjs.Vol(1, 1, INPUTS, 0);
  const load = (x: Float32Array, row: number) => input.w.set(x.subarray(row * INPUTS, (row + 1) * INPUTS));
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
