/**
 * Hardening of the tensor and data entry points: `tensor`, `zeros`, `reshape`, `toArray`,
 * `oneHot`, `trainTestSplit`, `StandardScaler` and the toy dataset generators. Each call with
 * random or adversarial arguments either succeeds with a well-formed result or throws a
 * LayerwiseError with a message.
 */
import fc from 'fast-check';
import {
  blobs, circles, isTensor, moons, oneHot, reshape, sine, spirals, StandardScaler, tensor, toArray,
  trainTestSplit, xor, zeros, type Tensor,
} from '../../lib';
import { anyNumber, attempt, dataLike, dirtyEntry, junk, maybe, runs } from './harness';

/** A well-formed tensor: non-negative integer axes whose product is its size. */
function expectWellFormed(t: Tensor): void {
  expect(isTensor(t)).toBe(true);
  for (const d of t.shape) expect(Number.isInteger(d) && d >= 0).toBe(true);
  expect(t.shape.reduce((a, b) => a * b, 1) === t.size).toBe(true); // === so that -0 counts as 0
}

const shapeLike = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
  fc.array(fc.oneof(fc.integer({ min: -3, max: 5 }), fc.constantFrom<unknown>(0.5, -0, NaN, Infinity, '2', null, 2 ** 40)), { maxLength: 4 }),
  junk,
);

const smallTensor = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 3 }))
  .map(([n, d]) => tensor(Array.from({ length: n * d }, (_, i) => i % 7), [n, d]));

describe('hardening: tensor, zeros, reshape, toArray', () => {
  it('tensor(values) accepts any nested data or throws a LayerwiseError', () => {
    fc.assert(fc.property(dataLike(3), (values) => {
      const out = attempt(() => tensor(values as never), values);
      if (out.ok) expectWellFormed(out.value);
    }), runs(101, 150));
  });

  it('tensor(values, shape, dtype) checks the shape and dtype', () => {
    const flat = fc.oneof(fc.array(dirtyEntry, { maxLength: 8 }), fc.array(fc.double(), { maxLength: 8 }).map((v) => Float64Array.from(v)), junk);
    fc.assert(fc.property(flat, shapeLike, maybe(fc.constantFrom('float32', 'float64')), (values, shape, dtype) => {
      const out = attempt(() => tensor(values as never, shape as never, dtype as never), { values, shape, dtype });
      if (out.ok) expectWellFormed(out.value);
    }), runs(102, 150));
  });

  it('zeros(shape, dtype) allocates well-formed tensors or throws', () => {
    fc.assert(fc.property(shapeLike, maybe(fc.constantFrom('float32', 'float64')), (shape, dtype) => {
      const out = attempt(() => zeros(shape as never, dtype as never), { shape, dtype });
      if (out.ok) expectWellFormed(out.value);
    }), runs(103, 100));
  });

  it('reshape(t, shape) keeps the size or throws', () => {
    fc.assert(fc.property(smallTensor, shapeLike, (t, shape) => {
      const out = attempt(() => reshape(t, shape as never), shape);
      if (out.ok) {
        expectWellFormed(out.value);
        expect(out.value.size === t.size).toBe(true);
      }
    }), runs(104, 100));
  });

  it('toArray and reshape reject what is not a tensor', () => {
    fc.assert(fc.property(junk, (value) => {
      attempt(() => toArray(value as never), value);
      attempt(() => reshape(value as never, [1]), value);
    }), runs(105, 60));
  });
});

describe('hardening: oneHot', () => {
  const labels = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }),
    fc.array(anyNumber, { maxLength: 5 }),
    fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }).map((v) => Int32Array.from(v)),
    smallTensor,
    fc.constantFrom<unknown>('0120', [[0], [1]], [[0, 1]], ['1', '2'], [null]),
    junk,
  );

  it('encodes integer labels or throws a LayerwiseError', () => {
    fc.assert(fc.property(labels, maybe(fc.integer({ min: 1, max: 6 })), maybe(fc.constantFrom('float32', 'float64')), (l, numClasses, dtype) => {
      const out = attempt(() => oneHot(l as never, numClasses as never, dtype as never), { l, numClasses, dtype });
      if (out.ok) {
        expectWellFormed(out.value);
        expect(out.value.shape.length).toBe(2);
        const rowSums = Array.from({ length: out.value.shape[0] }, (_, i) => {
          let s = 0;
          for (let j = 0; j < out.value.shape[1]; j++) s += out.value.get(i, j);
          return s;
        });
        for (const s of rowSums) expect(s).toBe(1);
      }
    }), runs(111, 150));
  });
});

describe('hardening: trainTestSplit', () => {
  const options = fc.oneof(
    fc.record({ testSize: maybe(fc.oneof(fc.double({ min: 0, max: 1 }), fc.integer({ min: -1, max: 8 }))), seed: maybe(fc.nat()), shuffle: maybe(fc.boolean()) }, { requiredKeys: [], noNullPrototype: true }),
    junk,
  );

  it('splits paired tensors or throws a LayerwiseError', () => {
    fc.assert(fc.property(maybe(smallTensor), maybe(smallTensor), options, (x, y, opts) => {
      const out = attempt(() => trainTestSplit(x as never, y as never, opts as never), { x, y, opts });
      if (out.ok) {
        const { xTrain, xTest, yTrain, yTest } = out.value;
        expect(xTrain.shape[0] + xTest.shape[0]).toBe((x as Tensor).shape[0]);
        expect(yTrain.shape[0]).toBe(xTrain.shape[0]);
        expect(yTest.shape[0]).toBe(xTest.shape[0]);
      }
    }), runs(121, 150));
  });
});

describe('hardening: StandardScaler', () => {
  it('fits, transforms and restores or throws a LayerwiseError', () => {
    const input = fc.oneof(smallTensor, dataLike(3).map((v) => {
      try {
        return tensor(v as never);
      } catch {
        return v;
      }
    }));
    fc.assert(fc.property(input, input, (a, b) => {
      const scaler = new StandardScaler();
      attempt(() => scaler.transform(a as never), a);
      const fitted = attempt(() => scaler.fit(a as never), a);
      const out = attempt(() => scaler.transform(b as never), { a, b });
      if (fitted.ok && out.ok) expectWellFormed(out.value);
      attempt(() => scaler.inverseTransform(b as never), b);
    }), runs(131, 100));
  });
});

describe('hardening: toy datasets', () => {
  const generators = { blobs, circles, moons, sine, spirals, xor } as Record<string, (options?: unknown) => { x: Tensor; y: Tensor }>;
  const count = fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constantFrom<unknown>(0.5, NaN, Infinity, 1e300, 2 ** 53, 2 ** 31, 2 ** 40, '3', null));
  const other = fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constantFrom<unknown>(0.5, NaN, Infinity, -Infinity, 'float64', 'int8', null, [], {}, [[0, 0], [1]], [-1, 1]));
  const options = fc.oneof(
    fc.record({
      nSamples: count, nClasses: count, centers: fc.oneof(count, other), nFeatures: count,
      noise: other, seed: other, dtype: other, shuffle: other, factor: other, clusterStd: other, centerBox: other, xRange: other,
    }, { requiredKeys: [], noNullPrototype: true }),
    junk,
  );

  it.each(Object.keys(generators))('%s(options) returns paired tensors or throws a LayerwiseError', (name) => {
    fc.assert(fc.property(options, (opts) => {
      const out = attempt(() => generators[name](opts), opts);
      if (out.ok) {
        expectWellFormed(out.value.x);
        expect(out.value.y.shape[0]).toBe(out.value.x.shape[0]);
      }
    }), runs(141, 60));
  });
});
