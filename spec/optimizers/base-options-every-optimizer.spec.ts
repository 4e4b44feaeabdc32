/**
 * Keras's base-optimizer options on every registered optimizer (keras/src/optimizers/optimizer_test.py:
 * test_clip_norm, test_clip_value, test_global_clip_norm, test_ema): each optimizer with the option
 * follows the same optimizer fed what the option makes of the gradients or weights. weightDecay and
 * gradientAccumulationSteps on every optimizer are in keras-3-extra-optimizers.spec.ts.
 */
import { optimizers, type Optimizer } from '../../optimizers';
import { makeParam, setGrad, valuesOf } from './fixtures';

/** Every registered optimizer but LossScaleOptimizer, which refuses these options (they go on its inner optimizer). */
const NAMES = optimizers.names().filter((name) => name !== 'LossScaleOptimizer');

/** Gradients that change each step, the same for every run. */
const GRADS = [[3, -4, 0.5], [1, 2, -6], [-0.3, 0.4, 0.2], [5, -1, 2]];
const START = [0.5, -0.5, 1.5];

/** Runs `optimizer` from START with each gradient transformed by `transform` (identity by default); returns the weights after each step. */
function run(optimizer: Optimizer, transform: (g: number[]) => number[] = (g) => g): number[][] {
  const p = makeParam(START);
  const after: number[][] = [];
  for (const g of GRADS) {
    setGrad(p, transform(g));
    optimizer.step([p]);
    after.push(valuesOf(p.value));
  }
  return after;
}

function expectClose(a: number[][], b: number[][]): void {
  a.forEach((row, k) => row.forEach((v, i) => expect(v).toBeCloseTo(b[k][i], 12)));
}

const norm = (g: number[]): number => Math.hypot(...g);

describe.each(NAMES)('%s', (name) => {
  const make = (options: object = {}): Optimizer => optimizers.create(name, { learningRate: 0.05, ...options });

  it('clipValue: g ← min(max(g, −c), c) elementwise (test_clip_value)', () => {
    expectClose(run(make({ clipValue: 1 })), run(make(), (g) => g.map((x) => Math.min(Math.max(x, -1), 1))));
  });

  it('clipNorm: g ← g·c/max(‖g‖, c) (test_clip_norm)', () => {
    expectClose(run(make({ clipNorm: 2 })), run(make(), (g) => g.map((x) => (x * 2) / Math.max(norm(g), 2))));
  });

  it('globalClipNorm over one parameter is clipNorm (test_global_clip_norm)', () => {
    expectClose(run(make({ globalClipNorm: 2 })), run(make(), (g) => g.map((x) => (x * 2) / Math.max(norm(g), 2))));
  });

  it('useEma: E ← μ·E + (1 − μ)·W after each update (E = W after the first), written back by finalizeVariableValues and every emaOverwriteFrequency updates (test_ema)', () => {
    const plain = run(make());
    const mu = 0.8;
    const expected: number[][] = [];
    plain.forEach((w, k) => expected.push(k === 0 ? w.slice() : w.map((v, i) => mu * expected[k - 1][i] + (1 - mu) * v)));
    const ema = make({ useEma: true, emaMomentum: mu });
    const p = makeParam(START);
    for (const g of GRADS) {
      setGrad(p, g);
      ema.step([p]);
    }
    expect(valuesOf(p.value)).toEqual(plain[plain.length - 1].map((v) => expect.closeTo(v, 12)));
    expect(valuesOf(ema.stateTensors(p).average)).toEqual(expected[expected.length - 1].map((v) => expect.closeTo(v, 12)));
    ema.finalizeVariableValues([p]);
    expect(valuesOf(p.value)).toEqual(expected[expected.length - 1].map((v) => expect.closeTo(v, 12)));
    // Every 2nd update writes E into W: after the 2nd, W is that step's average.
    const overwrite = make({ useEma: true, emaMomentum: mu, emaOverwriteFrequency: 2 });
    const q = makeParam(START);
    for (const g of GRADS.slice(0, 2)) {
      setGrad(q, g);
      overwrite.step([q]);
    }
    expect(valuesOf(q.value)).toEqual(expected[1].map((v) => expect.closeTo(v, 12)));
    expect(overwrite.getConfig()).toMatchObject({ useEma: true, emaMomentum: mu, emaOverwriteFrequency: 2 });
  });
});
