/**
 * The error family of layerwise. Everything the library throws on purpose is a
 * {@link LayerwiseError}, so callers can tell library errors from bugs with one `instanceof`.
 */
import { MAX_QUOTED_LENGTH, shorten } from './safe-format';

/** The longest message an error keeps whole (8,000 characters). */
const MAX_MESSAGE_LENGTH = 8000;

/**
 * `message` bounded: any run of more than 200 non-space characters (a huge name or path read
 * from a file) shortened by {@link shorten}, and the whole cut in the middle past 8,000
 * characters. Every quoted value is shortened where the message is built; this is the net for
 * any that is not.
 */
function boundedMessage(message: string): string {
  const text = message.length > MAX_QUOTED_LENGTH ? message.replace(/\S{201,}/g, shorten) : message;
  if (text.length <= MAX_MESSAGE_LENGTH) return text;
  return `${text.slice(0, MAX_MESSAGE_LENGTH - 1000)} …[${text.length - MAX_MESSAGE_LENGTH + 1000 - 200} characters left out]… ${text.slice(-200)}`;
}

/** Base class of every error layerwise throws on purpose. Its message is bounded in length (see {@link shorten}). */
export class LayerwiseError extends Error {
  constructor(message: string) {
    super(boundedMessage(message));
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
