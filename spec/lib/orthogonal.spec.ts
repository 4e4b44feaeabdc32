import { ConfigError, ShapeError } from '../../lib/errors';
import { getInitializer, Orthogonal, serializeInitializer } from '../../lib/initializers';
import type { Tensor } from '../../lib/tensor';

/** The Gram matrix of a [rows, cols] tensor's columns (cols ≤ rows) or rows (rows < cols). */
function gram(t: Tensor, rows: number, cols: number): number[][] {
  const byCols = rows >= cols, k = Math.min(rows, cols), n = Math.max(rows, cols);
  const at = (v: number, i: number): number => (byCols ? t.data[i * cols + v] : t.data[v * cols + i]);
  return Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += at(a, i) * at(b, i);
    return s;
  }));
}

function expectScaledIdentity(g: number[][], g2: number): void {
  g.forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(a === b ? g2 : 0, 10)));
}

describe('Orthogonal', () => {
  it('gives orthonormal columns for a tall matrix and orthonormal rows for a wide one', () => {
    expectScaledIdentity(gram(new Orthogonal({ seed: 1 }).init([7, 4], 'float64'), 7, 4), 1);
    expectScaledIdentity(gram(new Orthogonal({ seed: 2 }).init([3, 8], 'float64'), 3, 8), 1);
    expectScaledIdentity(gram(new Orthogonal({ seed: 3 }).init([5, 5], 'float64'), 5, 5), 1);
  });

  it('scales by the gain and flattens leading axes into rows', () => {
    expectScaledIdentity(gram(new Orthogonal({ gain: 2, seed: 4 }).init([2, 3, 4], 'float64'), 6, 4), 4);
  });

  it('is deterministic from its seed and differs across seeds', () => {
    const a = new Orthogonal({ seed: 5 }).init([4, 4], 'float64').data;
    expect(Array.from(new Orthogonal({ seed: 5 }).init([4, 4], 'float64').data)).toEqual(Array.from(a));
    expect(Array.from(new Orthogonal({ seed: 6 }).init([4, 4], 'float64').data)).not.toEqual(Array.from(a));
  });

  it('resolves by name and round-trips its config', () => {
    expect(getInitializer('orthogonal')).toBeInstanceOf(Orthogonal);
    const s = serializeInitializer(new Orthogonal({ gain: 0.5, seed: 7 }));
    const back = getInitializer(s) as Orthogonal;
    expect(back.gain).toBe(0.5);
    expect(serializeInitializer(back)).toEqual(s);
  });

  it('rejects a bad gain and a shape of rank below 2', () => {
    expect(() => new Orthogonal({ gain: NaN })).toThrow(ConfigError);
    expect(() => new Orthogonal({ gain: Infinity })).toThrow(/Orthogonal: gain must be a finite number, got/);
    expect(() => new Orthogonal().init([5])).toThrow(ShapeError);
    expect(() => new Orthogonal().init([5])).toThrow(/Orthogonal: needs a shape of rank 2 or more, got \[5\]/);
  });
});
