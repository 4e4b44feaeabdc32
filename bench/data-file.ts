/** Writes the benchmark's MNIST split to the binary file the children read (see data.ts). */
import * as fs from 'fs';
import * as path from 'path';
import { mnistSplit } from '../lib/data/mnist';
import { dataFileLayout } from './data';

/**
 * Writes `mnistSplit({ trainSize: train, testSize: test, seed })` to `<dir>/mnist-<train>-<test>-<seed>.bin`
 * and returns the file's path. Rewritten on every run, so it always matches lib/data's split.
 */
export function writeDataFile(dir: string, train: number, test: number, seed: number): string {
  const file = path.join(dir, `mnist-${train}-${test}-${seed}.bin`);
  const split = mnistSplit({ trainSize: train, testSize: test, seed });
  const layout = dataFileLayout(train, test);
  const bytes = new Uint8Array(layout.bytes);
  const put = (at: number, values: Float32Array | Uint8Array) => bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
  put(layout.xTrain, Float32Array.from(split.xTrain.data));
  put(layout.xTest, Float32Array.from(split.xTest.data));
  put(layout.yTrain, Uint8Array.from(split.yTrain.data));
  put(layout.yTest, Uint8Array.from(split.yTest.data));
  fs.mkdirSync(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
  return file;
}
