/**
 * The abstract {@link Initializer}: how a layer's parameters get their first values (Keras's
 * `keras.initializers`), seeded through {@link Random}.
 */
import { ConfigError } from '../errors';
import { getGlobalRandom, Random } from '../random';
import { zeros, type DType, type Tensor } from '../tensor';
import { classOptionKeys, formatJson, optionsObject } from '../checks';

/** The JSON form of an initializer's options, e.g. `{ seed: 7 }` or `{ value: 0.1 }`. */
export interface InitializerConfig {
  [option: string]: number | string | undefined;
}

/** Options every random initializer accepts. */
export interface SeedOptions {
  /**
   * Seeds this initializer's own generator: every call then draws the same values, whatever
   * the global seed (as a seeded Keras initializer does). @defaultValue none: draw from the
   * generator passed to {@link Initializer.init}, else from {@link getGlobalRandom}
   */
  seed?: number;
}

/** `fanIn` and `fanOut` of a weight shape, as Keras's `compute_fans` defines them. */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/**
 * The fans of a weight shape: a 2-D kernel `[inDim, units]` has `fanIn = inDim`,
 * `fanOut = units`; a vector `[n]` has both `n`; a scalar has both 1; a higher-rank
 * (convolution) kernel `[...receptive, in, out]` multiplies `in` and `out` by the receptive
 * field size `Π receptive`.
 */
export function computeFans(shape: readonly number[]): Fans {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  let receptive = 1;
  for (let i = 0; i < shape.length - 2; i++) receptive *= shape[i];
  return { fanIn: shape[shape.length - 2] * receptive, fanOut: shape[shape.length - 1] * receptive };
}

/**
 * The base of every initializer. Subclasses implement `generate` (fill a contiguous tensor
 * given its fans and a generator) and `getConfig`.
 *
 * Randomness comes, in this order, from the initializer's own `seed` (a fresh generator per
 * call, so a seeded initializer always gives the same values), the `rng` argument, or the
 * global generator that {@link setSeed} seeds.
 */
export abstract class Initializer {
  /** The registered class name, e.g. `'GlorotUniform'`; every subclass sets its own. */
  static readonly className: string = 'Initializer';
  /** The option keys this class's constructor reads, its own only (see {@link classOptionKeys}); every subclass with options declares its own. */
  static readonly optionKeys: readonly string[] = ['seed'];

  /** The own seed, or `undefined` to draw from the `rng` argument or the global generator. */
  protected readonly seed: number | undefined;

  /**
   * @param options - the seed, for random initializers.
   * @throws ConfigError when the seed is not a finite number.
   */
  constructor(options: SeedOptions = {}) {
    options = optionsObject(options, this.className, classOptionKeys(new.target));
    if (options.seed !== undefined && (typeof options.seed !== 'number' || !Number.isFinite(options.seed))) {
      throw new ConfigError(`${this.className}: seed must be a finite number, got ${formatJson(options.seed)}`);
    }
    this.seed = options.seed;
  }

  /** The registered class name of this instance. */
  get className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /**
   * A new contiguous tensor of `shape` and `dtype` filled with initial values.
   * @example
   * ```ts
   * const W = new GlorotUniform({ seed: 1 }).init([784, 128]);
   * ```
   */
  init(shape: readonly number[], dtype: DType = 'float32', rng?: Random): Tensor {
    return this.fill(zeros(shape, dtype), rng);
  }

  /** Overwrites a contiguous tensor with initial values (fans from its shape). Returns `out`. */
  fill(out: Tensor, rng?: Random): Tensor {
    this.generate(out, computeFans(out.shape), this.generator(rng));
    return out;
  }

  /** The constructor options with defaults resolved, as plain JSON (`seed` only when given). */
  abstract getConfig(): InitializerConfig;

  /** `{ seed }` when a seed was given, else `{}`: the part of the config every random initializer shares. */
  protected seedConfig(): InitializerConfig {
    return this.seed === undefined ? {} : { seed: this.seed };
  }

  /** Writes the initial values into the contiguous `out`. */
  protected abstract generate(out: Tensor, fans: Fans, rng: Random): void;

  /** The generator to draw from: a fresh one from the own seed, else `rng`, else the global one. */
  protected generator(rng?: Random): Random {
    if (this.seed !== undefined) return new Random(this.seed);
    return rng ?? getGlobalRandom();
  }
}
