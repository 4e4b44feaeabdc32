/**
 * brain.js 1.6.1 `NeuralNetwork`: one sample per update (it has no mini-batches), the same
 * activation in every layer including the output, and a squared-error delta at the output.
 */
import { Random } from '../../lib/random';
import { CLASSES, INPUTS, type MlpSpec, type TrainSettings } from '../tasks';
import type { BenchData } from '../data';
import type { Peer, PeerModel } from './peer';

/** The parts of brain.js's API the benchmark uses. */
interface Sample { input: number[]; output: number[] }
interface NeuralNetwork {
  train(data: Sample[], options: object): { error: number; iterations: number };
  run(input: ArrayLike<number>): ArrayLike<number>;
  /** Sizes and initializes the weights from the data, as the first `train` call would. */
  verifyIsInitialized(data: Sample[]): void;
}
interface Brain { NeuralNetwork: new (options: object) => NeuralNetwork }

// Loaded with require: brain.js 1.6's type declarations do not describe its CommonJS export.
const brain = require('brain.js') as Brain;

/** The activation brain.js uses in every layer; it supports 'relu' (also on the output layer). */
const ACTIVATION = 'sigmoid';

/** The brain.js peer. */
export function createBrainPeer(): Peer {
  return {
    notes: [`brain.js: 1.6.1 NeuralNetwork, activation '${ACTIVATION}' in every layer (output too: no softmax), squared-error loss, batch 1, momentum 0.1 (its validation rejects 0), its own init U(-0.2, 0.2)`],
    createMlp,
  };
}

async function createMlp(spec: MlpSpec, data: BenchData, settings: TrainSettings): Promise<PeerModel> {
  if (spec.residual) throw new Error('brain.js builds only chains of layers: it cannot express a skip connection');
  if (spec.convnet) throw new Error('cannot: brain.js has no convolutional layers');
  const net = new brain.NeuralNetwork({ hiddenLayers: spec.hidden.slice(), activation: ACTIVATION });
  const samples: Sample[] = [];
  for (let i = 0; i < data.trainSamples; i++) {
    const output = new Array<number>(CLASSES).fill(0);
    output[data.yTrain[i]] = 1;
    samples.push({ input: Array.from(data.xTrain.subarray(i * INPUTS, (i + 1) * INPUTS)), output });
  }
  // Initialize now, so an untrained net can run (inference cases) and the first epoch is all training.
  net.verifyIsInitialized(samples);
  const rng = new Random(settings.seed);
  return {
    async fitEpoch() {
      // brain.js walks the data in order; shuffle it each epoch like the other peers.
      const order = rng.permutation(samples.length);
      const shuffled = Array.from(order, (i) => samples[i]);
      net.train(shuffled, { iterations: 1, errorThresh: 1e-9, learningRate: settings.learningRate, log: false });
    },
    predict() {
      const scores = new Float64Array(data.testSamples * CLASSES);
      for (let i = 0; i < data.testSamples; i++) scores.set(net.run(data.xTest.subarray(i * INPUTS, (i + 1) * INPUTS)), i * CLASSES);
      return scores;
    },
  };
}
