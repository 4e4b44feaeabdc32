/** Every example runs end to end (briefly), and the flagship reaches its promised accuracy. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main as xor } from '../../examples/xor';
import { main as spirals } from '../../examples/spirals';
import { main as sine } from '../../examples/sine-regression';
import { main as lookInside } from '../../examples/look-inside';
import { main as mnist } from '../../examples/mnist';
import { main as optimizers } from '../../examples/optimizers';
import { main as regularization } from '../../examples/regularization';
import { main as gradients } from '../../examples/gradients';
import { parseSvg } from '../helpers/svg';
import { main as saveAndServe } from '../../examples/save-and-serve';
import { main as functional } from '../../examples/functional';
import { makeTempDir, removeTempDir } from '../helpers/tfjs-files';

/** Reads an SVG the example wrote and returns how many line series it draws. */
function linesIn(file: string): number {
  const svg = readFileSync(file, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  const summary = parseSvg(svg);
  expect(summary.root).toBe('svg');
  return summary.linePaths;
}

describe('examples', () => {
  let log: jest.SpyInstance;
  let printed: string;
  let outDir: string;
  beforeAll(() => { outDir = mkdtempSync(join(tmpdir(), 'layerwise-examples-')); });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  beforeEach(() => {
    printed = '';
    log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed += `${args.join(' ')}\n`; });
  });
  afterEach(() => log.mockRestore());

  it('xor solves XOR', async () => {
    expect(await xor(1000)).toBe(1);
    expect(printed).toContain('1 xor 0 ->');
  });

  it('spirals runs one epoch', async () => {
    const accuracy = await spirals(1);
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(printed).toContain('held-out');
  });

  it('sine-regression runs one epoch', async () => {
    expect(Number.isFinite(await sine(1))).toBe(true);
    expect(printed).toContain('sin(');
  });

  it('look-inside prints every gradient and lowers the loss with one step', () => {
    expect(Number.isFinite(lookInside())).toBe(true);
    for (const name of ['dW', 'db', 'dAPrev', 'dOut']) expect(printed).toContain(name);
    const [, before, after] = printed.match(/loss (\d+\.\d+) -> (\d+\.\d+)/) ?? [];
    expect(Number(after)).toBeLessThan(Number(before));
  });

  it('save-and-serve: TensorFlow.js and layerwise read the saved model alike (1 epoch, temp dir)', async () => {
    const dir = makeTempDir('layerwise-save-and-serve-');
    try {
      const { layerwiseDigits, tfjsDigits, maxAbsDifference } = await saveAndServe(1, dir);
      expect(existsSync(join(dir, 'model.json'))).toBe(true);
      expect(maxAbsDifference).toBeLessThan(1e-5);
      expect(tfjsDigits).toEqual(layerwiseDigits);
      expect(printed).toMatch(/true \d: layerwise \d, tfjs \d/);
    } finally {
      removeTempDir(dir);
    }
  });

  it('functional: a two-input residual model trains, and TensorFlow.js reads its save alike (1 epoch, temp dir)', async () => {
    const dir = makeTempDir('layerwise-functional-');
    try {
      const { accuracy, maxAbsDifference } = await functional(1, dir);
      expect(accuracy).toBeGreaterThan(0.8);
      expect(maxAbsDifference).toBeLessThan(1e-5);
      expect(printed).toMatch(/skip \(Add\)\s+\[\?, 64\]\s+0\s+embed, block_out/);
    } finally {
      removeTempDir(dir);
    }
  });

  it('mnist (the flagship) trains 784-128-10 above 90% test accuracy on 2,000 unseen digits', async () => {
    const accuracy = await mnist(3, 0);
    expect(accuracy).toBeGreaterThan(0.9);
    expect(printed).toMatch(/test accuracy \d+\.\d+%/);
  });

  it('optimizers: from the same weights, Adam and momentum are ahead of plain SGD after 3 epochs, in one 4-curve SVG', async () => {
    const losses = await optimizers(3, outDir);
    expect(Object.keys(losses)).toEqual(['SGD', 'SGD+momentum', 'Adam', 'AdamW']);
    // Seeded run: SGD ≈ 1.02, SGD+momentum ≈ 0.66, Adam ≈ 0.30 (see the printed table).
    expect(losses.Adam).toBeLessThan(losses.SGD / 2);
    expect(losses['SGD+momentum']).toBeLessThan(losses.SGD);
    expect(printed).toMatch(/^\s+3\s+\d\.\d{4}/m);
    expect(linesIn(join(outDir, 'optimizers.svg'))).toBe(4);
  });

  it('regularization: plain memorizes fastest and has the widest gap; early stopping keeps its best epoch', async () => {
    // 15 epochs keep the smoke run short; the full run (200) shows plain's validation loss climbing.
    const report = await regularization(15, outDir);
    const { plain, 'early stop': early } = report;
    const gap = (name: string) => report[name].valLoss - report[name].trainLoss;
    for (const name of ['dropout 0.5', 'L2 1e-3', 'batch norm']) {
      expect(report[name].trainLoss).toBeGreaterThan(plain.trainLoss);
      expect(gap(name)).toBeLessThan(gap('plain'));
    }
    // Same seed as plain: identical until patience (20 epochs) runs out; the restored weights give the best val_loss.
    expect(early.trainLoss).toBe(plain.trainLoss);
    expect(early.valLoss).toBeCloseTo(early.bestValLoss, 5);
    // Five runs, each a training and a validation curve.
    expect(linesIn(join(outDir, 'regularization.svg'))).toBe(10);
    expect(printed).toMatch(/^early stop\s+15\s/m);
  });

  it('gradients: the sigmoid net\'s first-layer ‖dW‖ vanishes, the ReLU + He one\'s stays within 10× of the last', async () => {
    const { sigmoid, relu } = await gradients(2, outDir);
    const ratio = (dW: number[]) => dW[0] / dW[dW.length - 1];
    expect(ratio(sigmoid.dW)).toBeLessThan(1e-3);
    // Shrinking layer by layer towards the input.
    for (let i = 1; i < sigmoid.dW.length; i++) expect(sigmoid.dW[i - 1]).toBeLessThan(sigmoid.dW[i]);
    expect(Math.abs(Math.log10(ratio(relu.dW)))).toBeLessThan(1);
    expect(printed).toContain('first / last hidden layer');
    // Eight hidden layers and the output layer: nine lines per chart.
    expect(linesIn(join(outDir, 'gradients-sigmoid.svg'))).toBe(9);
    expect(linesIn(join(outDir, 'gradients-relu.svg'))).toBe(9);
  });
});
