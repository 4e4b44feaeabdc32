/**
 * ModelCheckpoint({ saveWeightsOnly: true }) replaces its file atomically: a new file is written
 * beside it, flushed and renamed over it, so a crash (here SIGKILL of a child process) never
 * leaves a truncated checkpoint, and the temporary files killed writes leave are removed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ModelCheckpoint, type WeightsFile } from '../../../lib/callbacks';
import { bundleLibrary, spawnChild } from '../../helpers/child-process';
import { fakeModel, paramsWith } from './fake-model';

let dir: string;
let bundleDir: string;
let bundle: string;
beforeAll(() => {
  bundleDir = mkdtempSync(join(tmpdir(), 'layerwise-bundle-'));
  bundle = bundleLibrary(bundleDir);
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'layerwise-ckpt-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('the weights file is replaced by a new file (renamed over it), never rewritten in place', async () => {
  const file = join(dir, 'best.json');
  writeFileSync(file, 'the previous checkpoint');
  const before = statSync(file).ino;
  const cb = new ModelCheckpoint({ filepath: file, saveWeightsOnly: true, monitor: 'loss' });
  const model = fakeModel();
  cb.setModel(model, paramsWith(['loss']));
  model.setWeight(7);
  await cb.onEpochEnd(0, { loss: 1 });
  expect(statSync(file).ino).not.toBe(before);
  expect((JSON.parse(readFileSync(file, 'utf8')) as WeightsFile).weights[0].values).toEqual([7]);
  expect(readdirSync(dir)).toEqual(['best.json']);
});

test('killed while writing, again and again: the file always holds one whole checkpoint; the next write removes the leftovers', async () => {
  const file = join(dir, 'weights.json');
  const first = spawnChild(bundle, ['checkpoint', file, '1']);
  expect(await first.exited).toEqual({ code: 0, signal: null, stderr: '' });
  for (const delay of [0, 5, 11, 18, 26, 35, 45, 56]) {
    const writer = spawnChild(bundle, ['checkpoint', file, '0']);
    await writer.waitFor('started');
    await sleep(delay);
    writer.process.kill('SIGKILL');
    await writer.exited;
    const content = JSON.parse(readFileSync(file, 'utf8')) as WeightsFile;
    expect(content.format).toBe('layerwise-weights');
    expect(content.weights.map((w) => w.shape)).toEqual([[64, 256], [256], [256, 3], [3]]);
  }
  const last = spawnChild(bundle, ['checkpoint', file, '1']);
  expect(await last.exited).toEqual({ code: 0, signal: null, stderr: '' });
  expect(readdirSync(dir)).toEqual(['weights.json']);
});
