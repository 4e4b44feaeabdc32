/**
 * Values in a saved model that are well-formed JSON but hostile or impossible: sizes that would
 * allocate gigabytes, thousands of layers, 10-megabyte names, poisoned random states, negative
 * variances, revoked proxies, detached buffers. Each is a DataError (a LayerwiseError) with a
 * short message naming the file and the field; nothing is allocated, nothing global changes.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  BatchNormalization, DataError, Dense, Dropout, LayerwiseError, Random, Sequential, getGlobalRandom, setSeed, tensor, toArray,
} from '../../../lib';
import { ConfigError } from '../../../lib/errors';
import { fromJSON, loadCheckpoint, loadModel, type ModelJSON, type SerializedModel } from '../../../lib/serialization';
import { crc32 } from '../../../lib/serialization/checksum';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';

type LayerConfigs = { class_name: string; config: Record<string, unknown> }[];
const layersOf = (json: ModelJSON): LayerConfigs => (json.modelTopology.config as { layers: LayerConfigs }).layers;

function makeModel(): Sequential {
  setSeed(4);
  return new Sequential([new Dense({ units: 4, activation: 'relu', inputShape: [3], name: 'hidden' }), new Dense({ units: 2, name: 'out' })]);
}

/** The model in memory (weights as an ArrayBuffer) with `edit` applied to its model.json. */
function edited(edit: (json: ModelJSON) => void, model = makeModel(), includeOptimizer = false): SerializedModel {
  const saved = model.toJSON({ weightData: 'arrayBuffer', includeOptimizer }) as SerializedModel;
  edit(saved.modelJson);
  return saved;
}

/** The error `run` throws: a DataError (so a LayerwiseError) with a message of at most `maxLength` matching every pattern. */
function rejection(run: () => unknown, ...patterns: (string | RegExp)[]): Error {
  let error: unknown = null;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DataError);
  for (const p of patterns) expect((error as Error).message).toMatch(p);
  return error as Error;
}

describe('declared sizes are capped (item 8)', () => {
  test('a Dense of 3e8 units without an input shape is refused at load, before any predict allocates it', () => {
    const saved = edited((json) => {
      const [first] = layersOf(json);
      delete first.config.batch_input_shape;
      first.config.units = 3e8;
      json.weightsManifest = [];
      delete (json.userDefinedMetadata as { layerwise: { weightsCrc32?: string } }).layerwise.weightsCrc32;
    });
    rejection(() => fromJSON(saved), /'hidden\/kernel' \[\?, 300000000\] declares 300000000 elements, at most 268435456 allowed; pass loadModel\(…, \{ maxElements \}\)/);
    // Raised on purpose (the next layer's kernel is [3e8, 2]), it loads (and allocates nothing until the caller's data gives the width).
    expect(fromJSON(saved, { maxElements: 7e8 }).built).toBe(false);
  });

  test('the planned weights together are capped too, and the cap is an option', () => {
    const model = new Sequential([new Dense({ units: 2, inputShape: [3] })]);
    const saved = edited((json) => {
      const layers = layersOf(json);
      delete layers[0].config.batch_input_shape;
      for (let i = 0; i < 3; i++) layers.push({ class_name: 'Dense', config: { units: 1e4, name: `wide_${i}` } });
      json.weightsManifest = [];
      delete (json.userDefinedMetadata as { layerwise: { weightsCrc32?: string } }).layerwise.weightsCrc32;
    }, model);
    // wide_1 and wide_2 plan [null, 1e4] kernels whose known part is 1e4 (the previous width is unknown to the plan): in all 2 + 2 + 3·(1e4 + 1e4) elements.
    rejection(() => fromJSON(saved, { maxElements: 50000 }), /the layers declare 60004 weight elements in all, at most 50000 allowed/);
    expect(() => fromJSON(saved, { maxElements: 0 })).toThrow(ConfigError);
  });
});

describe('loading is linear in the layer count (item 9)', () => {
  test('constructing and loading 3,000 layers reads each name and computes each output shape a bounded number of times', () => {
    const n = 3000;
    let nameReads = 0;
    const layers = [new Dense({ units: 2, inputShape: [2] }), ...Array.from({ length: n }, () => new Dropout({ rate: 0.1 }))];
    for (const layer of layers) {
      const name = layer.name;
      Object.defineProperty(layer, 'name', { get: () => { nameReads++; return name; } });
    }
    const shapes = jest.spyOn(Dropout.prototype, 'computeOutputShape');
    try {
      const model = new Sequential(layers);
      // A quadratic add (every earlier name, every earlier output shape) would take n²/2 = 4.5 million.
      expect(nameReads).toBeLessThan(10 * n);
      expect(shapes.mock.calls.length).toBeLessThan(10 * n);
      shapes.mockClear();
      const text = JSON.stringify(model);
      expect(fromJSON(text).layers.length).toBe(n + 1);
      expect(shapes.mock.calls.length).toBeLessThan(10 * n);
    } finally {
      shapes.mockRestore();
    }
  });
});

describe('long values are quoted shortened (item 10)', () => {
  const huge = 'x'.repeat(1e7);
  const cases: [string, (json: ModelJSON) => void][] = [
    ['a class_name', (json) => { layersOf(json)[1].class_name = huge; }],
    ['the topology class_name', (json) => { json.modelTopology.class_name = huge; }],
    ['an activation name', (json) => { layersOf(json)[0].config.activation = huge; }],
    ['a layer name', (json) => { layersOf(json)[0].config.name = huge; }],
    ['a weight name', (json) => { json.weightsManifest[0].weights[0].name = huge; }],
    ['an initializer name', (json) => { layersOf(json)[0].config.kernel_initializer = { class_name: huge, config: {} }; }],
    ['an option name', (json) => { layersOf(json)[0].config[huge] = 1; }],
  ];
  test.each(cases)('%s of 10 million characters gives a message of a few hundred', (_, edit) => {
    const error = rejection(() => fromJSON(edited(edit)));
    expect(error.message.length).toBeLessThan(2000);
    expect(error.message).toMatch(/characters left out/);
  });

  test('a weights path of a million characters, loading from a folder', async () => {
    const dir = makeTempDir();
    try {
      const { modelJsonPath } = await makeModel().save(dir);
      const json = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8')) as ModelJSON;
      json.weightsManifest[0].paths = ['p'.repeat(1e6)];
      fs.writeFileSync(modelJsonPath, JSON.stringify(json));
      const error = await loadModel(dir).then(() => null, (e: unknown) => e as Error);
      expect(error).toBeInstanceOf(DataError);
      expect((error as Error).message.length).toBeLessThan(2000);
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('random states are generator states (item 12)', () => {
  const compiled = (): Sequential => {
    const model = makeModel();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    return model;
  };
  const withState = (state: unknown): SerializedModel => edited((json) => {
    (json.userDefinedMetadata as { layerwise: { training: { randomState: unknown } } }).layerwise.training.randomState = state;
  }, compiled(), true);

  test.each([
    ['a huge carry', { c: 1e300, s0: 0.5, s1: 0.25, s2: 0.125 }, /randomState \(the global generator\): random state c \(the carry\) must be an integer in \[0, 2091639\], got 1e\+300/],
    ['all zeros', { c: 0, s0: 0, s1: 0, s2: 0 }, /is a fixed point of the generator: every draw would be 0/],
    ['the other fixed point', { c: 2091638, s0: 1 - 2 ** -32, s1: 1 - 2 ** -32, s2: 1 - 2 ** -32 }, /is a fixed point/],
    ['s0 off the 2^-32 grid', { c: 1, s0: 0.1 + 1e-12, s1: 0.5, s2: 0.5 }, /s0 must be a multiple of 2\^-32 in \[0, 1\)/],
    ['a negative s1', { c: 1, s0: 0.5, s1: -0.5, s2: 0.5 }, /s1 must be a multiple/],
  ])('%s is refused and the global generator is left as it was (a failed load changes nothing)', async (_, state, pattern) => {
    const saved = withState(state);
    setSeed(11);
    const expected = [getGlobalRandom().uniform(), getGlobalRandom().uniform()];
    setSeed(11);
    await expect(loadCheckpoint(saved)).rejects.toThrow(pattern);
    expect([getGlobalRandom().uniform(), getGlobalRandom().uniform()]).toEqual(expected);
    await expect(loadCheckpoint(saved)).rejects.toThrow(DataError);
  });

  test('a state the generator reached is accepted, and Random.setState refuses impossible ones', async () => {
    const rng = new Random(3);
    rng.uniform();
    await expect(loadCheckpoint(withState(rng.getState()))).resolves.toBeDefined();
    expect(() => new Random(1).setState({ c: 0, s0: 0, s1: 0, s2: 0 })).toThrow(ConfigError);
  });
});

describe('values no other check catches (item 13)', () => {
  test('a negative moving_variance names the file, the weight and the element', () => {
    setSeed(2);
    const model = new Sequential([new Dense({ units: 2, inputShape: [3] }), new BatchNormalization({ name: 'bn' })]);
    const saved = model.toJSON({ weightData: 'arrayBuffer' }) as SerializedModel;
    const weights = saved.modelJson.weightsManifest[0].weights;
    const index = weights.findIndex((w) => w.name === 'bn/moving_variance');
    const offset = weights.slice(0, index).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
    const data = saved.weightData as ArrayBuffer;
    new DataView(data).setFloat32(offset + 4, -1, true);
    (saved.modelJson.userDefinedMetadata as { layerwise: { weightsCrc32: string } }).layerwise.weightsCrc32 = crc32(data);
    rejection(() => fromJSON(saved), /fromJSON: weightData .*: weight 'bn\/moving_variance' holds -1 at element 1; a variance must be ≥ 0/);
  });

  test('a model weight of another dtype than float32', () => {
    rejection(() => fromJSON(edited((json) => { json.weightsManifest[0].weights[0].dtype = 'int32'; })), /weightsManifest\[0\]\.weights\[0\]\.dtype \('hidden\/kernel'\): a model weight must be 'float32', got "int32"/);
  });

  test.each([[-5], [1.5], ['3']])('a checkpoint epoch of %p', async (epoch) => {
    const model = makeModel();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const saved = edited((json) => {
      (json.userDefinedMetadata as { layerwise: { training: { epoch: unknown } } }).layerwise.training.epoch = epoch;
    }, model, true);
    await expect(loadCheckpoint(saved)).rejects.toThrow(/fromJSON: userDefinedMetadata\.layerwise\.training\.epoch must be a non-negative integer .* or null, got/);
    await expect(loadCheckpoint(saved, { compile: false })).rejects.toThrow(DataError);
  });

  test('a layer named __proto__', () => {
    const saved = edited(() => undefined);
    const text = JSON.stringify(saved.modelJson).replace(/"hidden"/g, '"__proto__"').replace(/"hidden\//g, '"__proto__/');
    rejection(() => fromJSON({ modelJson: JSON.parse(text) as ModelJSON, weightData: saved.weightData }), /fromJSON: layer 0: config\.name '__proto__' is reserved/);
  });
});

describe('bad values are LayerwiseErrors, never TypeErrors (item 14)', () => {
  const revoked = (): object => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };

  test.each<[string, (json: ModelJSON) => void]>([
    ['a weight shape', (json) => { json.weightsManifest[0].weights[0].shape = revoked() as number[]; }],
    ['an initializer', (json) => { layersOf(json)[0].config.kernel_initializer = revoked(); }],
    ['the batch_input_shape', (json) => { layersOf(json)[0].config.batch_input_shape = revoked(); }],
    ['the metadata', (json) => { json.userDefinedMetadata = revoked() as ModelJSON['userDefinedMetadata']; }],
  ])('a revoked proxy as %s names where it is', (_, edit) => {
    rejection(() => fromJSON(edited(edit)), /fromJSON: modelJson\.\S+: a revoked proxy is not a JSON value/);
  });

  test('a revoked proxy as the whole input, and a throwing getter', () => {
    expect(() => fromJSON(revoked() as SerializedModel)).toThrow(LayerwiseError);
    const saved = edited(() => undefined);
    Object.defineProperty(layersOf(saved.modelJson)[0].config, 'units', { get: () => { throw new TypeError('boom'); }, enumerable: true });
    rejection(() => fromJSON(saved), /fromJSON: modelJson\.modelTopology\.config\.layers\[0\]\.config\.units: cannot be read: TypeError: boom/);
  });

  test('a detached ArrayBuffer as weightData', () => {
    const saved = edited(() => undefined);
    structuredClone(saved.weightData, { transfer: [saved.weightData as ArrayBuffer] });
    rejection(() => fromJSON(saved), /weightData is a detached ArrayBuffer/);
  });
});

describe('paths and JSON text are told apart (item 15)', () => {
  test('a folder named {run} saves and loads; JSON text still loads; a string that is neither is a missing path', async () => {
    const dir = makeTempDir();
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const model = makeModel();
      await model.save('{run}');
      const x = tensor([[1, 2, 3]]);
      expect(toArray((await loadModel('{run}')).predict(x))).toEqual(toArray(model.predict(x)));
      expect(toArray((await loadModel(JSON.stringify(model))).predict(x))).toEqual(toArray(model.predict(x)));
      await expect(loadModel('{not json')).rejects.toThrow(new RegExp(`${path.join(dir, '{not json', 'model.json').replace(/[{}.]/g, '\\$&')}: cannot read the model`));
    } finally {
      process.chdir(cwd);
      removeTempDir(dir);
    }
  });
});

describe('clear messages (item 16)', () => {
  test('nesting deeper than the limit says the limit and where', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20000; i++) deep = [deep];
    rejection(() => fromJSON(edited((json) => { layersOf(json)[0].config.units = deep; })), /fromJSON: modelJson\.modelTopology\.config\.layers\[0\]\.config\.units\[0\]\[0\].*: nested more than 100 levels deep, the most a saved model may nest/);
  });

  test('a shape of 100,000 axes gives a short message', () => {
    // Dense takes any rank, so the shape is made invalid by its last axis (0), and quoted shortened.
    const error = rejection(() => fromJSON(edited((json) => { layersOf(json)[0].config.batch_input_shape = [...new Array(1e5 - 1).fill(1), 0]; })), /inputShape must be a non-empty array of positive integers, got \[1,1,1.*characters left out.*1,0\]/);
    expect(error.message.length).toBeLessThan(400);
  });

  test('a SharedArrayBuffer as weightData is accepted', () => {
    const model = makeModel();
    const saved = model.toJSON({ weightData: 'arrayBuffer' }) as SerializedModel;
    const shared = new SharedArrayBuffer((saved.weightData as ArrayBuffer).byteLength);
    new Uint8Array(shared).set(new Uint8Array(saved.weightData as ArrayBuffer));
    const x = tensor([[1, 2, 3]]);
    expect(toArray(fromJSON({ modelJson: saved.modelJson, weightData: shared as unknown as ArrayBuffer }).predict(x))).toEqual(toArray(model.predict(x)));
  });
});
