/** {@link Orthogonal}: a (semi-)orthogonal matrix, as Keras's `Orthogonal` (the default recurrent kernel of RNN cells). */
import { formatJson } from '../checks';
import { ConfigError, ShapeError } from '../errors';
import type { Random } from '../random';
import type { Tensor } from '../tensor';
import { Initializer, type InitializerConfig, type SeedOptions } from './initializer';

/** Options of {@link Orthogonal}. */
export interface OrthogonalOptions extends SeedOptions {
  /** The factor `g` the orthogonal matrix is multiplied by. @defaultValue 1 */
  gain?: number;
}

/**
 * A shape `[..., cols]` read as a matrix `W` of `rows = ∏ shape[:-1]` rows: draw `A` of
 * `N(0, 1)` values with `max(rows, cols)` rows and `min(rows, cols)` columns, take its QR
 * factorization `A = QR` with `diag(R) > 0` (Gram–Schmidt), and set `W = g·Q` (or `g·Qᵀ` when
 * `rows < cols`). So `WᵀW = g²·I` when `rows ≥ cols`, and `WWᵀ = g²·I` otherwise.
 * @throws ConfigError for a non-finite gain; ShapeError (at init) for a shape of rank below 2.
 * @example
 * ```ts
 * new Orthogonal({ seed: 1 }).init([16, 64]); // rows orthonormal
 * ```
 */
export class Orthogonal extends Initializer {
  static override readonly className: string = 'Orthogonal';
  static override readonly optionKeys: readonly string[] = ['gain'];

  /** The factor `g`. */
  readonly gain: number;

  constructor(options: OrthogonalOptions = {}) {
    super(options);
    const { gain = 1 } = options;
    if (typeof gain !== 'number' || !Number.isFinite(gain)) {
      throw new ConfigError(`${this.className}: gain must be a finite number, got ${formatJson(gain)}`);
    }
    this.gain = gain;
  }

  override getConfig(): InitializerConfig {
    return { gain: this.gain, ...this.seedConfig() };
  }

  protected override generate(out: Tensor, _fans: unknown, rng: Random): void {
    const shape = out.shape;
    if (shape.length < 2) {
      throw new ShapeError(`${this.className}: needs a shape of rank 2 or more, got [${shape.join(', ')}]`);
    }
    const cols = shape[shape.length - 1];
    const rows = out.size / cols;
    const n = Math.max(rows, cols), k = Math.min(rows, cols);
    // q holds k column vectors of length n (column j at q[j*n .. j*n+n)).
    const q = new Float64Array(n * k);
    for (let i = 0; i < q.length; i++) q[i] = rng.normal();
    for (let j = 0; j < k; j++) {
      const qj = q.subarray(j * n, j * n + n);
      for (let p = 0; p < j; p++) {
        const qp = q.subarray(p * n, p * n + n);
        let dot = 0;
        for (let i = 0; i < n; i++) dot += qp[i] * qj[i];
        for (let i = 0; i < n; i++) qj[i] -= dot * qp[i];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += qj[i] * qj[i];
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) qj[i] /= norm;
    }
    const d = out.data, o = out.offset;
    // W[r][c] = g·Q[r][c] (rows ≥ cols: Q is rows × cols) or g·Q[c][r] (rows < cols: Q is cols × rows).
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        d[o + r * cols + c] = this.gain * (rows >= cols ? q[c * n + r] : q[r * n + c]);
      }
    }
  }
}
