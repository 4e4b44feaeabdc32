/**
 * Hardening of the model API outside training: `new Sequential(...)`, `add`, `build`,
 * `compile`, `setWeights`. Every call either succeeds or throws a LayerwiseError with a message,
 * and a failed call leaves the model usable with its weights unchanged.
 */
import fc from 'fast-check';
import {
  Adam, CategoricalCrossentropy, Dense, layers, losses, MeanSquaredError, metrics, optimizers, ReLU, Sequential, SGD, tensor,
} from '../../lib';
import { attempt, expectIntact, junk, maybe, runs, smallModel, snapshot } from './harness';

/** A layer, a layer-like impostor, or junk. */
const layerLike = fc.oneof(
  fc.constantFrom('relu', 'tanh', 'softmax').map((name) => layers.create(name)),
  fc.integer({ min: 1, max: 3 }).map((units) => new Dense({ units })),
  fc.integer({ min: 1, max: 4 }).map((w) => new Dense({ units: 2, inputShape: [w] })),
  fc.constant(null).map(() => new ReLU({ name: 'dense_shadow' })),
  fc.constantFrom<unknown>({ forward: () => 1 }, { forward: () => 1, computeOutputShape: 'no' }, Dense, ReLU),
  junk,
);

describe('hardening: new Sequential', () => {
  it('takes any layers or options, or throws a LayerwiseError', () => {
    const options = fc.oneof(
      fc.array(layerLike, { maxLength: 3 }),
      fc.record({ layers: fc.oneof(fc.array(layerLike, { maxLength: 3 }), junk), name: maybe(fc.string()), dtype: maybe(fc.constantFrom('float32', 'float64', 'int32')) }, { requiredKeys: [], noNullPrototype: true }),
      junk,
    );
    fc.assert(fc.property(options, (o) => {
      const model = attempt(() => new Sequential(o as never), o);
      if (model.ok) {
        expect(typeof model.value.name).toBe('string');
        expect(Array.isArray(model.value.layers)).toBe(true);
      }
    }), runs(301, 120));
  });
});

describe('hardening: add and build', () => {
  it('add rejects what does not fit and leaves the model as it was', () => {
    fc.assert(fc.property(layerLike, (layer) => {
      const model = smallModel();
      const before = snapshot(model);
      const count = model.layers.length;
      const out = attempt(() => model.add(layer as never), layer);
      if (!out.ok) {
        expect(model.layers.length).toBe(count);
        expectIntact(model, before);
      }
    }), runs(311, 100));
  });

  it('add on an unbuilt model, then predict, gives an output or a LayerwiseError', () => {
    fc.assert(fc.property(fc.array(layerLike, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 4 }), (list, width) => {
      const model = new Sequential();
      for (const layer of list) attempt(() => model.add(layer as never), layer);
      attempt(() => model.predict([new Array<number>(width).fill(0.5)]), { list, width });
    }), runs(312, 80));
  });

  it('build takes any shape or throws a LayerwiseError, leaving a built model intact', () => {
    const shape = fc.oneof(fc.array(fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 5 }), fc.constantFrom<unknown>(0.5, NaN, '3')), { maxLength: 4 }), junk);
    fc.assert(fc.property(shape, (s) => {
      const model = smallModel();
      const before = snapshot(model);
      attempt(() => model.build(s as never), s);
      expectIntact(model, before);
      const fresh = new Sequential([new Dense({ units: 2 })]);
      attempt(() => fresh.build(s as never), s);
    }), runs(313, 100));
  });
});

describe('hardening: compile', () => {
  const names = (registry: { names(): string[] }) => fc.constantFrom(...registry.names());
  const optimizer = fc.oneof(names(optimizers), fc.constantFrom<unknown>('sgd', 'ADAM', 'nope', '', new SGD(), new Adam({ learningRate: 0.1 }), SGD, { step: () => undefined }), junk);
  const loss = fc.oneof(names(losses), fc.constantFrom<unknown>('mse', 'categorical_crossentropy', 'nope', '', new MeanSquaredError(), new CategoricalCrossentropy({ fromLogits: true }), MeanSquaredError, { forward: () => 0 }), junk);
  const metric = fc.oneof(names(metrics), fc.constantFrom<unknown>('accuracy', 'acc', 'mae', 'nope', { name: 'm', compute: () => 0 }, { name: 'm' }, { compute: () => 0 }), junk);
  const compileOptions = fc.oneof(
    fc.record({ optimizer, loss, metrics: fc.oneof(fc.array(metric, { maxLength: 3 }), junk) }, { requiredKeys: [], noNullPrototype: true }),
    junk,
  );

  it('takes any optimizer, loss and metrics or throws a LayerwiseError; a failed compile keeps the previous one', () => {
    fc.assert(fc.property(compileOptions, (options) => {
      const model = smallModel();
      const previous = new SGD({ learningRate: 0.05 });
      model.compile({ optimizer: previous, loss: 'mse' });
      const before = snapshot(model);
      const out = attempt(() => model.compile(options as never), options);
      if (!out.ok) {
        expect(model.optimizer).toBe(previous);
        expect(model.loss?.className).toBe('MeanSquaredError');
        expectIntact(model, before);
      }
    }), runs(321, 200));
  });

  it('a model compiled with any accepted options fits, evaluates or throws a LayerwiseError', async () => {
    await fc.assert(fc.asyncProperty(compileOptions, fc.boolean(), async (options, oneHotLabels) => {
      const model = smallModel({ units: oneHotLabels ? 2 : 1 });
      if (!attempt(() => model.compile(options as never), options).ok) return;
      const x = [[0, 0.5, 1], [1, 0.5, 0], [0.2, 0.2, 0.2]];
      const y = oneHotLabels ? [[1, 0], [0, 1], [1, 0]] : [[1], [0], [1]];
      try {
        await model.fit(x, y, { epochs: 1, verbose: 0, seed: 1 });
      } catch (error) {
        attempt(() => { throw error; }, options);
      }
      attempt(() => model.evaluate(x, y), options);
      expect(model.predict(x).shape[0]).toBe(3);
    }), runs(322, 120));
  });
});

describe('hardening: setWeights', () => {
  it('replaces weights of the right shapes, or throws and changes nothing', () => {
    const weight = fc.oneof(
      fc.constantFrom<number[]>([3, 4], [4], [4, 2], [2], [2, 4], [0], [1, 1]).map((shape) => tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.25), shape)),
      junk,
    );
    fc.assert(fc.property(fc.oneof(fc.array(weight, { maxLength: 5 }), junk), (weights) => {
      const model = smallModel();
      const before = snapshot(model);
      const out = attempt(() => model.setWeights(weights as never), weights);
      if (!out.ok) expectIntact(model, before);
      else expect(model.predict([[0, 0, 0]]).shape).toEqual([1, 2]);
    }), runs(331, 120));
  });
});
