import { mkdtempSync, readFileSync, existsSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ModelCheckpoint, formatFilepath, type WeightsFile } from '../../../lib/callbacks';
import { ConfigError } from '../../../lib/errors';
import { Sequential } from '../../../lib/sequential';
import { Dense } from '../../../layers';
import { setSeed } from '../../../lib/random';
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
