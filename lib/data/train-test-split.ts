/** Splitting paired samples into a training and a test set (scikit-learn's `train_test_split`). */
import { ConfigError, DataError, ShapeError } from '../errors';
import { formatValue, optionsObject, requireTensor } from '../checks';
import { getGlobalRandom, Random } from '../random';
import { formatShape, type Tensor } from '../tensor';
import { takeRows } from './take-rows';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /**
   * The test set's size: a fraction in `(0, 1)` of the N samples (rounded up, as scikit-learn
   * does), or a whole number of samples in `[1, N − 1]`.
   * @defaultValue 0.25
   */
  testSize?: number;
  /** Seed of the shuffle; equal seeds give equal splits. @defaultValue a seed drawn from the global generator (see `setSeed`) */
  seed?: number | string;
  /** Shuffle the rows before splitting; when false the test set is the last rows. @defaultValue true */
  shuffle?: boolean;
}

/** What {@link trainTestSplit} returns: new tensors, each with its own storage. */
export interface TrainTestSplit {
  /** The training inputs `[N − nTest, ...]`. */
  xTrain: Tensor;
  /** The test inputs `[nTest, ...]`. */
  xTest: Tensor;
  /** The training targets `[N − nTest, ...]`, row `i` paired with `xTrain`'s row `i`. */
  yTrain: Tensor;
  /** The test targets `[nTest, ...]`, row `i` paired with `xTest`'s row `i`. */
  yTest: Tensor;
}

/**
 * Splits `x` and `y` row-wise into disjoint training and test sets that keep each sample's
 * input and target together. With shuffling, a permutation `p` of `0 … N−1` is drawn and the
 * test set is rows `p[0 … nTest−1]`, the training set the rest; `nTest = ⌈testSize · N⌉` for a fraction.
 *
 * Shapes: `x` is `[N, ...]` and `y` is `[N, ...]` (any rank ≥ 1; rows are the first axis).
 * Results: `xTrain` `[N − nTest, ...]`, `xTest` `[nTest, ...]`, and the same for `y`.
 *
 * @throws ShapeError when `x` or `y` has rank 0.
 * @throws DataError when `x` or `y` is not a tensor, or they have different numbers of rows, or no rows.
 * @throws ConfigError when `testSize` is not a fraction in `(0, 1)` or a whole number in
 *   `[1, N − 1]`, or leaves the training set empty.
 * @example
 * ```ts
 * const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, y, { testSize: 0.2, seed: 0 });
 * ```
 */
export function trainTestSplit(x: Tensor, y: Tensor, rawOptions?: TrainTestSplitOptions): TrainTestSplit {
  requireTensor(x, 'trainTestSplit: x');
  requireTensor(y, 'trainTestSplit: y');
  const options = optionsObject(rawOptions, 'trainTestSplit');
  const { testSize = 0.25, shuffle = true } = options;
  if (x.shape.length === 0 || y.shape.length === 0) {
    throw new ShapeError(
      `trainTestSplit: x and y need a sample axis: expected [N, ...], got x ${formatShape(x.shape)} and y ${formatShape(y.shape)}`);
  }
  const n = x.shape[0];
  if (y.shape[0] !== n) {
    throw new DataError(
      `trainTestSplit: x and y sample counts differ: x ${formatShape(x.shape)} has ${n}, y ${formatShape(y.shape)} has ${y.shape[0]}`);
  }
  if (n === 0) throw new DataError('trainTestSplit: x and y are empty: expected at least 2 samples, got 0');
  const nTest = testCount(testSize, n);
  const nTrain = n - nTest;
  // Unshuffled, the training set is the first rows and the test set the last, as in scikit-learn.
  // Shuffled, the test set is the first nTest entries of a permutation and the training set the rest.
  const order = shuffle
    ? new Random(options.seed ?? getGlobalRandom().nextSeed()).permutation(n)
    : Int32Array.from({ length: n }, (_, i) => (i + nTrain) % n);
  const testRows = order.subarray(0, nTest);
  const trainRows = order.subarray(nTest);
  return {
    xTrain: takeRows(x, trainRows),
    xTest: takeRows(x, testRows),
    yTrain: takeRows(y, trainRows),
    yTest: takeRows(y, testRows),
  };
}

/** The number of test samples for `testSize` out of `n`, validated. */
function testCount(testSize: number, n: number): number {
  let nTest: number;
  if (typeof testSize === 'number' && testSize > 0 && testSize < 1) {
    nTest = math.ceil(testSize * n);
  } else if (Number.isInteger(testSize) && testSize >= 1) {
    nTest = testSize;
  } else {
    throw new ConfigError(
      `trainTestSplit: testSize must be a fraction in (0, 1) or a whole number of samples, got ${formatValue(testSize)}`);
  }
  if (nTest >= n) {
    throw new ConfigError(
      `trainTestSplit: testSize=${formatValue(testSize)} leaves no training samples: expected a test set of at most ${n - 1} of the ${n} samples, got ${nTest}`);
  }
  return nTest;
}
