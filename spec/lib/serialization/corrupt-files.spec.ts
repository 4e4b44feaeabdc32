/**
 * Every corrupt or mismatched file gives a DataError that names the file, the weight, what was
 * expected and what was found, and no model.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DataError, Dense, Sequential, setSeed } from '../../../lib';
import { loadModel } from '../../../lib/serialization';
import { crc32 } from '../../../lib/serialization/checksum';
import type { ModelJSON } from '../../../lib/serialization';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';

let dir: string;
let jsonPath: string;
let weightsPath: string;

// Dense 3→4 (kernel [3, 4], bias [4]) then Dense 4→2 (kernel [4, 2], bias [2]):
// (12 + 4 + 8 + 2) float32 values = 104 bytes.
beforeEach(async () => {
  dir = makeTempDir();
  setSeed(8);
  const model = new Sequential([new Dense({ units: 4, inputShape: [3], name: 'hidden' }), new Dense({ units: 2, name: 'out' })]);
  ({ modelJsonPath: jsonPath, weightsPath } = await model.save(dir));
});
afterEach(() => removeTempDir(dir));

function readJson(): ModelJSON {
  return JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as ModelJSON;
}

function writeJson(json: ModelJSON): void {
  fs.writeFileSync(jsonPath, JSON.stringify(json));
}

/** Rewrites the weights binary and updates the checksum in model.json to match, so that only the intended fault remains. */
function writeWeights(bytes: Uint8Array): void {
  fs.writeFileSync(weightsPath, bytes);
  const json = readJson();
  (json.userDefinedMetadata as { layerwise: { weightsCrc32: string } }).layerwise.weightsCrc32 = crc32(bytes.slice().buffer);
  writeJson(json);
}

/** Asserts that loading fails with a DataError whose message matches every pattern. */
async function expectDataError(...patterns: (string | RegExp)[]): Promise<void> {
  const error = await loadModel(dir).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  for (const p of patterns) expect((error as Error).message).toMatch(p);
}

const bytes = (): Uint8Array => new Uint8Array(fs.readFileSync(weightsPath));

test('truncated binary: names the file, the byte counts and the first weight cut off', async () => {
  writeWeights(bytes().slice(0, 98));
  await expectDataError(weightsPath, 'expected 104 bytes of weights (from the manifest), found 98', "weight 'out/bias' [2] ends at byte 104");
});

test('binary longer than the manifest says', async () => {
  writeWeights(new Uint8Array([...bytes(), 0, 0, 0, 0]));
  await expectDataError(weightsPath, 'expected 104 bytes', 'found 108', 'longer than the manifest');
});

test('a flipped bit (right length) fails the checksum', async () => {
  const b = bytes();
  b[17] ^= 0x10;
  fs.writeFileSync(weightsPath, b);
  await expectDataError(weightsPath, /CRC-32 is [0-9a-f]{8} but model\.json records [0-9a-f]{8}/);
});

test('a NaN in the weights (with a matching checksum) names the weight and the element', async () => {
  const b = bytes();
  new DataView(b.buffer, b.byteOffset).setFloat32(48 + 4, NaN, true);
  writeWeights(b);
  await expectDataError(weightsPath, "weight 'hidden/bias' [4] holds NaN at element 1");
});

test('a weight missing from the manifest', async () => {
  const json = readJson();
  json.weightsManifest[0].weights.pop();
  writeJson(json);
  writeWeights(bytes().slice(0, 96));
  await expectDataError(jsonPath, "weight 'out/bias' [2] is missing from the weights manifest", "found 'hidden/kernel', 'hidden/bias', 'out/kernel'");
});

test('a shape that does not match the topology', async () => {
  const json = readJson();
  json.weightsManifest[0].weights[0].shape = [4, 3];
  writeJson(json);
  await expectDataError(jsonPath, "weight 'hidden/kernel': expected shape [3, 4] (from the model topology), found [4, 3] in the weights manifest");
});

test('a topology whose units disagree with the weights', async () => {
  const json = readJson();
  const layers = (json.modelTopology.config as unknown as { layers: { config: { units: number } }[] }).layers;
  layers[1].config.units = 3;
  writeJson(json);
  await expectDataError(jsonPath, "weight 'out/kernel': expected shape [4, 3] (from the model topology), found [4, 2]");
});

test('a weight the model does not have', async () => {
  const json = readJson();
  json.weightsManifest[0].weights.push({ name: 'extra/kernel', shape: [1], dtype: 'float32' });
  writeJson(json);
  writeWeights(new Uint8Array([...bytes(), 0, 0, 0, 0]));
  await expectDataError(jsonPath, "unexpected weight 'extra/kernel' in the weights manifest", "the model has 'hidden/kernel'");
});

test('an unknown layer class lists the registered ones', async () => {
  fs.writeFileSync(jsonPath, fs.readFileSync(jsonPath, 'utf8').replace('"class_name":"Dense"', '"class_name":"ConvLSTM2D"'));
  await expectDataError(jsonPath, "layer 0 ('hidden')", "unknown layer 'ConvLSTM2D'", /Valid layer names: .*'Dense'/);
});

test('a layer option layerwise does not have', async () => {
  const json = readJson();
  const layers = (json.modelTopology.config as unknown as { layers: { config: Record<string, unknown> }[] }).layers;
  layers[0].config.kernel_constraint = { class_name: 'MaxNorm', config: { max_value: 2 } };
  writeJson(json);
  await expectDataError(jsonPath, "layer 0 ('hidden')", "Dense: unknown option 'kernelConstraint'");
});

test('invalid JSON, random bytes, a missing model.json', async () => {
  fs.writeFileSync(jsonPath, fs.readFileSync(jsonPath, 'utf8').slice(0, 50));
  await expectDataError(jsonPath, 'invalid JSON');
  fs.writeFileSync(jsonPath, Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b]));
  await expectDataError(jsonPath, 'invalid JSON');
  fs.unlinkSync(jsonPath);
  await expectDataError(jsonPath, 'cannot read the model');
});

test('a missing weights file', async () => {
  fs.unlinkSync(weightsPath);
  await expectDataError(weightsPath, `cannot read the weights named in ${jsonPath}`);
});

test('unsupported formats, dtypes and quantization, and a malformed manifest', async () => {
  const original = readJson();
  writeJson({ ...original, format: 'graph-model' });
  await expectDataError(jsonPath, "format must be 'layers-model', got \"graph-model\"");
  const withDtype = readJson();
  withDtype.format = 'layers-model';
  (withDtype.weightsManifest[0].weights[0] as { dtype: string }).dtype = 'float16';
  writeJson(withDtype);
  await expectDataError(jsonPath, "('hidden/kernel'): dtype must be 'float32' or 'int32', got \"float16\"");
  const quantized = readJson();
  quantized.weightsManifest[0].weights[0].dtype = 'float32';
  quantized.weightsManifest[0].weights[0].quantization = { dtype: 'uint8', scale: 0.1, min: 0 };
  writeJson(quantized);
  await expectDataError(jsonPath, "('hidden/kernel'): quantized weights");
  writeJson({ ...original, weightsManifest: { paths: [] } as unknown as ModelJSON['weightsManifest'] });
  await expectDataError(jsonPath, 'weightsManifest must be an array');
});

test.each([
  ['batch_input_shape', 5], ['batch_input_shape', ['a']], ['units', 'x'], ['units', -2], ['name', 7], ['activation', { class_name: 7 }],
  ['kernel_initializer', 3], ['kernel_initializer', { class_name: 'VarianceScaling', config: { mode: 'sideways' } }], ['use_bias', 'yes'],
])('a malformed value (%s = %j) is a DataError naming the layer, never a crash', async (key, value) => {
  const json = readJson();
  const layers = (json.modelTopology.config as unknown as { layers: { config: Record<string, unknown> }[] }).layers;
  layers[0].config[key] = value;
  writeJson(json);
  await expectDataError(jsonPath, /layer 0/);
});

test('a topology that is neither a Sequential nor a functional model', async () => {
  const json = readJson();
  json.modelTopology.class_name = 'Subclassed';
  writeJson(json);
  await expectDataError(jsonPath, "only Sequential and functional (Model) models can be loaded; modelTopology.class_name is 'Subclassed'");
});

test('a functional topology without its input and output lists', async () => {
  const json = readJson();
  json.modelTopology.class_name = 'Functional';
  writeJson(json);
  await expectDataError(jsonPath, 'input_layers must be a list of [layer, node, tensor], got undefined');
});

test('the files of a valid save still load (the cases above start from it)', async () => {
  expect((await loadModel(path.dirname(jsonPath))).countParams()).toBe(26);
});

describe('weights paths outside the model folder', () => {
  it('refuses a manifest that points outside the folder', async () => {
    const { mkdtempSync, readFileSync, writeFileSync, rmSync } = await import('fs');
    const { join } = await import('path');
    const { tmpdir } = await import('os');
    const { Sequential } = await import('../../../lib/sequential');
    const { Dense } = await import('../../../layers');
    const { loadModel } = await import('../../../lib/serialization');
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-escape-'));
    try {
      const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
      await model.save(dir);
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
      for (const bad of ['../outside.bin', '/etc/passwd']) {
        json.weightsManifest[0].paths = [bad];
        writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
        await expect(loadModel(dir)).rejects.toThrow(/must name a file inside/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
