/**
 * Hardening of training and inference: `fit`, `evaluate`, `predict`, `trainOnBatch` and
 * `computeGradients` with wrong ranks and widths, empty and ragged arrays, NaN, Infinity,
 * strings, objects, null, huge batch sizes, negative or fractional epochs and mismatched labels.
 * Each call either succeeds or throws a LayerwiseError with a message; a failed call leaves the
 * weights unchanged and the model able to predict.
 */
import fc from 'fast-check';
import { type FitOptions, type ProgressStream, type Sequential } from '../../lib';
import {
  attempt, attemptAsync, dataLike, expectIntact, junk, makeExotic, maybe, pairs, revokedNames, rowsOf, runs, smallModel,
  snapshot, spoil, spoilerNames,
} from './harness';

/** A progress display that writes nowhere. */
const quiet: ProgressStream = { write: () => true, isTTY: false };

/** Small valid counts, and every kind of invalid one; never a huge valid count that would run for hours. */
const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 2 }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(-1, -0, 0.5, 1.5, NaN, Infinity, -Infinity, '2', null, true, [], {}, 1e-320) },
  { weight: 1, arbitrary: junk.filter((v) => !(typeof v === 'number' && Number.isInteger(v) && v > 3)) },
);

/** Batch sizes: small, huge (valid: one batch holds everything) and invalid. */
const batchSize = fc.oneof(
  fc.integer({ min: 1, max: 5 }),
  fc.constantFrom<unknown>(2 ** 31, 2 ** 53, 1e300, Number.MAX_VALUE, 0, -1, 0.5, NaN, Infinity, '4', null),
);

/** Valid options with up to three of them replaced by random, often invalid, values; sometimes `whole` instead. */
function someOptions(base: Record<string, unknown>, values: Record<string, fc.Arbitrary<unknown>>, whole = junk): fc.Arbitrary<unknown> {
  const keys = Object.keys(values);
  const changed = fc.subarray(keys, { maxLength: Math.min(3, keys.length) })
    .chain((picked) => fc.tuple(...picked.map((k) => values[k].map((v) => [k, v] as const))))
    .map((entries) => ({ ...base, ...Object.fromEntries(entries) }));
  return fc.oneof({ weight: 12, arbitrary: changed }, { weight: 1, arbitrary: whole });
}

const fitOptions = someOptions({ epochs: 1, batchSize: 2, verbose: 0, seed: 1, progressStream: quiet }, {
  epochs: count,
  initialEpoch: count,
  batchSize,
  shuffle: maybe(fc.boolean()),
  seed: maybe(fc.nat()),
  verbose: maybe(fc.constantFrom(0, 1, 2)),
  validationSplit: maybe(fc.double({ min: -0.5, max: 1.5 })),
  validationData: fc.oneof(pairs(3, 2).map(({ x, y }) => [x, y]), junk),
  callbacks: fc.oneof(fc.constantFrom<unknown>([], [null], [{}], [1], [{ onEpochEnd: 'x' }], [{ setModel: null }], [{ onBatchEnd: () => undefined }]), junk),
  sampleWeight: maybe(fc.integer({ min: 1, max: 6 }).chain((n) => rowsOf(n, 1, 0, 2)).chain((rows) => fc.constantFrom(...spoilerNames, 'none').map((how) => spoil(rows, how)))),
  classWeight: maybe(fc.dictionary(fc.constantFrom('0', '1', '-1', 'x', '1.5'), fc.constantFrom<unknown>(1, 0.5, 0, -1, NaN, Infinity, 'a', null), { noNullPrototype: true })),
  // Never undefined or null: those mean process.stdout, which would fill the test log.
  progressStream: fc.oneof(fc.constant(quiet), junk.filter((v) => v !== undefined && v !== null)),
}, junk);

/** Paired data for the small model (3 inputs, 2 outputs), mostly near-valid, sometimes anything. */
const data = fc.oneof(
  { weight: 4, arbitrary: pairs(3, 2) },
  { weight: 1, arbitrary: fc.tuple(dataLike(3), dataLike(2)).map(([x, y]) => ({ x, y, how: ['dataLike', 'dataLike'] })) },
);

/** The output activation each loss expects (probabilities for the cross-entropies). */
const OUTPUT: Readonly<Record<string, string>> = {
  mse: 'linear', categoricalCrossentropy: 'softmax', binaryCrossentropy: 'sigmoid', sparseCategoricalCrossentropy: 'softmax',
};

/** The small model compiled with `loss`; `isMatched` false gives it a linear output whatever the loss (a misuse). */
function compiled(loss: string, dtype: 'float32' | 'float64' = 'float32', isMatched = true): Sequential {
  const model = smallModel({ dtype, activation: 'relu', output: isMatched ? OUTPUT[loss] : 'linear' });
  model.compile({ optimizer: 'sgd', loss, metrics: ['mse'] });
  return model;
}

const lossName = fc.constantFrom('mse', 'categoricalCrossentropy', 'binaryCrossentropy', 'sparseCategoricalCrossentropy');

// Options replaced wholesale by junk (undefined, {}) or objects without `verbose` mean fit's
// defaults: verbose 1, written to process.stdout, which would print `Epoch 1/1 …` lines into
// the test log.
let stdout: jest.SpyInstance;
beforeEach(() => { stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true); });
afterEach(() => stdout.mockRestore());

describe('hardening: fit', () => {
  it('fits any data with any options or throws a LayerwiseError, changing no weight on failure', async () => {
    await fc.assert(fc.asyncProperty(data, fitOptions, lossName, fc.boolean(), async ({ x, y, how }, options, loss, f64) => {
      const model = compiled(loss, f64 ? 'float64' : 'float32');
      const before = snapshot(model);
      const out = await attemptAsync(() => model.fit(x as never, y as never, options as FitOptions), { how, x, y, options });
      if (!out.ok) expectIntact(model, before);
      else expect(model.predict([[0, 0, 0]]).shape).toEqual([1, 2]);
    }), runs(401, 250));
  });

  it('with a loss that does not match the output, fails before any step or keeps a model that predicts', async () => {
    // A linear output under a cross-entropy can diverge in the first step and make the loss
    // reject the next batch: that failure comes after updates, so only usability is asserted.
    await fc.assert(fc.asyncProperty(data, fitOptions, lossName, async ({ x, y, how }, options, loss) => {
      const model = compiled(loss, 'float32', false);
      const before = snapshot(model);
      const out = await attemptAsync(() => model.fit(x as never, y as never, options as FitOptions), { how, x, y, options });
      if (!out.ok && model.optimizer?.iterations === 0) expectIntact(model, before);
      expect(model.predict([[0, 0, 0]]).shape).toEqual([1, 2]);
    }), runs(403, 120));
  });

  it('rejects negative, fractional and non-numeric epochs before training', async () => {
    // null and undefined mean the default, as with `??`.
    const bad = fc.constantFrom<unknown>(-1, 0.5, 1.5, NaN, Infinity, -Infinity, '2', [], {}, true, Object.create(null));
    await fc.assert(fc.asyncProperty(bad, fc.constantFrom('epochs', 'initialEpoch', 'batchSize'), async (value, key) => {
      const model = compiled('mse');
      const before = snapshot(model);
      const out = await attemptAsync(() => model.fit([[0, 0, 0]], [[1, 1]], { verbose: 0, [key]: value }), { [key]: value });
      expect(out.ok).toBe(false);
      expectIntact(model, before);
    }), runs(402, 60));
  });

  it('fit on an uncompiled model throws a StateError-like LayerwiseError', async () => {
    const model = smallModel();
    const before = snapshot(model);
    const out = await attemptAsync(() => model.fit([[0, 0, 0]], [[1, 1]], { verbose: 0 }));
    expect(out.ok).toBe(false);
    expectIntact(model, before);
  });
});

describe('hardening: fit with revoked proxies', () => {
  it('rejects a revoked proxy as options, callbacks, a callback or validationData with a LayerwiseError', async () => {
    const places: ((v: unknown) => unknown)[] = [(v) => v, (v) => ({ callbacks: v }), (v) => ({ callbacks: [v] }), (v) => ({ validationData: v })];
    for (const name of revokedNames) {
      for (const place of places) {
        const options = place(makeExotic(name));
        await attemptAsync(() => compiled('mse').fit([[0, 0, 0]], [[1, 1]], options as FitOptions), { name, options });
      }
    }
  });
});

describe('hardening: evaluate, predict, trainOnBatch, computeGradients', () => {
  const options = someOptions({}, { batchSize, sampleWeight: maybe(dataLike(1)) });

  it('evaluate takes any data or throws a LayerwiseError, changing no weight', () => {
    fc.assert(fc.property(data, options, lossName, ({ x, y }, o, loss) => {
      const model = compiled(loss);
      const before = snapshot(model);
      const out = attempt(() => model.evaluate(x as never, y as never, o as never), { x, y, o });
      if (out.ok) [out.value].flat().forEach((v) => expect(typeof v).toBe('number'));
      expectIntact(model, before);
    }), runs(411, 200));
  });

  it('predict takes any data or throws a LayerwiseError, changing no weight', () => {
    fc.assert(fc.property(data, options, fc.boolean(), ({ x }, o, f64) => {
      const model = smallModel({ dtype: f64 ? 'float64' : 'float32' });
      const before = snapshot(model);
      const out = attempt(() => model.predict(x as never, o as never), { x, o });
      if (out.ok) expect(out.value.shape[1]).toBe(2);
      expectIntact(model, before);
    }), runs(412, 200));
  });

  it('predict on an unbuilt model builds it from valid data or throws', () => {
    fc.assert(fc.property(dataLike(3), (x) => {
      const model = smallModel();
      const fresh = new (model.constructor as typeof Sequential)();
      attempt(() => fresh.predict(x as never), x);
    }), runs(413, 60));
  });

  it('trainOnBatch takes any batch or throws a LayerwiseError, changing no weight on failure', () => {
    fc.assert(fc.property(data, lossName, ({ x, y }, loss) => {
      const model = compiled(loss);
      const before = snapshot(model);
      const out = attempt(() => model.trainOnBatch(x as never, y as never), { x, y });
      if (!out.ok) expectIntact(model, before);
      else expect(typeof out.value).toBe('number');
    }), runs(414, 200));
  });

  it('computeGradients takes any batch or throws a LayerwiseError, never changing a weight', () => {
    fc.assert(fc.property(data, maybe(fc.record({ inputGradient: maybe(fc.boolean()) }, { noNullPrototype: true })), ({ x, y }, o) => {
      const model = compiled('mse');
      const before = snapshot(model);
      attempt(() => model.computeGradients(x as never, y as never, o as never), { x, y, o });
      expectIntact(model, before);
    }), runs(415, 150));
  });
});
