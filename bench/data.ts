/**
 * The benchmark's data in the child processes, as plain typed arrays every peer can take.
 * The parent writes the split once to a binary file (see data-file.ts); a child reads it in one
 * call, so a child's peak memory holds the digits once and no JSON parsing.
 */
import { readFileSync } from 'fs';
import { INPUTS, type DataSpec } from './tasks';

/** Training and test digits: images row-major `[N, 784]` in `[0, 1]`, labels 0 … 9. */
export interface BenchData {
  readonly xTrain: Float32Array;
  readonly yTrain: Uint8Array;
  readonly xTest: Float32Array;
  readonly yTest: Uint8Array;
  readonly trainSamples: number;
  readonly testSamples: number;
}

/**
 * Byte layout of the data file for a split of `train` and `test` digits: the float32 images
 * first (so they stay 4-byte aligned), then the uint8 labels.
 */
export function dataFileLayout(train: number, test: number): { xTrain: number; xTest: number; yTrain: number; yTest: number; bytes: number } {
  const xTrain = 0;
  const xTest = xTrain + train * INPUTS * 4;
  const yTrain = xTest + test * INPUTS * 4;
  const yTest = yTrain + train;
  return { xTrain, xTest, yTrain, yTest, bytes: yTest + test };
}

/**
 * Reads the data file of `spec` and keeps the first `trainSamples` training and `testSamples`
 * test rows (views into the one buffer read).
 * @throws Error when the file's size does not match the split.
 */
export function loadBenchData(spec: DataSpec): BenchData {
  const buffer = readFileSync(spec.file);
  const layout = dataFileLayout(spec.splitTrain, spec.splitTest);
  if (buffer.length !== layout.bytes) {
    throw new Error(`loadBenchData: ${spec.file} holds ${buffer.length} bytes, expected ${layout.bytes} for ${spec.splitTrain} + ${spec.splitTest} digits`);
  }
  // A large read gets its own ArrayBuffer; copy only if it was pooled at an unaligned offset.
  const bytes = buffer.byteOffset % 4 === 0 ? buffer : Buffer.from(buffer);
  const floats = (at: number, rows: number) => new Float32Array(bytes.buffer, bytes.byteOffset + at, rows * INPUTS);
  const labels = (at: number, rows: number) => new Uint8Array(bytes.buffer, bytes.byteOffset + at, rows);
  return {
    xTrain: floats(layout.xTrain, spec.trainSamples),
    yTrain: labels(layout.yTrain, spec.trainSamples),
    xTest: floats(layout.xTest, spec.testSamples),
    yTest: labels(layout.yTest, spec.testSamples),
    trainSamples: spec.trainSamples,
    testSamples: spec.testSamples,
  };
}

/** The fraction of rows of `scores` (`[N, classes]`, row-major) whose largest entry is at the label. */
export function accuracyOf(scores: ArrayLike<number>, labels: Uint8Array, classes: number): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (scores[i * classes + j] > scores[i * classes + best]) best = j;
    if (best === labels[i]) correct++;
  }
  return correct / labels.length;
}

/** Labels as one-hot rows `[N, classes]` of float32. */
export function oneHotRows(labels: Uint8Array, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] = 1;
  return out;
}
