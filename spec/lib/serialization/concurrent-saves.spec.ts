/**
 * Saves and loads at the same time, in one process and across processes, and saves killed with
 * SIGKILL: whatever the interleaving, the folder always holds one whole loadable checkpoint, a
 * save deletes only weights files of its own that the old manifest named, and what killed saves
 * leave behind is removed by the next save.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Dense, Sequential, setSeed, tensor, toArray } from '../../../lib';
import { loadModel } from '../../../lib/serialization';
import { readFromDirectory, type FileSystem } from '../../../lib/serialization/io-node';
import { buildModel } from '../../../lib/serialization/load';
import { bundleLibrary, spawnChild } from '../../helpers/child-process';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';

let dir: string;
let bundleDir: string;
let bundle: string;
beforeAll(() => {
  bundleDir = makeTempDir('layerwise-bundle-');
  bundle = bundleLibrary(bundleDir);
});
afterAll(() => removeTempDir(bundleDir));
beforeEach(() => { dir = makeTempDir(); });
afterEach(() => removeTempDir(dir));

const x = tensor([[0.5, -1, 2], [1, 1, 1]]);

function makeModel(seed: number): Sequential {
  setSeed(seed);
  return new Sequential([new Dense({ units: 4, activation: 'relu', inputShape: [3] }), new Dense({ units: 2 })]);
}

/** The folder's entries other than `model.json` and the one weights file it names. */
function strays(folder: string): string[] {
  const json = JSON.parse(fs.readFileSync(path.join(folder, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
  const named = new Set(['model.json', ...json.weightsManifest[0].paths]);
  return fs.readdirSync(folder).filter((f) => !named.has(f));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('saves at the same time', () => {
  test('two models saved to one folder again and again in one process leave one whole checkpoint', async () => {
    const a = makeModel(1);
    const b = makeModel(2);
    const repeat = async (m: Sequential): Promise<void> => {
      for (let i = 0; i < 8; i++) await m.save(dir);
    };
    await Promise.all([repeat(a), repeat(b)]);
    const loaded = toArray((await loadModel(dir)).predict(x));
    expect([toArray(a.predict(x)), toArray(b.predict(x))]).toContainEqual(loaded);
    expect(strays(dir)).toEqual([]);
  });

  test('two processes saving their own models to one folder at once: both succeed, one whole checkpoint remains', async () => {
    const children = [spawnChild(bundle, ['save', dir, '1', '30']), spawnChild(bundle, ['save', dir, '2', '30'])];
    const results = await Promise.all(children.map((c) => c.exited));
    for (const r of results) expect(r).toEqual({ code: 0, signal: null, stderr: '' });
    await expect(loadModel(dir)).resolves.toBeInstanceOf(Sequential);
    expect(strays(dir)).toEqual([]);
  });
});

describe('a save deletes only its own weights files', () => {
  test('files the old model.json names but layerwise did not write (model.json itself, a CSV, an unnamed weights file) survive', async () => {
    const a = makeModel(1);
    await a.save(dir);
    const jsonPath = path.join(dir, 'model.json');
    const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as { weightsManifest: { paths: string[] }[] };
    const ownFile = json.weightsManifest[0].paths[0];
    fs.writeFileSync(path.join(dir, 'train.csv'), 'x,y\n1,2\n');
    fs.writeFileSync(path.join(dir, 'weights.0123456789abcdef.bin'), 'a user file of the pattern, named by no manifest');
    json.weightsManifest[0].paths = [ownFile, 'model.json', 'train.csv', '../outside.bin'];
    fs.writeFileSync(jsonPath, JSON.stringify(json));
    const b = makeModel(2);
    await b.save(dir);
    expect(fs.readFileSync(path.join(dir, 'train.csv'), 'utf8')).toBe('x,y\n1,2\n');
    expect(fs.existsSync(path.join(dir, 'weights.0123456789abcdef.bin'))).toBe(true);
    expect(fs.existsSync(path.join(dir, ownFile))).toBe(false);
    expect(toArray((await loadModel(dir)).predict(x))).toEqual(toArray(b.predict(x)));
  });

  test('two models in one folder (model.json and other.json) never delete each other\'s weights, even when equal', async () => {
    const a = makeModel(1);
    await a.save(dir);
    await a.save(path.join(dir, 'other.json'));
    await makeModel(2).save(dir);
    expect(toArray((await loadModel(path.join(dir, 'other.json'))).predict(x))).toEqual(toArray(a.predict(x)));
  });
});

describe('loads racing saves get the old or the new checkpoint', () => {
  test('a save that replaces model.json and deletes the old weights between the load\'s two reads', async () => {
    const a = makeModel(1);
    const b = makeModel(2);
    await a.save(dir);
    let raced = false;
    const racing = {
      ...(fs.promises as unknown as FileSystem),
      realpath: async (p: string) => {
        if (!raced && path.basename(p).startsWith('weights.')) {
          raced = true;
          await b.save(dir); // commits B and deletes A's weights
        }
        return fs.promises.realpath(p);
      },
    };
    const loaded = buildModel(await readFromDirectory(dir, racing as unknown as FileSystem)).model;
    expect(raced).toBe(true);
    expect(toArray(loaded.predict(x))).toEqual(toArray(b.predict(x)));
  });

  test('loading again and again while another process saves two models in turn never fails', async () => {
    await makeModel(1).save(dir);
    const saver = spawnChild(bundle, ['alternate', dir, '60']);
    await saver.waitFor('started');
    let loads = 0;
    try {
      while (!saver.stdout().includes('done') && saver.process.exitCode === null) {
        await loadModel(dir);
        loads++;
      }
    } catch (error) {
      saver.process.kill('SIGKILL');
      throw error;
    }
    // The saver prints 'done' just before it exits: wait for the exit, however busy the machine.
    expect(await saver.exited).toEqual({ code: 0, signal: null, stderr: '' });
    expect(loads).toBeGreaterThan(0);
  });
});

describe('saves killed with SIGKILL', () => {
  test('after each kill the folder loads; the next save removes the temporary files, lock and weights the kills left', async () => {
    await makeModel(1).save(dir);
    // Kill moments spread over the saves (the outcome must not depend on them).
    const delays = [0, 4, 9, 15, 22, 30, 40, 52];
    let leftovers = 0;
    for (const delay of delays) {
      const saver = spawnChild(bundle, ['alternate', dir, '0']);
      await saver.waitFor('started');
      await sleep(delay);
      saver.process.kill('SIGKILL');
      await saver.exited;
      await expect(loadModel(dir)).resolves.toBeInstanceOf(Sequential);
      leftovers = Math.max(leftovers, strays(dir).length);
    }
    const last = makeModel(3);
    await last.save(dir);
    expect(strays(dir)).toEqual([]);
    expect(toArray((await loadModel(dir)).predict(x))).toEqual(toArray(last.predict(x)));
  });
});
