/** {@link RandomNormal}: values from a normal distribution with fixed mean and standard deviation. */
import { formatJson } from '../checks';
import { ConfigError } from '../errors';
import type { Random } from '../random';
import type { Tensor } from '../tensor';
import { Initializer, type InitializerConfig, type SeedOptions } from './initializer';

/** Options of {@link RandomNormal}. */
export interface RandomNormalOptions extends SeedOptions {
  /** The mean `μ`. @defaultValue 0 */
  mean?: number;
  /** The standard deviation `σ`; non-negative. @defaultValue 0.05 */
  stddev?: number;
}

/**
 * Every element drawn from `N(μ, σ²)`, independent of the shape (as Keras's `RandomNormal`).
 * @throws ConfigError for a non-finite mean or a negative or non-finite stddev.
 * @example
 * ```ts
 * new RandomNormal({ mean: 0, stddev: 0.01, seed: 3 }).init([2, 3]);
 * ```
 */
export class RandomNormal extends Initializer {
  static override readonly className: string = 'RandomNormal';
  static override readonly optionKeys: readonly string[] = ['mean', 'stddev'];

  /** The mean `μ`. */
  readonly mean: number;
  /** The standard deviation `σ`. */
  readonly stddev: number;

  constructor(options: RandomNormalOptions = {}) {
    super(options);
    const { mean = 0, stddev = 0.05 } = options;
    if (typeof mean !== 'number' || !Number.isFinite(mean)) {
      throw new ConfigError(`${this.className}: mean must be a finite number, got ${formatJson(mean)}`);
    }
    if (typeof stddev !== 'number' || !(stddev >= 0) || !Number.isFinite(stddev)) {
      throw new ConfigError(`${this.className}: stddev must be a non-negative number, got ${formatJson(stddev)}`);
    }
    this.mean = mean;
    this.stddev = stddev;
  }

  override getConfig(): InitializerConfig {
    return { mean: this.mean, stddev: this.stddev, ...this.seedConfig() };
  }

  protected override generate(out: Tensor, _fans: unknown, rng: Random): void {
    const d = out.data;
    for (let p = out.offset, end = out.offset + out.size; p < end; p++) d[p] = rng.normal(this.mean, this.stddev);
  }
}
