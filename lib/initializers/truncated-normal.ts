/** {@link TruncatedNormal}: a normal distribution cut at two standard deviations. */
import type { Random } from '../random';
import type { Tensor } from '../tensor';
import { RandomNormal } from './random-normal';

/**
 * Every element drawn from `N(μ, σ²)` and redrawn while it lies outside `[μ − 2σ, μ + 2σ]`
 * (Keras's `TruncatedNormal`, defaults `μ = 0`, `σ = 0.05`); the values' standard deviation is
 * then about `0.8796·σ`. Options as {@link RandomNormal}'s (`mean`, `stddev`, `seed`).
 * @throws ConfigError for a non-finite mean or a negative or non-finite stddev.
 * @example
 * ```ts
 * new Dense({ units: 8, kernelInitializer: new TruncatedNormal({ stddev: 0.02, seed: 1 }) });
 * ```
 */
export class TruncatedNormal extends RandomNormal {
  static override readonly className: string = 'TruncatedNormal';
  static override readonly optionKeys: readonly string[] = [];

  protected override generate(out: Tensor, _fans: unknown, rng: Random): void {
    const d = out.data;
    for (let p = out.offset, end = out.offset + out.size; p < end; p++) d[p] = rng.truncatedNormal(this.mean, this.stddev);
  }
}
