import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CSVLogger } from '../../../lib/callbacks';
import { Sequential } from '../../../lib/sequential';
import { Dense } from '../../../layers';
import { setSeed } from '../../../lib/random';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'layerwise-csv-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

describe('CSVLogger', () => {
  it('writes a header of sorted names and one row per epoch', () => {
    const filename = join(dir, 'log.csv');
    const cb = new CSVLogger({ filename });
    cb.onTrainBegin();
    cb.onEpochEnd(0, { loss: 0.5, accuracy: 0.75 });
    cb.onEpochEnd(1, { loss: 0.25, accuracy: 1 });
    expect(readFileSync(filename, 'utf8')).toBe('epoch,accuracy,loss\n0,0.75,0.5\n1,1,0.25\n');
  });

  it('appends without a second header, overwrites without append, and uses the separator', () => {
    const filename = join(dir, 'log.csv');
    const first = new CSVLogger({ filename, separator: ';' });
    first.onTrainBegin();
    first.onEpochEnd(0, { loss: 2 });
    const second = new CSVLogger({ filename, separator: ';', append: true });
    second.onTrainBegin();
    second.onEpochEnd(0, { loss: 1 });
    expect(readFileSync(filename, 'utf8')).toBe('epoch;loss\n0;2\n0;1\n');
    const third = new CSVLogger({ filename });
    third.onTrainBegin();
    third.onEpochEnd(0, { loss: 3, val_loss: 4 });
    third.onEpochEnd(1, { loss: 3 });
    expect(readFileSync(filename, 'utf8')).toBe('epoch,loss,val_loss\n0,3,4\n1,3,NA\n');
  });

  it('logs a real fit', async () => {
    setSeed(1);
    const filename = join(dir, 'fit.csv');
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    await model.fit([[0, 1], [1, 0]], [[1], [0]], { epochs: 3, verbose: 0, callbacks: [new CSVLogger({ filename })] });
    const lines = readFileSync(filename, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('epoch,loss,mae');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '1', '2']);
  });

  it('rejects an empty filename', () => {
    expect(() => new CSVLogger({ filename: '' })).toThrow(/filename must be a non-empty string/);
  });
});
