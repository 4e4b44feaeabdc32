/** Drawing a 28 × 28 grey-level image in the terminal with block and shade characters. */
import { optionsObject, requireTensor } from '../checks';
import { ShapeError } from '../errors';
import { formatShape, type Tensor } from '../tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** The side of an MNIST image in pixels. */
const SIDE = 28;

/** Shade characters from blank to full, one per fifth of the grey range `[0, 1]`. */
const SHADES = [' ', '░', '▒', '▓', '█'];

/** Options of {@link renderDigit}. */
export interface RenderDigitOptions {
  /**
   * Draw two pixel rows per text line with half blocks (`▀ ▄ █`), each pixel on or off at 0.5:
   * 14 lines of 28 characters. Otherwise each pixel is two shade characters (`░▒▓█`) so the
   * picture keeps its aspect ratio: 28 lines of 56 characters.
   * @defaultValue false
   */
  compact?: boolean;
}

/**
 * A picture of one 28 × 28 digit as text, one string with lines joined by `\n`. Every line has
 * the same width (trailing blanks are kept), so pictures can be placed side by side line by line.
 * A pixel's grey level `v ∈ [0, 1]` picks the shade `⌊5v⌋` (clamped to the five shades).
 *
 * Shapes: `row` is `[784]`, `[1, 784]` or `[28, 28]`, e.g. `x.pick(i, null)` for row i of an MNIST batch.
 *
 * @throws ShapeError for any other shape; DataError when `row` is not a tensor; ConfigError when
 * `options` is not an object.
 * @example
 * ```ts
 * const { x, labels } = loadMnist({ count: 1 });
 * console.log(renderDigit(x.pick(0, null)), labels.get(0));
 * ```
 */
export function renderDigit(row: Tensor, options: RenderDigitOptions = {}): string {
  const pixel = pixelReader(requireTensor(row, 'renderDigit: row'));
  const lines: string[] = [];
  if (optionsObject(options, 'renderDigit').compact) {
    for (let r = 0; r < SIDE; r += 2) {
      let line = '';
      for (let c = 0; c < SIDE; c++) {
        const isTop = pixel(r, c) >= 0.5, isBottom = pixel(r + 1, c) >= 0.5;
        line += isTop ? (isBottom ? '█' : '▀') : isBottom ? '▄' : ' ';
      }
      lines.push(line);
    }
  } else {
    for (let r = 0; r < SIDE; r++) {
      let line = '';
      for (let c = 0; c < SIDE; c++) {
        const shade = SHADES[math.max(0, math.min(SHADES.length - 1, math.floor(pixel(r, c) * SHADES.length)))];
        line += shade + shade;
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}

/** A function giving the grey level at (row r, column c), reading `t` through its strides. */
function pixelReader(t: Tensor): (r: number, c: number) => number {
  const { shape, stride, data, offset } = t;
  if (shape.length === 2 && shape[0] === SIDE && shape[1] === SIDE) {
    return (r, c) => data[offset + r * stride[0] + c * stride[1]];
  }
  const flatAxis = shape.length === 1 ? 0 : shape.length === 2 && shape[0] === 1 ? 1 : -1;
  if (flatAxis < 0 || shape[flatAxis] !== SIDE * SIDE) {
    throw new ShapeError(`renderDigit: expected [784], [1, 784] or [28, 28], got ${formatShape(shape)}`);
  }
  const s = stride[flatAxis];
  return (r, c) => data[offset + (r * SIDE + c) * s];
}
