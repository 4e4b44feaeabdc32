/** {@link RandomUniform}: values uniform in a fixed interval. */
import { formatJson } from '../checks';
import { ConfigError } from '../errors';
import type { Random } from '../random';
import type { Tensor } from '../tensor';
import { Initializer, type InitializerConfig, type SeedOptions } from './initializer';

/** Options of {@link RandomUniform}. */
export interface RandomUniformOptions extends SeedOptions {
  /** The lower bound (inclusive). @defaultValue -0.05 */
  minval?: number;
  /** The upper bound (exclusive); at least `minval`. @defaultValue 0.05 */
  maxval?: number;
}

/**
 * Every element drawn uniformly from `[minval, maxval)`, independent of the shape (as Keras's
 * `RandomUniform`).
 * @throws ConfigError for non-finite bounds or `maxval < minval`.
 * @example
 * ```ts
 * new RandomUniform({ minval: -0.1, maxval: 0.1, seed: 3 }).init([2, 3]);
 * ```
 */
export class RandomUniform extends Initializer {
  static override readonly className: string = 'RandomUniform';
  static override readonly optionKeys: readonly string[] = ['minval', 'maxval'];

  /** The lower bound. */
  readonly minval: number;
  /** The upper bound. */
  readonly maxval: number;

  constructor(options: RandomUniformOptions = {}) {
    super(options);
    const { minval = -0.05, maxval = 0.05 } = options;
    if (typeof minval !== 'number' || !Number.isFinite(minval) || typeof maxval !== 'number' || !Number.isFinite(maxval) || maxval < minval) {
      throw new ConfigError(`${this.className}: minval and maxval must be finite numbers with minval <= maxval, got minval=${formatJson(minval)}, maxval=${formatJson(maxval)}`);
    }
    this.minval = minval;
    this.maxval = maxval;
  }

  override getConfig(): InitializerConfig {
    return { minval: this.minval, maxval: this.maxval, ...this.seedConfig() };
  }

  protected override generate(out: Tensor, _fans: unknown, rng: Random): void {
    const d = out.data;
    for (let p = out.offset, end = out.offset + out.size; p < end; p++) d[p] = rng.uniformRange(this.minval, this.maxval);
  }
}
