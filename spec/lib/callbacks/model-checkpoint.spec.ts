import { mkdtempSync, readFileSync, existsSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ModelCheckpoint, formatFilepath, type WeightsFile } from '../../../lib/callbacks';
import { ConfigError } from '../../../lib/errors';
import { Sequential } from '../../../lib/sequential';
import type { Model } from '../../../lib/model';
import { Dense, Dropout } from '../../../layers';
import { Adam } from '../../../optimizers';
import { Random, setSeed } from '../../../lib/random';
import { tensor, type Tensor } from '../../../lib/tensor';
import { loadCheckpoint } from '../../../lib/serialization';
import { fakeModel, paramsWith } from './fake-model';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'layerwise-ckpt-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

describe('ModelCheckpoint', () => {
  it('with saveBestOnly writes only on a strict improvement', async () => {
    const cb = new ModelCheckpoint({ filepath: join(dir, 'ckpt-{epoch:02d}.json'), saveBestOnly: true });
    const model = fakeModel();
    cb.setModel(model, paramsWith(['loss', 'val_loss']));
    const losses = [0.5, 0.6, 0.4, 0.4, 0.45];
    for (const [epoch, v] of losses.entries()) {
      model.setWeight(10 + epoch);
      await cb.onEpochEnd(epoch, { loss: 1, val_loss: v });
    }
    // Improvements at e0 (first) and e2 (0.4 < 0.5); e3 ties 0.4, which is not better. Files are numbered epoch + 1.
    expect(cb.saved).toEqual([join(dir, 'ckpt-01.json'), join(dir, 'ckpt-03.json')]);
    expect(existsSync(join(dir, 'ckpt-02.json'))).toBe(false);
    const file = JSON.parse(readFileSync(join(dir, 'ckpt-03.json'), 'utf8')) as WeightsFile;
    expect(file).toEqual({ format: 'layerwise-weights', weights: [{ shape: [1], dtype: 'float64', values: [12] }] });
  });

  it('writes every epoch without saveBestOnly, creating folders', async () => {
    const cb = new ModelCheckpoint({ filepath: join(dir, 'nested', 'e{epoch}-{loss:.2f}.json') });
    cb.setModel(fakeModel(), paramsWith(['loss']));
    await cb.onEpochEnd(0, { loss: 0.12345 });
    await cb.onEpochEnd(1, { loss: 0.1 });
    expect(cb.saved).toEqual([join(dir, 'nested', 'e1-0.12.json'), join(dir, 'nested', 'e2-0.10.json')]);
    expect(existsSync(cb.saved[1])).toBe(true);
  });

  it('saves through model.save when the model has one, unless saveWeightsOnly', async () => {
    const saved: string[] = [];
    const model = { ...fakeModel(), save: async (path: string) => { saved.push(path); } };
    const whole = new ModelCheckpoint({ filepath: join(dir, 'model-{epoch}') });
    whole.setModel(model, paramsWith(['val_loss']));
    await whole.onEpochEnd(0, { val_loss: 1 });
    expect(saved).toEqual([join(dir, 'model-1')]);
    const weightsOnly = new ModelCheckpoint({ filepath: join(dir, 'w.json'), saveWeightsOnly: true });
    weightsOnly.setModel(model, paramsWith(['val_loss']));
    await weightsOnly.onEpochEnd(0, { val_loss: 1 });
    expect(saved).toHaveLength(1);
    expect(existsSync(join(dir, 'w.json'))).toBe(true);
  });

  it('passes the epochs completed and includeOptimizer (default true) to model.save', async () => {
    const calls: [string, unknown][] = [];
    const model = { ...fakeModel(), save: async (path: string, options?: unknown) => { calls.push([path, options]); } };
    const resumable = new ModelCheckpoint({ filepath: join(dir, 'm-{epoch}') });
    resumable.setModel(model, paramsWith(['loss']));
    await resumable.onEpochEnd(0, { loss: 1 });
    const plain = new ModelCheckpoint({ filepath: join(dir, 'p-{epoch}'), includeOptimizer: false });
    plain.setModel(model, paramsWith(['loss']));
    await plain.onEpochEnd(4, { loss: 1 });
    // onEpochEnd's epoch is 0-based; the file name and the saved epoch count completed epochs.
    expect(calls).toEqual([[join(dir, 'm-1'), { includeOptimizer: true, epoch: 1 }], [join(dir, 'p-5'), {}]]);
  });

  it('with period saves only after every period-th epoch (counted from 1), best-only included', async () => {
    const every3 = new ModelCheckpoint({ filepath: join(dir, 'e{epoch}.json'), period: 3, saveWeightsOnly: true });
    every3.setModel(fakeModel(), paramsWith(['loss']));
    for (let epoch = 0; epoch < 7; epoch++) await every3.onEpochEnd(epoch, { loss: 1 });
    expect(every3.saved.map((p) => p.slice(dir.length + 1))).toEqual(['e3.json', 'e6.json']);
    // Best-only looks at epochs 2 and 4 alone: epoch 3's 0.1 is never seen, epoch 4's 0.6 is worse than epoch 2's 0.5.
    const best = new ModelCheckpoint({ filepath: join(dir, 'b{epoch}.json'), period: 2, monitor: 'loss', saveBestOnly: true, saveWeightsOnly: true });
    best.setModel(fakeModel(), paramsWith(['loss']));
    for (const [epoch, v] of [0.9, 0.5, 0.1, 0.6].entries()) await best.onEpochEnd(epoch, { loss: v });
    expect(best.saved.map((p) => p.slice(dir.length + 1))).toEqual(['b2.json']);
  });

  it('rejects a period that is not a positive integer', () => {
    for (const period of [0, -1, 1.5, NaN, '2']) {
      expect(() => new ModelCheckpoint({ filepath: 'x', period: period as number })).toThrow(/ModelCheckpoint: period must be a positive integer .*got/);
    }
    expect(() => new ModelCheckpoint({ filepath: 'x', includeOptimizer: 1 as unknown as boolean })).toThrow(ConfigError);
  });

  it('a checkpoint written every 2 epochs resumes bit-identical: epoch-2 checkpoint + 2 epochs = 4 uninterrupted epochs', async () => {
    // 32 seeded samples, 4 features, 2 one-hot classes (class = sign of the feature sum).
    const rng = new Random(3);
    const xs = new Float32Array(32 * 4), ys = new Float32Array(32 * 2);
    for (let i = 0; i < 32; i++) {
      let sum = 0;
      for (let j = 0; j < 4; j++) sum += (xs[i * 4 + j] = rng.uniformRange(-1, 1));
      ys[i * 2 + (sum > 0 ? 1 : 0)] = 1;
    }
    const x = tensor(xs, [32, 4]), y = tensor(ys, [32, 2]);
    const fitOptions = { batchSize: 8, verbose: 0 as const, seed: 11 };
    const weights = (m: Model): number[][] => m.getWeights().map((w: Tensor) => Array.from(w.data));
    setSeed(4);
    // Adam's moments and Dropout's generator make the run depend on everything a resume must restore.
    const model = new Sequential([
      new Dense({ units: 6, activation: 'relu', inputShape: [4] }), new Dropout({ rate: 0.3 }), new Dense({ units: 2, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: 'categoricalCrossentropy' });
    const cb = new ModelCheckpoint({ filepath: join(dir, 'epoch-{epoch}'), period: 2 });
    await model.fit(x, y, { ...fitOptions, epochs: 4, callbacks: [cb] });
    expect(cb.saved).toEqual([join(dir, 'epoch-2'), join(dir, 'epoch-4')]);

    setSeed(999); // as in a new process: the global generator is elsewhere
    const { model: resumed, epoch } = await loadCheckpoint(join(dir, 'epoch-2'));
    expect(epoch).toBe(2);
    expect(weights(resumed)).not.toEqual(weights(model));
    await resumed.fit(x, y, { ...fitOptions, epochs: 4, initialEpoch: epoch as number });
    expect(weights(resumed)).toEqual(weights(model));
    // The epoch-4 checkpoint holds the final weights (float32 model: stored exactly).
    expect(weights((await loadCheckpoint(join(dir, 'epoch-4'))).model)).toEqual(weights(model));
  });

  it('saves a real model through its save format during fit', async () => {
    setSeed(1);
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const cb = new ModelCheckpoint({ filepath: join(dir, 'model-{epoch}'), monitor: 'loss', saveBestOnly: true });
    await model.fit([[0, 1], [1, 0]], [[1], [0]], { epochs: 2, verbose: 0, callbacks: [cb] });
    expect(cb.saved.length).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(cb.saved[0], 'model.json'))).toBe(true);
  });

  it('maximises accuracy in auto mode', async () => {
    const cb = new ModelCheckpoint({ filepath: join(dir, '{epoch}.json'), monitor: 'val_accuracy', saveBestOnly: true });
    cb.setModel(fakeModel(), paramsWith(['val_accuracy']));
    for (const [epoch, v] of [0.5, 0.4, 0.7].entries()) await cb.onEpochEnd(epoch, { val_accuracy: v });
    expect(cb.saved.map((p) => p.slice(dir.length + 1))).toEqual(['1.json', '3.json']);
  });

  it('fails before training when saveBestOnly monitors a name that is not logged', () => {
    const cb = new ModelCheckpoint({ filepath: join(dir, 'x.json'), saveBestOnly: true });
    expect(() => cb.setModel(fakeModel(), paramsWith(['loss']))).toThrow(/monitor 'val_loss' is not logged/);
    expect(() => new ModelCheckpoint({ filepath: '' })).toThrow(ConfigError);
  });
});

describe('formatFilepath', () => {
  it('fills Python-style placeholders', () => {
    expect(formatFilepath('t', 'm-{epoch:03d}-{val_loss:.3f}-{acc:.1e}', 8, { val_loss: 0.12345, acc: 0.5 })).toBe('m-009-0.123-5.0e-1');
  });

  it('names an unknown placeholder and the logged ones', () => {
    expect(() => formatFilepath('ModelCheckpoint', '{val_acc}', 0, { loss: 1 })).toThrow(/'\{val_acc\}' is not logged: expected one of \['epoch', 'loss'\]/);
    expect(() => formatFilepath('ModelCheckpoint', '{epoch:x}', 0, {})).toThrow(/unsupported format/);
  });
});
