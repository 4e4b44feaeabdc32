/**
 * The error family of layerwise. Everything the library throws on purpose is a
 * {@link LayerwiseError}, so callers can tell library errors from bugs with one `instanceof`.
 */

/** Base class of every error layerwise throws on purpose. */
export class LayerwiseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A tensor had the wrong rank or size. The message names the layer (or function),
 * what was checked, and the expected and actual shapes, e.g.
 * `Dense 'dense_1': input last axis must be 3: expected [?, 3], got [2, 5]`.
 */
export class ShapeError extends LayerwiseError {}

/** An option was invalid, e.g. `Dense: units must be a positive integer, got 0`. */
export class ConfigError extends LayerwiseError {}

/** Methods were called in the wrong order, e.g. `backward` before `forward(x, true)`. */
export class StateError extends LayerwiseError {}

/** Data was unusable: NaN or Infinity, empty, or x and y sample counts differ. */
export class DataError extends LayerwiseError {}
