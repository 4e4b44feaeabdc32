import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GradientMonitor } from '../../../lib/callbacks';
import { plotGradients } from '../../../lib/plots';
import { Sequential } from '../../../lib/sequential';
import { Dense, ReLU } from '../../../layers';
import { SGD } from '../../../optimizers';
import { setSeed } from '../../../lib/random';
import { parseSvg } from '../../helpers/svg';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'layerwise-grad-plot-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function monitored(updateFreq: 'epoch' | number = 'epoch'): Promise<GradientMonitor> {
  setSeed(4);
  const model = new Sequential([
    new Dense({ units: 4, inputShape: [2] }), new ReLU(), new Dense({ units: 4, activation: 'tanh' }), new Dense({ units: 1 }),
  ]);
  model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'mse' });
  const monitor = new GradientMonitor({ updateFreq });
  const x = [[0, 1], [1, 0], [1, 1], [0.5, -1]];
  await model.fit(x, [[1], [1], [0], [0.5]], { epochs: 4, batchSize: 2, verbose: 0, callbacks: [monitor] });
  return monitor;
}

describe('plotGradients', () => {
  it('draws one path per layer that has dW (the ReLU layer has none), on a log scale', async () => {
    const monitor = await monitored();
    const file = join(dir, 'g.svg');
    const svg = await plotGradients(monitor, file);
    expect(readFileSync(file, 'utf8')).toBe(svg);
    const summary = parseSvg(svg);
    expect(summary.root).toBe('svg');
    expect(summary.linePaths).toBe(3);
    expect(svg).toContain('‖dW‖₂ per layer');
  });

  it('plots other quantities, and steps when sampling every n steps', async () => {
    const monitor = await monitored(2);
    // dAPrev exists for every layer but the first: 3 paths.
    expect(parseSvg(await plotGradients(monitor, join(dir, 'd.svg'), { quantity: 'dAPrev' })).linePaths).toBe(3);
    const dead = await plotGradients(monitor, join(dir, 'dead.svg'), { quantity: 'deadReluFraction' });
    expect(parseSvg(dead).linePaths).toBe(1);
    expect(dead).toContain('step');
  });

  it('refuses an empty monitor or a quantity no layer has', async () => {
    await expect(plotGradients(new GradientMonitor(), join(dir, 'x.svg'))).rejects.toThrow(/no records/);
    await expect(plotGradients(await monitored(), join(dir, 'x.svg'), { quantity: 'dGamma' })).rejects.toThrow(/no layer has a finite, positive 'dGamma'/);
  });
});
