/**
 * Atomic saves: a failure (or a crash) at any point of a save leaves the previous checkpoint
 * loadable and intact; a completed save replaces it and leaves no stray files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, Dense, Sequential, Tanh, setSeed, tensor, toArray } from '../../../lib';
import { loadModel } from '../../../lib/serialization';
import { saveToDirectory, type FileSystem } from '../../../lib/serialization/io-node';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
  setSeed(3);
});
afterEach(() => removeTempDir(dir));

const x = tensor([[0.5, -1, 2], [1, 1, 1]]);

function makeModel(): Sequential {
  return new Sequential([new Dense({ units: 4, activation: 'relu', inputShape: [3] }), new Dense({ units: 2 }), new Tanh()]);
}

/** The real file system with one operation replaced. */
function failing(overrides: Partial<FileSystem>): FileSystem {
  return { ...(fs.promises as unknown as FileSystem), ...overrides };
}

class InjectedFailure extends Error {}

/** Saves model A, then tries to save B (different weights) through `fileSystem`; returns A's predictions and files. */
async function saveThenFail(fileSystem: FileSystem): Promise<{ before: unknown; filesBefore: string[] }> {
  const a = makeModel();
  await a.save(dir);
  const before = toArray(a.predict(x));
  const filesBefore = fs.readdirSync(dir).sort();
  const b = makeModel();
  await expect(saveToDirectory(b, dir, {}, fileSystem)).rejects.toThrow(InjectedFailure);
  return { before, filesBefore };
}

describe('a failed save leaves the previous checkpoint intact', () => {
  test('failing between renaming the weights into place and renaming model.json', async () => {
    const rename = fs.promises.rename;
    const { before, filesBefore } = await saveThenFail(failing({
      rename: async (from, to) => {
        if (path.basename(to) === 'model.json') throw new InjectedFailure('disk full');
        await rename(from, to);
      },
    }));
    expect(toArray((await loadModel(dir)).predict(x))).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(filesBefore);
  });

  test('failing while writing the temporary model.json', async () => {
    const open = fs.promises.open;
    const { before, filesBefore } = await saveThenFail(failing({
      open: async (file, flags) => {
        if (file.includes('model.json') && file.endsWith('.tmp')) throw new InjectedFailure('no space left');
        return open(file, flags);
      },
    }));
    expect(toArray((await loadModel(dir)).predict(x))).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(filesBefore);
  });

  test('a crash before the commit (no cleanup runs) still leaves the previous checkpoint loadable and intact', async () => {
    const rename = fs.promises.rename;
    const { before, filesBefore } = await saveThenFail(failing({
      rename: async (from, to) => {
        if (path.basename(to) === 'model.json') throw new InjectedFailure('power cut');
        await rename(from, to);
      },
      // A crashed process removes nothing.
      unlink: async () => undefined,
    }));
    const left = fs.readdirSync(dir).sort();
    expect(left.length).toBeGreaterThan(filesBefore.length);
    expect(left).toEqual(expect.arrayContaining(filesBefore));
    expect(toArray((await loadModel(dir)).predict(x))).toEqual(before);
  });
});

describe('a completed save', () => {
  test('replaces the checkpoint and removes the previous weights file', async () => {
    const a = makeModel();
    const first = await a.save(dir);
    const b = makeModel();
    const second = await b.save(dir);
    expect(second.weightsPath).not.toBe(first.weightsPath);
    expect(fs.readdirSync(dir).sort()).toEqual(['model.json', path.basename(second.weightsPath)].sort());
    expect(toArray((await loadModel(dir)).predict(x))).toEqual(toArray(b.predict(x)));
  });

  test('saving the same weights twice keeps one weights file', async () => {
    const a = makeModel();
    const first = await a.save(dir);
    const second = await a.save(dir);
    expect(second.weightsPath).toBe(first.weightsPath);
    expect(fs.readdirSync(dir).sort()).toEqual(['model.json', path.basename(first.weightsPath)].sort());
    expect(toArray((await loadModel(dir)).predict(x))).toEqual(toArray(a.predict(x)));
  });

  test('accepts file:// URLs, directories to create and model.json paths; the weights are named after their content', async () => {
    const a = makeModel();
    const nested = path.join(dir, 'a', 'b');
    const result = await a.save(`file://${nested}`);
    expect(result.modelJsonPath).toBe(path.join(nested, 'model.json'));
    expect(path.basename(result.weightsPath)).toMatch(/^weights\.[0-9a-f]{16}\.bin$/);
    // 4·3 + 4 + 4·2 + 2 = 26 float32 values.
    expect(result.weightBytes).toBe(26 * 4);
    expect(fs.statSync(result.weightsPath).size).toBe(26 * 4);
    const other = await a.save(path.join(dir, 'c', 'my-model.json'));
    expect(other.modelJsonPath).toBe(path.join(dir, 'c', 'my-model.json'));
    expect(toArray((await loadModel(other.modelJsonPath)).predict(x))).toEqual(toArray(a.predict(x)));
    expect(toArray((await loadModel(`file://${nested}/model.json`)).predict(x))).toEqual(toArray(a.predict(x)));
  });

  test('other URL schemes are refused with a ConfigError', async () => {
    await expect(makeModel().save('indexeddb://my-model')).rejects.toThrow(ConfigError);
    await expect(makeModel().save('indexeddb://my-model')).rejects.toThrow(/'indexeddb:\/\/' is not supported; .*toJSON/);
  });
});
