/**
 * The MNIST digits bundled with the page: a few hundred of the `mnist` package's digits,
 * shrunk to 14×14 (each pixel the mean of a 2×2 block) and stored as bytes.
 *
 * Layout of the encoded bytes: `count` as a little-endian uint32, then `count` labels (one byte
 * each), then `count · 196` pixels (0…255, row-major, one digit after another).
 */

/** Side of a bundled digit, in pixels. */
export const DIGIT_SIDE = 14;
/** Pixels of a bundled digit. */
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;

/** Decoded digits: labels `[count]` and pixels `[count · 196]` in 0…255. */
export interface Digits {
  readonly count: number;
  readonly labels: Uint8Array;
  readonly pixels: Uint8Array;
}

/**
 * Shrinks 28×28 digits (`x` rows of 784 values in [0, 1]) to 14×14 bytes and encodes them.
 * `pixel(r, c) = round(255 · mean of the 2×2 block at (2r, 2c))`.
 */
export function encodeDigits(x: ArrayLike<number>, labels: ArrayLike<number>): Uint8Array {
  const count = labels.length;
  const out = new Uint8Array(4 + count + count * DIGIT_PIXELS);
  new DataView(out.buffer).setUint32(0, count, true);
  for (let i = 0; i < count; i++) {
    out[4 + i] = labels[i];
    const base = i * 784;
    const to = 4 + count + i * DIGIT_PIXELS;
    for (let r = 0; r < DIGIT_SIDE; r++) {
      for (let c = 0; c < DIGIT_SIDE; c++) {
        const p = base + 2 * r * 28 + 2 * c;
        const mean = (x[p] + x[p + 1] + x[p + 28] + x[p + 29]) / 4;
        out[to + r * DIGIT_SIDE + c] = Math.round(255 * Math.min(1, Math.max(0, mean)));
      }
    }
  }
  return out;
}

/** Reads bytes written by {@link encodeDigits}; throws an Error when they are truncated. */
export function decodeDigits(bytes: Uint8Array): Digits {
  if (bytes.length < 4) throw new Error(`bundled digits: expected at least 4 bytes, got ${bytes.length}`);
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const expected = 4 + count + count * DIGIT_PIXELS;
  if (bytes.length !== expected) throw new Error(`bundled digits: expected ${expected} bytes for ${count} digits, got ${bytes.length}`);
  return { count, labels: bytes.subarray(4, 4 + count), pixels: bytes.subarray(4 + count) };
}

/** Bytes from base64 text (`atob` exists in browsers, workers and Node 16+). */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
