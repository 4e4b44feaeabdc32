/**
 * Sizes read from an untrusted model.json (a Dense's `units`, a `batch_input_shape`, a
 * manifest shape) are checked before anything of that size is allocated: a file that asks for
 * more than its weights binary holds, or for a tensor no engine can hold, gives a DataError
 * naming the file, the layer or weight and both sizes, and no layer is built (`tensorAllocations`
 * does not move; a successful load moves it, which the control test shows).
 */
import * as fs from 'fs';
import * as path from 'path';
import { layerSample } from '../../helpers/layer-samples';
import { DataError, Dense, Sequential, layers, setSeed } from '../../../lib';
import { fromJSON, loadModel, type ModelJSON, type SerializedModel } from '../../../lib/serialization';
import { crc32 } from '../../../lib/serialization/checksum';
import { readFromDirectory, type FileSystem } from '../../../lib/serialization/io-node';
import { MAX_TENSOR_ELEMENTS, shapeProblem } from '../../../lib/serialization/limits';
import { plannedWeights } from '../../../lib/serialization/weight-plan';
import { layerWeights } from '../../../lib/serialization/weights';
import { tensorAllocations, type DType, type Shape } from '../../../lib/tensor';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';

let dir: string;
let jsonPath: string;
let weightsPath: string;

// Dense 3→4 ('hidden': kernel [3, 4], bias [4]) then Dense 4→2 ('out': kernel [4, 2], bias [2]):
// (12 + 4 + 8 + 2) float32 values = 104 bytes.
function makeModel(): Sequential {
  setSeed(8);
  return new Sequential([new Dense({ units: 4, inputShape: [3], name: 'hidden' }), new Dense({ units: 2, name: 'out' })]);
}

beforeEach(async () => {
  dir = makeTempDir();
  ({ modelJsonPath: jsonPath, weightsPath } = await makeModel().save(dir));
});
afterEach(() => removeTempDir(dir));

type LayerConfigs = { config: Record<string, unknown> }[];

function readJson(): ModelJSON {
  return JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as ModelJSON;
}

function topologyLayers(json: ModelJSON): LayerConfigs {
  return (json.modelTopology.config as unknown as { layers: LayerConfigs }).layers;
}

/** Rewrites model.json after `edit`. */
function editJson(edit: (json: ModelJSON) => void): void {
  const json = readJson();
  edit(json);
  fs.writeFileSync(jsonPath, JSON.stringify(json));
}

/** Asserts that `load` fails with a DataError matching every pattern, without creating any tensor. */
async function expectRejected(load: () => Promise<unknown>, ...patterns: (string | RegExp)[]): Promise<void> {
  const before = tensorAllocations();
  const error = await load().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  for (const p of patterns) expect((error as Error).message).toMatch(p);
  expect(tensorAllocations()).toBe(before);
}

const loadDir = (): Promise<unknown> => loadModel(dir);

test('control: a valid load builds its layers, which tensorAllocations counts', async () => {
  const before = tensorAllocations();
  expect((await loadModel(dir)).countParams()).toBe(26);
  expect(tensorAllocations()).toBeGreaterThan(before);
});

describe('layer sizes from the topology', () => {
  test('units over the tensor limit: the output shape is refused', async () => {
    editJson((json) => { topologyLayers(json)[1].config.units = 2 ** 31; });
    await expectRejected(loadDir, jsonPath, "layer 1 ('out')", 'output shape [?, 2147483648]', 'axis 1 is 2147483648, more than 2147483647');
  });

  test('units that fit alone but make a kernel over the limit: the planned weight is refused', async () => {
    editJson((json) => { topologyLayers(json)[1].config.units = 2e9; });
    await expectRejected(loadDir, jsonPath, "Dense 'out': weight 'out/kernel'", '[4, 2000000000] is too large for a tensor: 8000000000 elements, more than 2147483647');
  });

  test('a large units that a tensor could hold but the weights file does not: refused before building', async () => {
    editJson((json) => { topologyLayers(json)[1].config.units = 100000; });
    await expectRejected(loadDir, jsonPath, "weight 'out/kernel': expected shape [4, 100000] (from the model topology), found [4, 2] in the weights manifest");
  });

  test('without an input shape nothing is built, but units over the limit are still refused', async () => {
    editJson((json) => {
      delete topologyLayers(json)[0].config.batch_input_shape;
      topologyLayers(json)[1].config.units = 2 ** 31;
      json.weightsManifest = [];
    });
    await expectRejected(loadDir, jsonPath, "weight 'out/kernel' [?, 2147483648] is too large for a tensor: axis 1 is 2147483648");
  });

  test('without an input shape the manifest may not carry model weights', async () => {
    editJson((json) => { delete topologyLayers(json)[0].config.batch_input_shape; });
    await expectRejected(loadDir, jsonPath, 'the first layer has no batch_input_shape, so its weights cannot be created');
  });

  test('a huge input width: the first kernel is refused', async () => {
    editJson((json) => { topologyLayers(json)[0].config.batch_input_shape = [null, 2e9]; });
    await expectRejected(loadDir, jsonPath, "weight 'hidden/kernel' [2000000000, 4] is too large for a tensor: 8000000000 elements");
  });

  test('a large input width with a manifest that does not declare it: refused before building', async () => {
    editJson((json) => { topologyLayers(json)[0].config.batch_input_shape = [null, 300000]; });
    await expectRejected(loadDir, jsonPath, "weight 'hidden/kernel': expected shape [300000, 4] (from the model topology), found [3, 4]");
  });

  test('an input shape with too many elements per sample (through Flatten)', async () => {
    editJson((json) => {
      const list = topologyLayers(json);
      delete list[0].config.batch_input_shape;
      list.unshift({ class_name: 'Flatten', config: { name: 'flat', batch_input_shape: [null, 50000, 50000] } } as unknown as LayerConfigs[number]);
    });
    await expectRejected(loadDir, jsonPath, "layer 0 ('flat')", 'input shape [?, 50000, 50000]: 2500000000 elements per sample, more than 2147483647');
  });

  test('BatchNormalization sized by a large input: its weights must be in the manifest first', async () => {
    editJson((json) => {
      const list = topologyLayers(json);
      delete list[0].config.batch_input_shape;
      list.unshift({ class_name: 'BatchNormalization', config: { name: 'bn', batch_input_shape: [null, 200000] } } as unknown as LayerConfigs[number]);
    });
    await expectRejected(loadDir, jsonPath, "weight 'bn/gamma' [200000] is missing from the weights manifest");
  });

  test('declared and consistent, but the bytes are not there: the weights file is named before anything is built', async () => {
    editJson((json) => {
      topologyLayers(json)[0].config.batch_input_shape = [null, 1000];
      topologyLayers(json)[0].config.units = 1000;
      const [kernel, bias, outKernel] = json.weightsManifest[0].weights;
      kernel.shape = [1000, 1000];
      bias.shape = [1000];
      outKernel.shape = [1000, 2];
    });
    // (1000·1000 + 1000 + 1000·2 + 2) · 4 bytes.
    await expectRejected(loadDir, weightsPath, 'expected 4012008 bytes of weights (from the manifest), found 104', "weight 'hidden/kernel' [1000, 1000] ends at byte 4000000");
  });
});

describe('manifest sizes', () => {
  test('a shape inconsistent with the bytes', async () => {
    editJson((json) => { json.weightsManifest[0].weights[0].shape = [30, 4]; });
    await expectRejected(loadDir, weightsPath, 'expected 536 bytes of weights (from the manifest), found 104', "weight 'hidden/kernel' [30, 4] ends at byte 480");
  });

  test('a shape claiming gigabytes the file does not have', async () => {
    editJson((json) => { json.weightsManifest[0].weights[0].shape = [46340, 46340]; });
    // 46340² = 2147395600 elements, just under the limit: (2147395600 + 4 + 8 + 2) · 4 bytes.
    await expectRejected(loadDir, weightsPath, 'expected 8589582456 bytes of weights (from the manifest), found 104', "'hidden/kernel' [46340, 46340] ends at byte 8589582400");
  });

  test('a shape over the tensor limit', async () => {
    editJson((json) => { json.weightsManifest[0].weights[0].shape = [1e6, 1e6]; });
    await expectRejected(loadDir, jsonPath, "('hidden/kernel'): shape [1000000, 1000000] is not a tensor shape", 'is not a tensor shape: 1000000000000 elements, more than 2147483647');
  });

  test('a manifest naming the weights file over and over stops reading once past the declared bytes', async () => {
    editJson((json) => { json.weightsManifest[0].paths = Array.from({ length: 1000 }, () => path.basename(weightsPath)); });
    let reads = 0;
    const counting: FileSystem = { ...(fs.promises as unknown as FileSystem), open: async (p: string, flags: string | number) => { reads++; return fs.promises.open(p, flags); } };
    await expect(readFromDirectory(dir, counting)).rejects.toThrow(/expected 104 bytes of weights \(from the manifest\), found at least 208 \(after 2 of 1000 files\)/);
    // model.json, then the first two shards (sized before any is read).
    expect(reads).toBe(3);
  });
});

describe('dimensions that are not sizes', () => {
  /** The saved model in memory (weights as an ArrayBuffer) with `edit` applied; NaN survives, unlike in a file. */
  function inMemory(edit: (json: ModelJSON) => void): () => Promise<unknown> {
    const saved = makeModel().toJSON({ weightData: 'arrayBuffer' }) as SerializedModel;
    edit(saved.modelJson);
    return async () => fromJSON(saved);
  }

  test.each([
    [1.5, 'axis 0 is 1.5, not a safe integer ≥ 0'], [-3, 'axis 0 is -3'], [NaN, 'axis 0 is NaN'], [1e300, 'axis 0 is 1e+300'],
    [Infinity, 'axis 0 is Infinity'], ['3', 'shape must be an array of non-negative integers, got ["3",4]'],
  ])('manifest dimension %p', async (d, message) => {
    await expectRejected(inMemory((json) => { json.weightsManifest[0].weights[0].shape = [d as number, 4]; }), "fromJSON: weightsManifest[0].weights[0] ('hidden/kernel')", message);
  });

  test.each([
    [1.5, 'units must be a positive integer, got 1.5'], [-3, 'got -3'], [NaN, 'got NaN'], [Infinity, 'got Infinity'],
    [1e300, 'output shape [?, 1e+300]: axis 1 is 1e+300, not a safe integer ≥ 1'],
  ])('units %p', async (units, message) => {
    await expectRejected(inMemory((json) => { topologyLayers(json)[1].config.units = units; }), "fromJSON: layer 1 ('out')", message);
  });

  test.each([
    [[null, 1.5], 'inputShape must be a non-empty array of positive integers'], [[null, -3], 'positive integers'], [[null, NaN], 'positive integers'],
    [[null, 0], 'positive integers'], [[null, 1e300], 'input shape [?, 1e+300]: axis 1 is 1e+300, not a safe integer ≥ 1'],
    [[1e300, 3], 'input shape [1e+300, 3]: axis 0 is 1e+300'],
  ])('batch_input_shape %p', async (shape, message) => {
    await expectRejected(inMemory((json) => { topologyLayers(json)[0].config.batch_input_shape = shape; }), "fromJSON: layer 0 ('hidden')", message);
  });

  test('a file with 1e300 in it (JSON keeps it) is refused the same way', async () => {
    fs.writeFileSync(jsonPath, fs.readFileSync(jsonPath, 'utf8').replace('"units":2', '"units":1e300'));
    await expectRejected(loadDir, jsonPath, "layer 1 ('out')", 'axis 1 is 1e+300');
  });
});

describe('the plan of weights', () => {
  /** Every registered layer class with a config and an input shape it accepts. */
  const samples: [string, Record<string, unknown>, readonly Shape[]][] = layers.names().map((name) => {
    const { options, inputShapes } = layerSample(name);
    return [name, options, inputShapes];
  });
  const variants: [string, Record<string, unknown>, readonly Shape[]][] = [
    ['Dense', { units: 2, useBias: false }, [[null, 3]]],
    ['BatchNormalization', { center: false }, [[null, 3]]],
    ['BatchNormalization', { scale: false }, [[null, 3]]],
    ['LayerNormalization', { center: false, scale: false }, [[null, 3]]],
  ];

  test.each([...samples, ...variants])('%s %j: the planned weights are the ones it builds', (name, config, inputShapes) => {
    const layer = layers.create(name, { ...config, name: 'l' });
    const plan = plannedWeights([layer], [inputShapes[0]], 'spec');
    expect(plan.unplanned).toEqual([]);
    layer.buildInputs(inputShapes);
    expect(plan.weights).toEqual(layerWeights([layer]).map((w) => ({ name: w.name, shape: w.value.shape })));
  });

  test('a subclass that overrides createParams is planned from its own addWeight calls: a wrong manifest shape fails before building', async () => {
    class WideDense extends Dense {
      static override readonly className: string = 'WideDense';
      protected override createParams(inputShape: Shape, dtype: DType): void {
        super.createParams(inputShape, dtype);
      }
    }
    class PlainDense extends Dense {
      static override readonly className: string = 'PlainDense';
    }
    layers.register(WideDense.className, (config) => new WideDense(config as never));
    const model = new Sequential([new WideDense({ units: 4, inputShape: [3], name: 'wide' }), new Dense({ units: 2, name: 'out' })]);
    expect(plannedWeights(model.layers, [[null, 3], [null, 4]], 'spec').unplanned).toEqual([]);
    expect(plannedWeights(model.layers, [[null, 3], [null, 4]], 'spec').weights.map((w) => [w.name, w.shape])).toEqual([
      ['wide/kernel', [3, 4]], ['wide/bias', [4]], ['out/kernel', [4, 2]], ['out/bias', [2]],
    ]);
    expect(plannedWeights([new PlainDense({ units: 4 })], [[null, 3]], 'spec').unplanned).toEqual([]);
    await model.save(dir);
    expect((await loadModel(dir)).layers[0]).toBeInstanceOf(WideDense);
    editJson((json) => { json.weightsManifest[0].weights[0].shape = [4, 3]; });
    await expect(loadModel(dir)).rejects.toThrow("weight 'wide/kernel': expected shape [3, 4] (from the model topology), found [4, 3]");
  });
});

test('shapeProblem: the limit is 2^31 − 1 elements, counted over the known axes', () => {
  expect(MAX_TENSOR_ELEMENTS).toBe(2147483647);
  expect(shapeProblem([null, MAX_TENSOR_ELEMENTS])).toBeNull();
  expect(shapeProblem([null, MAX_TENSOR_ELEMENTS + 1])).toMatch('axis 1 is 2147483648, more than 2147483647');
  expect(shapeProblem([2, 2 ** 30])).toMatch('2147483648 elements, more than');
  expect(shapeProblem([null, 2 ** 16, 2 ** 15])).toMatch('2147483648 elements per sample, more than');
  expect(shapeProblem([0, 5], true)).toBeNull();
  expect(shapeProblem([0, 5])).toMatch('axis 0 is 0, not a safe integer ≥ 1');
  expect(shapeProblem([2 ** 31, 0], true)).toMatch('axis 0 is 2147483648');
});

test('the weights file is still checksummed (the cases above do not hide a corrupt one)', async () => {
  const bytes = new Uint8Array(fs.readFileSync(weightsPath));
  bytes[5] ^= 1;
  fs.writeFileSync(weightsPath, bytes);
  await expectRejected(loadDir, weightsPath, /CRC-32 is [0-9a-f]{8} but model\.json records/);
  editJson((json) => { (json.userDefinedMetadata as { layerwise: { weightsCrc32: string } }).layerwise.weightsCrc32 = crc32(bytes.slice().buffer); });
  expect((await loadModel(dir)).countParams()).toBe(26);
});
