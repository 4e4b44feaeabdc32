/**
 * Hardening of every layer: each class in the `layers` registry and every Layer subclass that
 * the public entry point exports (so layers added later are covered without editing this file)
 * gets random and adversarial options, shapes and tensors. Construction, `getConfig`,
 * `computeOutputShape`, `forward`, `backward` and use inside a model either succeed or throw a
 * LayerwiseError with a message.
 */
import { layerSample } from '../helpers/layer-samples';
import fc from 'fast-check';
import * as lw from '../../lib';
import { Layer, layers, Sequential, tensor, zeros, type Tensor } from '../../lib';
import { anyNumber, attempt, dataLike, junk, runs } from './harness';

type LayerCtor = (new (options?: unknown) => Layer) & { className: string };

/** Exported concrete Layer subclasses, by class name. */
const exported = new Map<string, LayerCtor>();
for (const value of Object.values(lw)) {
  // Abstract bases (Layer, ElementwiseActivation, …) inherit className instead of declaring their own.
  if (typeof value === 'function' && value.prototype instanceof Layer && Object.prototype.hasOwnProperty.call(value, 'className')) {
    exported.set((value as LayerCtor).className, value as LayerCtor);
  }
}

/** Plausible options, one of which each layer accepts, to learn its option names from getConfig(). */
const SEEDS: readonly object[] = [{}, { units: 3 }, { rate: 0.5, seed: 1 }, { targetShape: [2, 2] }, { targetShape: [-1] }];

/** How to build a layer from options: through the registry when registered, else its exported class. */
function factory(name: string): (options: unknown) => Layer {
  if (layers.has(name)) return (options) => layers.create(name, options as object);
  const Cls = exported.get(name) as LayerCtor;
  return (options) => new Cls(options);
}

function validConfig(name: string): Record<string, unknown> | null {
  const make = factory(name);
  for (const seed of [layerSample(name).options, ...SEEDS]) {
    try {
      return { ...make(seed).getConfig() } as Record<string, unknown>;
    } catch {
      // try the next seed
    }
  }
  return null;
}

/** Every layer name, registered or exported; abstract bases that no seed builds are skipped. */
const names = [...new Set([...layers.names(), ...exported.keys()])].sort().filter((n) => validConfig(n) !== null);

const OPTION_NAMES = ['name', 'inputShape', 'batchInputShape', 'trainable', 'units', 'activation', 'useBias', 'kernelInitializer',
  'biasInitializer', 'rate', 'seed', 'noiseShape', 'targetShape', 'alpha', 'axis', 'momentum', 'epsilon', 'center', 'scale'];

const shapeValue = fc.oneof(
  fc.array(fc.integer({ min: -2, max: 5 }), { maxLength: 4 }),
  fc.array(fc.constantFrom<unknown>(null, 0, 0.5, NaN, Infinity, 2 ** 53, '2', -1), { minLength: 1, maxLength: 3 }),
);
const optionValue = fc.oneof(junk, anyNumber, shapeValue, fc.constantFrom<unknown>(
  'relu', 'softmax', 'nope', 'glorotUniform', 'zeros', 'he_normal', { className: 'Constant', config: { value: 'x' } },
  { className: 'ReLU' }, { className: 'Nope', config: {} }, 1e300, 2 ** 40,
));

/** A layer's valid config with some options replaced by adversarial values and some junk keys added. */
function mutatedConfig(name: string): fc.Arbitrary<unknown> {
  const base = validConfig(name) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(base), ...OPTION_NAMES])];
  return fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...keys), optionValue, { maxKeys: 3, noNullPrototype: true }).map((changes) => ({ ...base, ...changes })) },
    { weight: 1, arbitrary: junk },
  );
}

/** A tensor of `shape` with entries `(i mod 5 − 2) / 3`, or a non-tensor. */
function input(shape: readonly number[]): Tensor {
  const t = zeros(shape);
  for (let i = 0; i < t.size; i++) t.data[i] = ((i % 5) - 2) / 3;
  return t;
}
const tensorShape = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 });

describe.each(names)('hardening: layer %s', (name) => {
  const make = factory(name);

  it('its constructor takes any options or throws a LayerwiseError; what it builds round-trips through getConfig', () => {
    fc.assert(fc.property(mutatedConfig(name), (options) => {
      const built = attempt(() => make(options), options);
      if (!built.ok) return;
      const config = attempt(() => built.value.getConfig(), options);
      if (config.ok) {
        const again = attempt(() => make({ ...config.value, name: `${built.value.name}_copy` }), config.value);
        expect(again.ok).toBe(true);
      }
    }), runs(201, 60));
  });

  it('computeOutputShape takes any array of axes or throws a LayerwiseError', () => {
    const shape = fc.oneof(fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 5 })), { maxLength: 4 }), shapeValue);
    fc.assert(fc.property(shape, (s) => {
      const layer = make(validConfig(name));
      attempt(() => layer.computeOutputShape(s as never), s);
    }), runs(202, 60));
  });

  it('forward and backward take any tensor (or non-tensor) or throw a LayerwiseError', () => {
    const x = fc.oneof({ weight: 4, arbitrary: tensorShape.map(input) }, { weight: 1, arbitrary: junk });
    const dOut = fc.oneof({ weight: 4, arbitrary: tensorShape.map(input) }, { weight: 1, arbitrary: junk });
    fc.assert(fc.property(x, x, fc.boolean(), dOut, (first, second, training, g) => {
      const layer = make(validConfig(name));
      attempt(() => layer.backward(g as Tensor), g);
      const y = attempt(() => layer.forward(first as Tensor, training), first);
      attempt(() => layer.backward(g as Tensor), g);
      if (y.ok && training) {
        const back = attempt(() => layer.backward(y.value), y.value.shape);
        if (back.ok && back.value.dAPrev) expect(back.value.dAPrev.shape).toEqual((first as Tensor).shape);
      }
      attempt(() => layer.forward(second as Tensor, training), second);
    }), runs(203, 60));
  });

  it('inside a model, predict on any data gives a LayerwiseError or an output', () => {
    fc.assert(fc.property(mutatedConfig(name), dataLike(4), (options, data) => {
      const built = attempt(() => make(options), options);
      if (!built.ok) return;
      const model = attempt(() => new Sequential([built.value]), options);
      if (model.ok) attempt(() => model.value.predict(data as never), data);
    }), runs(204, 40));
  });
});

describe('hardening: activations and Dense options', () => {
  it('getActivation resolves any identifier or throws a LayerwiseError', () => {
    const identifier = fc.oneof(
      fc.constantFrom(...lw.activations.names(), 'RELU', 'leaky_relu', 'nope', '', 'Dense', 'constructor', '__proto__'),
      fc.record({ className: fc.oneof(fc.constantFrom(...lw.activations.names(), 'Dense', 'nope'), junk), config: fc.oneof(junk, fc.dictionary(fc.constantFrom('alpha', 'name', 'trainable', 'units'), optionValue, { maxKeys: 2, noNullPrototype: true })) }, { requiredKeys: [], noNullPrototype: true }),
      junk,
    );
    fc.assert(fc.property(identifier, (id) => {
      const out = attempt(() => lw.getActivation(id as never), id);
      if (out.ok) expect(out.value).toBeInstanceOf(Layer);
    }), runs(211, 150));
  });

  it('a built Dense rejects a bad input without touching its weights', () => {
    fc.assert(fc.property(dataLike(3), (data) => {
      const dense = new lw.Dense({ units: 2, inputShape: [3] });
      dense.build([null, 3]);
      const before = dense.params().map((p) => Array.from(p.value.data));
      const t = attempt(() => tensor(data as never), data);
      if (t.ok) attempt(() => dense.forward(t.value, true), data);
      expect(dense.params().map((p) => Array.from(p.value.data))).toEqual(before);
    }), runs(212, 60));
  });
});
