/** Test helper for callback specs: a stand-in model whose single weight records an epoch number. */
import { tensor, type Tensor } from '../../../lib/tensor';
import type { CallbackModel, TrainingParams } from '../../../lib/callbacks';

/** A model with one weight `[value]`, an optimizer with a numeric learning rate, and a log of saves. */
export interface FakeModel extends CallbackModel {
  stopTraining: boolean;
  optimizer: { learningRate: number; currentLearningRate(): number };
  weight(): number;
  setWeight(value: number): void;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
}

export function fakeModel(learningRate = 0.1): FakeModel {
  let w = tensor([0], undefined, 'float64');
  return {
    stopTraining: false,
    optimizer: { learningRate, currentLearningRate() { return this.learningRate; } },
    weight: () => w.data[0],
    setWeight: (value) => { w = tensor([value], undefined, 'float64'); },
    getWeights: () => [tensor([w.data[0]], undefined, 'float64')],
    setWeights: (weights) => { w = tensor([weights[0].data[0]], undefined, 'float64'); },
  };
}

/** Run parameters whose epoch logs hold `metrics`. */
export function paramsWith(metrics: string[]): TrainingParams {
  return { epochs: 100, steps: 1, batchSize: 1, samples: 1, verbose: 0, metrics };
}
