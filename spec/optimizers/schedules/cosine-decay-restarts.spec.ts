import { ConfigError } from '../../../lib/errors';
import { CosineDecayRestarts } from '../../../optimizers/schedules';

/** Keras 3's closed form for the restart index and the fraction within it, in float64. */
function kerasClosedForm(s: CosineDecayRestarts, t: number): number {
  let fraction = t / s.firstDecaySteps;
  let i: number;
  if (s.tMul === 1) {
    i = Math.floor(fraction);
    fraction -= i;
  } else {
    i = Math.floor(Math.log(1 - fraction * (1 - s.tMul)) / Math.log(s.tMul));
    const sum = (1 - s.tMul ** i) / (1 - s.tMul);
    fraction = (fraction - sum) / s.tMul ** i;
  }
  const cosine = 0.5 * s.mMul ** i * (1 + Math.cos(Math.PI * fraction));
  return s.initialLearningRate * ((1 - s.alpha) * cosine + s.alpha);
}

describe('CosineDecayRestarts', () => {
  it('restarts with longer, lower periods', () => {
    // η₀ = 0.1, T₀ = 2, tMul = 2, mMul = 0.5: periods [0, 2), [2, 6), [6, 14).
    // t = 0: 0.1; t = 1 (f = ½): 0.05; t = 2 (restart 1, f = 0): 0.1·0.5 = 0.05;
    // t = 3 (f = ¼): 0.1·0.25·(1 + √½) = 0.0426776…; t = 4 (f = ½): 0.025; t = 5 (f = ¾): 0.1·0.25·(1 − √½);
    // t = 6 (restart 2): 0.1·0.25 = 0.025; t = 10 (f = ½): 0.0125.
    const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 2, mMul: 0.5 });
    const expected: Record<number, number> = {
      0: 0.1, 1: 0.05, 2: 0.05, 3: 0.025 * (1 + Math.SQRT1_2), 4: 0.025, 5: 0.025 * (1 - Math.SQRT1_2), 6: 0.025, 10: 0.0125,
    };
    for (const [t, v] of Object.entries(expected)) expect(s.valueAt(Number(t))).toBeCloseTo(v, 15);
  });

  it('repeats the same period with tMul = 1', () => {
    const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 2, tMul: 1, alpha: 0.1 });
    // Period 2, α = 0.1: t even → 0.1; t odd (f = ½) → 0.1·(0.9·0.5 + 0.1) = 0.055.
    [0, 1, 2, 3, 4, 5].forEach((t) => expect(s.valueAt(t)).toBeCloseTo(t % 2 === 0 ? 0.1 : 0.055, 15));
  });

  it("agrees with Keras 3's closed form between restarts", () => {
    for (const [tMul, first] of [[2, 3], [3, 1], [1.5, 4]]) {
      const s = new CosineDecayRestarts({ initialLearningRate: 0.2, firstDecaySteps: first, tMul, mMul: 0.8, alpha: 0.05 });
      const restarts = new Set<number>();
      for (let start = 0, length = first; start < 200; start += length, length *= tMul) restarts.add(start);
      for (let t = 0; t < 200; t++) {
        if (!restarts.has(t)) expect(s.valueAt(t)).toBeCloseTo(kerasClosedForm(s, t), 12);
      }
    }
  });

  it('has Keras 3 defaults and round-trips its config', () => {
    const s = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 100 });
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.1, firstDecaySteps: 100, tMul: 2, mMul: 1, alpha: 0 });
    expect(new CosineDecayRestarts(s.getConfig()).getConfig()).toEqual(s.getConfig());
  });

  it('rejects tMul < 1', () => {
    expect(() => new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10, tMul: 0.5 })).toThrow(ConfigError);
    expect(() => new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10, tMul: 0.5 }))
      .toThrow('CosineDecayRestarts: tMul must be a finite number >= 1, got 0.5');
  });
});
