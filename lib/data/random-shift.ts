/** Data augmentation by random whole-pixel translations of images (Keras's `RandomTranslation`, as a data step). */
import { ConfigError, ShapeError } from '../errors';
import { formatValue, optionsObject, requireTensor } from '../checks';
import { getGlobalRandom, Random } from '../random';
import { dtypeOf, formatShape, toContiguous, zeros, type Tensor } from '../tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link randomShift}. */
export interface RandomShiftOptions {
  /** The largest shift `s` in pixels, along the height and along the width: a whole number ≥ 0. */
  maxShift: number;
  /** Seed of the shifts; equal seeds give equal shifts. @defaultValue a seed drawn from the global generator (see `setSeed`) */
  seed?: number | string;
}

/**
 * A copy of the images `x` (channels last) in which image `n` is moved down by `dy_n` and right
 * by `dx_n` whole pixels, each drawn uniformly from the integers `−s … s`, with zeros where no
 * pixel comes from: `out[n, h, w, c] = x[n, h − dy_n, w − dx_n, c]` when that pixel exists, else 0.
 * This is Keras's `RandomTranslation(s/H, s/W, fill_mode="constant", interpolation="nearest")`
 * applied once to a data set: call it once per epoch (with a new seed) to show the model a
 * new shift of every image, so it learns that a digit moved by a pixel or two is the same digit.
 *
 * Shapes: `x` is `[N, H, W, C]`; the result is a new contiguous tensor of the same shape and dtype.
 *
 * @throws DataError when `x` is not a tensor.
 * @throws ShapeError when `x` is not of rank 4.
 * @throws ConfigError when `maxShift` is not a whole number ≥ 0, or `options` is not an object.
 * @example
 * ```ts
 * // Each epoch sees every training digit shifted by up to 2 pixels.
 * for (let epoch = 0; epoch < 10; epoch++) {
 *   await model.fit(randomShift(xTrain, { maxShift: 2, seed: epoch }), yTrain, { epochs: epoch + 1, initialEpoch: epoch });
 * }
 * ```
 */
export function randomShift(x: Tensor, options: RandomShiftOptions): Tensor {
  requireTensor(x, 'randomShift: x');
  const { maxShift, seed } = optionsObject(options, 'randomShift', ['maxShift', 'seed']);
  if (typeof maxShift !== 'number' || !Number.isInteger(maxShift) || maxShift < 0) {
    throw new ConfigError(`randomShift: maxShift must be a whole number >= 0, got ${formatValue(maxShift)}`);
  }
  if (x.shape.length !== 4) {
    throw new ShapeError(`randomShift: x must be images [N, H, W, C]: expected [?, ?, ?, ?], got ${formatShape(x.shape)}`);
  }
  const [n, height, width, channels] = x.shape;
  const rng = new Random(seed ?? getGlobalRandom().nextSeed());
  const src = toContiguous(x);
  const out = zeros(x.shape, dtypeOf(x));
  const sd = src.data, od = out.data;
  const rowSize = width * channels, imageSize = height * rowSize;
  for (let i = 0; i < n; i++) {
    const dy = rng.int(2 * maxShift + 1) - maxShift;
    const dx = rng.int(2 * maxShift + 1) - maxShift;
    // Output columns w that read an input column w − dx inside [0, width): one run per row.
    const w0 = math.max(0, dx), w1 = math.min(width, width + dx);
    if (w1 <= w0) continue;
    for (let h = math.max(0, dy); h < math.min(height, height + dy); h++) {
      const from = src.offset + i * imageSize + (h - dy) * rowSize + (w0 - dx) * channels;
      od.set(sd.subarray(from, from + (w1 - w0) * channels), i * imageSize + h * rowSize + w0 * channels);
    }
  }
  return out;
}
