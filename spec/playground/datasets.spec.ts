import { loadMnist } from '../../lib/index';
import { makeData, TOY_SAMPLES, xorPoints } from '../../playground/datasets';
import { base64ToBytes, decodeDigits, DIGIT_PIXELS, encodeDigits } from '../../playground/digits';
import { DATASETS } from '../../playground/settings';

describe('playground datasets', () => {
  const digits = (() => {
    const { x, labels } = loadMnist({ count: 50, seed: 0 });
    return decodeDigits(encodeDigits(x.data, labels.data));
  })();

  it.each(DATASETS.filter((d) => d !== 'sine' && d !== 'mnist'))('%s: 2-D points, one-hot labels, an 80/20 split', (name) => {
    const d = makeData(name, 3);
    expect(d.kind).toBe('classes');
    expect(d.inputDim).toBe(2);
    expect(d.xTrain.shape).toEqual([0.8 * TOY_SAMPLES, 2]);
    expect(d.xVal.shape).toEqual([0.2 * TOY_SAMPLES, 2]);
    expect(d.yTrain.shape).toEqual([0.8 * TOY_SAMPLES, d.outputDim]);
    expect(d.outputDim).toBe(name === 'blobs' ? 3 : 2);
    for (let i = 0; i < d.labelsTrain.length; i++) {
      expect(d.yTrain.data[i * d.outputDim + d.labelsTrain[i]]).toBe(1);
      let sum = 0;
      for (let k = 0; k < d.outputDim; k++) sum += d.yTrain.data[i * d.outputDim + k];
      expect(sum).toBe(1);
    }
  });

  it.each(DATASETS.filter((d) => d !== 'mnist'))('%s: the same seed gives the same data, another seed other data', (name) => {
    const a = makeData(name, 5), b = makeData(name, 5), c = makeData(name, 6);
    expect(Array.from(a.xTrain.data)).toEqual(Array.from(b.xTrain.data));
    expect(Array.from(a.yVal.data)).toEqual(Array.from(b.yVal.data));
    expect(Array.from(a.xTrain.data)).not.toEqual(Array.from(c.xTrain.data));
  });

  it("xor is TensorFlow Playground's: class 1 where x₁·x₂ > 0, no point within 0.05 of an axis", () => {
    const { x, y } = xorPoints(200, 1);
    for (let i = 0; i < 200; i++) {
      const [a, b] = [x.data[2 * i], x.data[2 * i + 1]];
      expect(y.data[i]).toBe(a * b > 0 ? 1 : 0);
      expect(Math.min(Math.abs(a), Math.abs(b))).toBeGreaterThanOrEqual(0.05 - 1e-7);
      expect(Math.max(Math.abs(a), Math.abs(b))).toBeLessThanOrEqual(1.05 + 1e-7);
    }
  });

  it('sine is a regression with one input and one output', () => {
    const d = makeData('sine', 1);
    expect(d).toMatchObject({ kind: 'regression', inputDim: 1, outputDim: 1 });
    expect(d.xTrain.shape).toEqual([120, 1]);
    expect(d.yVal.shape).toEqual([30, 1]);
    expect(d.labelsTrain).toHaveLength(0);
  });

  it('mnist uses the bundled 14×14 digits, pixels in [0, 1], ten classes', () => {
    const d = makeData('mnist', 1, digits);
    expect(d).toMatchObject({ kind: 'digits', inputDim: DIGIT_PIXELS, outputDim: 10 });
    expect(d.xTrain.shape).toEqual([40, 196]);
    expect(d.yVal.shape).toEqual([10, 10]);
    expect(Math.max(...d.xTrain.data)).toBeLessThanOrEqual(1);
    expect(Math.max(...d.xTrain.data)).toBeGreaterThan(0.9);
    expect(() => makeData('mnist', 1)).toThrow(/needs the bundled digits/);
  });

  it('encodeDigits shrinks 28×28 to 14×14 by 2×2 means, and decodeDigits reads it back', () => {
    const x = new Float32Array(2 * 784);
    x[0] = 1; x[1] = 1; x[28] = 1; x[29] = 0.5; // digit 0, block (0, 0): mean 0.875
    x[784 + 27 * 28 + 27] = 1; // digit 1, last pixel: block (13, 13), mean 0.25
    const bytes = encodeDigits(x, [7, 3]);
    expect(bytes.length).toBe(4 + 2 + 2 * 196);
    const d = decodeDigits(bytes);
    expect(d.count).toBe(2);
    expect(Array.from(d.labels)).toEqual([7, 3]);
    expect(d.pixels[0]).toBe(Math.round(255 * 0.875));
    expect(d.pixels[1]).toBe(0);
    expect(d.pixels[196 + 195]).toBe(Math.round(255 * 0.25));
    expect(() => decodeDigits(bytes.subarray(0, 100))).toThrow(/expected 398 bytes for 2 digits, got 100/);
    expect(decodeDigits(base64ToBytes(Buffer.from(bytes).toString('base64'))).pixels).toEqual(d.pixels);
  });
});
