/**
 * The playground's data: each dataset of the `dataset` select as seeded tensors, split into
 * training and validation sets (80/20). The toy sets come from the library (`spirals`,
 * `circles`, `moons`, `blobs`, `sine`); `xor` here is TensorFlow Playground's version (points
 * in the square, labelled by the sign of x₁·x₂), since the library's `xor()` is the four corners.
 */
import { blobs, circles, moons, oneHot, Random, sine, spirals, tensor, trainTestSplit, type Tensor } from '../lib/index';
import type { DatasetName } from './settings';
import { DIGIT_PIXELS, type Digits } from './digits';

/** What a dataset is for: a 2-D classification, a 1-D regression, or digits. */
export type DataKind = 'classes' | 'regression' | 'digits';

/** A dataset ready to train on. */
export interface PlaygroundData {
  readonly kind: DataKind;
  /** Input features: 2 (toy sets), 1 (sine) or 196 (digits). */
  readonly inputDim: number;
  /** Output units: the number of classes, or 1 for the regression. */
  readonly outputDim: number;
  /** `[nTrain, inputDim]`. */
  readonly xTrain: Tensor;
  /** `[nTrain, outputDim]`: one-hot classes, or the regression target. */
  readonly yTrain: Tensor;
  readonly xVal: Tensor;
  readonly yVal: Tensor;
  /** Class index of each training row (empty for the regression). */
  readonly labelsTrain: Int32Array;
  readonly labelsVal: Int32Array;
}

/** Samples per toy dataset. */
export const TOY_SAMPLES = 300;
/** Fraction of the samples held out for validation. */
export const VALIDATION_FRACTION = 0.2;

/** TensorFlow Playground's XOR: `x ~ U[-1, 1]²` (pushed 0.05 away from the axes), class 1 where `x₁·x₂ > 0`. */
export function xorPoints(nSamples: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = new Random(seed);
  const x = new Float32Array(nSamples * 2);
  const y = new Float32Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const a = rng.uniformRange(-1, 1), b = rng.uniformRange(-1, 1);
    x[2 * i] = a + (a > 0 ? 0.05 : -0.05);
    x[2 * i + 1] = b + (b > 0 ? 0.05 : -0.05);
    y[i] = a * b > 0 ? 1 : 0;
  }
  return { x: tensor(x, [nSamples, 2]), y: tensor(y, [nSamples]) };
}

/** The raw samples of a dataset: `x` `[N, d]`, and `y` class indices `[N]` or targets `[N, 1]`. */
function rawDataset(name: DatasetName, seed: number, digits: Digits | null): { x: Tensor; y: Tensor } {
  switch (name) {
    case 'xor': return xorPoints(TOY_SAMPLES, seed);
    case 'circles': return circles({ nSamples: TOY_SAMPLES, noise: 0.08, factor: 0.5, seed });
    case 'moons': return moons({ nSamples: TOY_SAMPLES, noise: 0.1, seed });
    case 'spirals': return spirals({ nSamples: TOY_SAMPLES, noise: 0.2, seed });
    case 'blobs': return blobs({ nSamples: TOY_SAMPLES, centers: 3, clusterStd: 0.25, centerBox: [-1, 1], seed });
    case 'sine': return sine({ nSamples: TOY_SAMPLES / 2, noise: 0.1, seed });
    case 'mnist': {
      if (!digits) throw new Error('the mnist dataset needs the bundled digits');
      const x = new Float32Array(digits.count * DIGIT_PIXELS);
      for (let i = 0; i < x.length; i++) x[i] = digits.pixels[i] / 255;
      return { x: tensor(x, [digits.count, DIGIT_PIXELS]), y: tensor(Float32Array.from(digits.labels), [digits.count]) };
    }
  }
}

/** The number of classes in `labels` (largest index + 1). */
function classCount(labels: Tensor): number {
  let max = 0;
  for (let i = 0; i < labels.size; i++) max = Math.max(max, labels.data[i]);
  return max + 1;
}

/**
 * The dataset `name` generated from `seed` and split (seeded too) into training and validation
 * sets; the same name and seed always give the same tensors.
 */
export function makeData(name: DatasetName, seed: number, digits: Digits | null = null): PlaygroundData {
  const { x, y } = rawDataset(name, seed, digits);
  if (name === 'sine') {
    const split = trainTestSplit(x, y, { testSize: VALIDATION_FRACTION, seed });
    return {
      kind: 'regression', inputDim: 1, outputDim: 1,
      xTrain: split.xTrain, yTrain: split.yTrain, xVal: split.xTest, yVal: split.yTest,
      labelsTrain: new Int32Array(0), labelsVal: new Int32Array(0),
    };
  }
  const k = name === 'mnist' ? 10 : classCount(y);
  const split = trainTestSplit(x, y, { testSize: VALIDATION_FRACTION, seed });
  return {
    kind: name === 'mnist' ? 'digits' : 'classes',
    inputDim: x.shape[1],
    outputDim: k,
    xTrain: split.xTrain,
    yTrain: oneHot(split.yTrain, k),
    xVal: split.xTest,
    yVal: oneHot(split.yTest, k),
    labelsTrain: Int32Array.from(split.yTrain.data),
    labelsVal: Int32Array.from(split.yTest.data),
  };
}
