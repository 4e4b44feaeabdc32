/**
 * Loading a folder whose files an attacker (or an accident) arranged: links out of the folder,
 * devices, FIFOs, huge sparse files. Nothing outside the folder is opened, nothing but regular
 * files is read, and no file is read before its size is checked against the manifest.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DataError, Dense, Sequential, setSeed, tensor, toArray } from '../../../lib';
import { loadModel, type ModelJSON } from '../../../lib/serialization';
import { readFromDirectory, type FileSystem } from '../../../lib/serialization/io-node';
import { buildModel } from '../../../lib/serialization/load';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';

let dir: string;
let outside: string;
let jsonPath: string;
let weightsPath: string;
let model: Sequential;

// Dense 3→4 then Dense 4→2: (12 + 4 + 8 + 2) float32 values = 104 bytes.
beforeEach(async () => {
  dir = makeTempDir();
  outside = makeTempDir('layerwise-outside-');
  setSeed(8);
  model = new Sequential([new Dense({ units: 4, inputShape: [3], name: 'hidden' }), new Dense({ units: 2, name: 'out' })]);
  ({ modelJsonPath: jsonPath, weightsPath } = await model.save(dir));
});
afterEach(() => {
  removeTempDir(dir);
  removeTempDir(outside);
});

const x = tensor([[0.5, -1, 2]]);

/** Rewrites model.json with `paths` as the weights paths and no checksum (as TensorFlow.js writes it). */
function pointWeightsAt(...paths: string[]): void {
  const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as ModelJSON;
  json.weightsManifest[0].paths = paths;
  delete (json.userDefinedMetadata as { layerwise: { weightsCrc32?: string } }).layerwise.weightsCrc32;
  fs.writeFileSync(jsonPath, JSON.stringify(json));
}

/** The real file system, recording every path opened and every byte read. */
function recording(): { fileSystem: FileSystem; opened: string[]; bytesRead: () => number } {
  const opened: string[] = [];
  let bytes = 0;
  const fileSystem = {
    ...(fs.promises as unknown as FileSystem),
    open: async (p: string, flags: string | number) => {
      opened.push(p);
      const handle = await fs.promises.open(p, flags);
      const read = handle.read.bind(handle) as (b: Uint8Array, o: number, l: number, at: number) => Promise<{ bytesRead: number }>;
      return Object.assign(handle, {
        read: async (b: Uint8Array, o: number, l: number, at: number) => {
          const r = await read(b, o, l, at);
          bytes += r.bytesRead;
          return r;
        },
      });
    },
  } as FileSystem;
  return { fileSystem, opened, bytesRead: () => bytes };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as Error;
}

describe('links out of the folder', () => {
  test('a folder link (sub -> a folder outside) is refused, and nothing outside is opened', async () => {
    fs.copyFileSync(weightsPath, path.join(outside, 'w.bin'));
    fs.symlinkSync(outside, path.join(dir, 'sub'));
    pointWeightsAt('sub/w.bin');
    const { fileSystem, opened } = recording();
    const error = await rejection(readFromDirectory(dir, fileSystem));
    expect(error.message).toMatch(/resolves to .*outside the model's folder/);
    expect(opened.filter((p) => !p.startsWith(dir))).toEqual([]);
  });

  test('a weights file that links to a file outside (of the right size, with no checksum) does not become the weights', async () => {
    fs.copyFileSync(weightsPath, path.join(outside, 'w.bin'));
    fs.symlinkSync(path.join(outside, 'w.bin'), path.join(dir, 'w.bin'));
    pointWeightsAt('w.bin');
    const error = await rejection(loadModel(dir));
    expect(error.message).toContain(path.join(dir, 'w.bin'));
    expect(error.message).toMatch(/outside the model's folder/);
  });

  test('a link that stays inside the folder is followed', async () => {
    fs.mkdirSync(path.join(dir, 'shards'));
    fs.renameSync(weightsPath, path.join(dir, 'shards', 'w.bin'));
    fs.symlinkSync(path.join(dir, 'shards'), path.join(dir, 'current'));
    pointWeightsAt('current/w.bin');
    expect(toArray((await loadModel(dir)).predict(x))).toEqual(toArray(model.predict(x)));
  });

  test('a name that merely starts with two dots (..w.bin) is a file inside the folder', async () => {
    fs.renameSync(weightsPath, path.join(dir, '..w.bin'));
    pointWeightsAt('..w.bin');
    expect(toArray((await loadModel(dir)).predict(x))).toEqual(toArray(model.predict(x)));
  });
});

describe('files that are not regular files of the manifest\'s size', () => {
  test('a FIFO as the weights file is refused at once instead of blocking', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.bin')]);
    pointWeightsAt('pipe.bin');
    const error = await rejection(loadModel(dir));
    expect(error.message).toMatch(/pipe\.bin: the weights named in .* must be a regular file/);
  });

  test('model.json linked to /dev/zero is refused without reading it', async () => {
    fs.unlinkSync(jsonPath);
    fs.symlinkSync('/dev/zero', jsonPath);
    const { fileSystem, bytesRead } = recording();
    const error = await rejection(readFromDirectory(dir, fileSystem));
    expect(error.message).toMatch(/model\.json: the model must be a regular file/);
    expect(bytesRead()).toBe(0);
  });

  test('a 1.5 GB sparse weights file is refused by its size before a byte of it is read', async () => {
    const big = path.join(dir, 'big.bin');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 1.5 * 2 ** 30);
    pointWeightsAt('big.bin');
    const { fileSystem, bytesRead } = recording();
    const error = await rejection(readFromDirectory(dir, fileSystem));
    expect(error.message).toContain(`${big}: expected 104 bytes of weights (from the manifest), found ${1.5 * 2 ** 30}`);
    expect(bytesRead()).toBe(fs.statSync(jsonPath).size);
  });

  test('a group with no paths says so, with the file name', async () => {
    pointWeightsAt();
    const error = await rejection(loadModel(dir));
    expect(error.message).toMatch(/^\/.*model\.json: a weights manifest group has no paths; it names 4 weight\(s\) but no file/);
  });

  test('the files read are exactly the bytes the manifest describes', async () => {
    const { fileSystem, bytesRead } = recording();
    const loaded = buildModel(await readFromDirectory(dir, fileSystem)).model;
    expect(bytesRead()).toBe(fs.statSync(jsonPath).size + 104);
    expect(toArray(loaded.predict(x))).toEqual(toArray(model.predict(x)));
  });
});
