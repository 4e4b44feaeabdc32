import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { History } from '../../../lib/callbacks';
import { plotHistory } from '../../../lib/plots';
import { ConfigError } from '../../../lib/errors';
import { parseSvg } from '../../helpers/svg';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'layerwise-plot-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function history(epochs: number, withValidation: boolean, lr = false): History {
  const h = new History();
  for (let e = 0; e < epochs; e++) {
    const logs: Record<string, number> = { loss: 1 / (e + 1), accuracy: e / epochs };
    if (withValidation) Object.assign(logs, { val_loss: 1.2 / (e + 1), val_accuracy: e / (epochs + 1) });
    if (lr) logs.learning_rate = 0.1;
    h.onEpochEnd(e, logs);
  }
  return h;
}

describe('plotHistory', () => {
  it('writes an SVG with one path per series: loss, val_loss, accuracy, val_accuracy', async () => {
    const file = join(dir, 'nested', 'curves.svg');
    const svg = await plotHistory(history(6, true, true), file);
    expect(readFileSync(file, 'utf8')).toBe(svg);
    const summary = parseSvg(svg);
    expect(summary.root).toBe('svg');
    expect(summary.namespace).toBe('http://www.w3.org/2000/svg');
    // learning_rate is left out by default.
    expect(summary.linePaths).toBe(4);
    expect(svg).toContain('validation');
  });

  it('draws the requested quantities only, and training curves alone without validation', async () => {
    expect(parseSvg(await plotHistory(history(4, true), join(dir, 'loss.svg'), { metrics: ['loss'] })).linePaths).toBe(2);
    expect(parseSvg(await plotHistory(history(4, false), join(dir, 'train.svg'))).linePaths).toBe(2);
  });

  it('compares runs: one path per run and split', async () => {
    const svg = await plotHistory({ sgd: history(5, true), adam: history(3, true) }, join(dir, 'runs.svg'), { metrics: ['loss'], title: 'SGD vs Adam' });
    expect(parseSvg(svg).linePaths).toBe(4);
    expect(svg).toContain('SGD vs Adam');
    expect(svg).toContain('adam');
  });

  it('only returns the SVG text for a null file', async () => {
    expect(parseSvg(await plotHistory(history(3, false), null)).root).toBe('svg');
  });

  it('rejects an empty history and unknown metrics', async () => {
    await expect(plotHistory(new History(), join(dir, 'x.svg'))).rejects.toThrow(/history is empty/);
    await expect(plotHistory(history(2, false), join(dir, 'x.svg'), { metrics: ['auc'] })).rejects.toThrow(ConfigError);
    await expect(plotHistory(history(2, false), join(dir, 'x.svg'), { metrics: ['auc'] })).rejects.toThrow(/'auc' is not in the history: expected one of \['loss', 'accuracy'\]/);
  });
});

describe('plotHistory numbering and legends', () => {
  /** The texts of the SVG's <text> elements. */
  const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  it('numbers epochs from 1, as the console does', async () => {
    const labels = texts(await plotHistory(history(6, false), null, { metrics: ['loss'] }));
    expect(labels).toContain('6');
    expect(labels).not.toContain('0');
  });

  it('has no "train" legend entry when no run has a validation curve (the optimizers chart)', async () => {
    const comparison = texts(await plotHistory({ sgd: history(3, false), adam: history(3, false) }, null, { metrics: ['loss'] }));
    expect(comparison).toEqual(expect.arrayContaining(['sgd', 'adam']));
    expect(comparison).not.toContain('train');
    expect(texts(await plotHistory(history(3, false), null))).not.toContain('train');
    expect(texts(await plotHistory({ sgd: history(3, true), adam: history(3, true) }, null, { metrics: ['loss'] }))).toEqual(expect.arrayContaining(['train', 'validation']));
  });
});
