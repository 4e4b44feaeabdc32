import { ConfigError, DataError, ShapeError, randomShift, tensor, toArray, zeros, type Tensor } from '../../../lib';

/** `x` moved down by dy and right by dx with zero fill, computed element by element as the definition reads. */
function shiftedByHand(x: Tensor, n: number, dy: number, dx: number): number[][][] {
  const [, height, width, channels] = x.shape;
  const image = asImages(x)[n];
  return Array.from({ length: height }, (_, h) => Array.from({ length: width }, (_, w) => Array.from({ length: channels }, (_, c) => {
    const sh = h - dy, sw = w - dx;
    return sh >= 0 && sh < height && sw >= 0 && sw < width ? image[sh][sw][c] : 0;
  })));
}

const arrays = new WeakMap<Tensor, number[][][][]>();
/** `toArray(t)` as images, computed once per tensor. */
function asImages(t: Tensor): number[][][][] {
  if (!arrays.has(t)) arrays.set(t, toArray(t) as number[][][][]);
  return arrays.get(t) as number[][][][];
}

/** The shift (dy, dx) with |dy|, |dx| ≤ s that turns image n of x into image n of out, or null. */
function findShift(x: Tensor, out: Tensor, n: number, s: number): [number, number] | null {
  const got = JSON.stringify(asImages(out)[n]);
  for (let dy = -s; dy <= s; dy++) {
    for (let dx = -s; dx <= s; dx++) if (JSON.stringify(shiftedByHand(x, n, dy, dx)) === got) return [dy, dx];
  }
  return null;
}

/** N images of 5×6 pixels and 2 channels, every value distinct and non-zero, so each shift gives a different image. */
function images(n: number): Tensor {
  const x = zeros([n, 5, 6, 2]);
  for (let i = 0; i < x.size; i++) x.data[i] = i + 1;
  return x;
}

describe('randomShift', () => {
  it('moves one 3×3 image by (1, -1) with zero fill, as worked out by hand', () => {
    // Find a seed whose single draw is dy = 1, dx = −1, then check the pixels:
    // out[h][w] = x[h − 1][w + 1], so the top row and the right column are 0.
    const x = tensor([[[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]]]);
    let out: Tensor | null = null;
    for (let seed = 0; seed < 100 && out === null; seed++) {
      const candidate = randomShift(x, { maxShift: 1, seed });
      const shift = findShift(x, candidate, 0, 1);
      if (shift && shift[0] === 1 && shift[1] === -1) out = candidate;
    }
    expect(out).not.toBeNull();
    expect(toArray(out as Tensor)).toEqual([[[[0], [0], [0]], [[2], [3], [0]], [[5], [6], [0]]]]);
  });

  it('gives every image a whole-pixel shift within maxShift, all 25 shifts of ±2 turning up, with equal seeds giving equal results', () => {
    const x = images(300);
    const out = randomShift(x, { maxShift: 2, seed: 7 });
    expect(out.shape).toEqual(x.shape);
    expect(out.data).toBeInstanceOf(Float32Array);
    const seen = new Set<string>();
    for (let n = 0; n < 300; n++) {
      const shift = findShift(x, out, n, 2);
      expect(shift).not.toBeNull();
      seen.add(String(shift));
    }
    expect(seen.size).toBe(25);
    expect(toArray(randomShift(x, { maxShift: 2, seed: 7 }))).toEqual(toArray(out));
    expect(toArray(randomShift(x, { maxShift: 2, seed: 8 }))).not.toEqual(toArray(out));
  });

  it('copies unchanged with maxShift 0, reads views, and leaves its input alone', () => {
    const x = images(4);
    const before = toArray(x);
    expect(toArray(randomShift(x, { maxShift: 0, seed: 1 }))).toEqual(before);
    const view = x.lo(1) as Tensor; // images 1 … 3, at an offset
    const out = randomShift(view, { maxShift: 1, seed: 3 });
    for (let n = 0; n < 3; n++) expect(findShift(view, out, n, 1)).not.toBeNull();
    expect(toArray(x)).toEqual(before);
    // Shifts up to the image's width and beyond: empty images, never an out-of-range read.
    const small = images(40);
    const wide = randomShift(small, { maxShift: 7, seed: 2 });
    for (let n = 0; n < 40; n++) expect(findShift(small, wide, n, 7)).not.toBeNull();
    expect(asImages(wide).some((image) => image.flat(2).every((v) => v === 0))).toBe(true);
  });

  it('rejects a bad maxShift, a non-image and a non-tensor', () => {
    const x = images(1);
    expect(() => randomShift(x, { maxShift: -1 })).toThrow(ConfigError);
    expect(() => randomShift(x, { maxShift: 1.5 })).toThrow('randomShift: maxShift must be a whole number >= 0, got 1.5');
    expect(() => randomShift(x, { maxShift: 1, seed: 1, fill: 0 } as never)).toThrow(ConfigError);
    expect(() => randomShift(zeros([2, 784]), { maxShift: 1 })).toThrow(ShapeError);
    expect(() => randomShift(zeros([2, 784]), { maxShift: 1 })).toThrow('randomShift: x must be images [N, H, W, C]: expected [?, ?, ?, ?], got [2, 784]');
    expect(() => randomShift([1, 2] as never, { maxShift: 1 })).toThrow(DataError);
  });
});
