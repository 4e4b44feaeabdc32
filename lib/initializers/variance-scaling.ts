/**
 * {@link VarianceScaling} and its named presets: Glorot (Xavier), He and LeCun, each normal or
 * uniform. They keep the variance of activations (and of gradients) roughly constant from layer
 * to layer by scaling with the fans.
 */
import { ConfigError } from '../errors';
import type { Random } from '../random';
import type { Tensor } from '../tensor';
import { Initializer, type Fans, type InitializerConfig, type SeedOptions } from './initializer';
import { formatJson, optionsObject } from '../checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Which fan divides the scale. */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';

/** Which distribution the values come from. */
export type VarianceDistribution = 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

const MODES: readonly FanMode[] = ['fanIn', 'fanOut', 'fanAvg'];
const DISTRIBUTIONS: readonly VarianceDistribution[] = ['truncatedNormal', 'untruncatedNormal', 'uniform'];

/**
 * The standard deviation of a standard normal truncated to `[−2, 2]`; dividing by it makes a
 * truncated normal have the intended standard deviation (Keras's constant).
 */
const TRUNCATED_STDDEV = 0.87962566103423978;

/** Options of {@link VarianceScaling}. */
export interface VarianceScalingOptions extends SeedOptions {
  /** The scale `s` of the variance; a positive number. @defaultValue 1 */
  scale?: number;
  /** The fan `n` in `s / n`: `fanIn`, `fanOut`, or their mean `fanAvg`. @defaultValue 'fanIn' */
  mode?: FanMode;
  /** The distribution. @defaultValue 'truncatedNormal' */
  distribution?: VarianceDistribution;
}

/**
 * Values with variance `s / n`, where `n` is the fan chosen by `mode` (at least 1):
 * - `truncatedNormal`: a normal with `stddev = √(s/n) / 0.87962566103423978`, redrawn outside two
 *   standard deviations (so the truncated values have standard deviation `√(s/n)`);
 * - `untruncatedNormal`: a normal with `stddev = √(s/n)`;
 * - `uniform`: uniform in `[−limit, limit)` with `limit = √(3s/n)`.
 *
 * @throws ConfigError for a non-positive scale or an unknown mode or distribution.
 * @example
 * ```ts
 * const init = new VarianceScaling({ scale: 2, mode: 'fanIn', distribution: 'uniform', seed: 1 });
 * ```
 */
export class VarianceScaling extends Initializer {
  static override readonly className: string = 'VarianceScaling';
  static override readonly optionKeys: readonly string[] = ['scale', 'mode', 'distribution'];

  /** The scale `s`. */
  readonly scale: number;
  /** The fan mode. */
  readonly mode: FanMode;
  /** The distribution. */
  readonly distribution: VarianceDistribution;

  constructor(options: VarianceScalingOptions = {}) {
    options = optionsObject(options, 'VarianceScaling');
    super(options);
    const { scale = 1, mode = 'fanIn', distribution = 'truncatedNormal' } = options;
    if (typeof scale !== 'number' || !(scale > 0) || !Number.isFinite(scale)) {
      throw new ConfigError(`${this.className}: scale must be a positive number, got ${formatJson(scale)}`);
    }
    if (!MODES.includes(mode)) {
      throw new ConfigError(`${this.className}: mode must be one of ${MODES.map((m) => `'${m}'`).join(', ')}, got ${formatJson(mode)}`);
    }
    if (!DISTRIBUTIONS.includes(distribution)) {
      throw new ConfigError(`${this.className}: distribution must be one of ${DISTRIBUTIONS.map((d) => `'${d}'`).join(', ')}, got ${formatJson(distribution)}`);
    }
    this.scale = scale;
    this.mode = mode;
    this.distribution = distribution;
  }

  override getConfig(): InitializerConfig {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, ...this.seedConfig() };
  }

  protected override generate(out: Tensor, { fanIn, fanOut }: Fans, rng: Random): void {
    const fan = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / math.max(1, fan);
    const d = out.data;
    const end = out.offset + out.size;
    if (this.distribution === 'uniform') {
      const limit = math.sqrt(3 * variance);
      for (let p = out.offset; p < end; p++) d[p] = rng.uniformRange(-limit, limit);
    } else if (this.distribution === 'truncatedNormal') {
      const stddev = math.sqrt(variance) / TRUNCATED_STDDEV;
      for (let p = out.offset; p < end; p++) d[p] = rng.truncatedNormal(0, stddev);
    } else {
      const stddev = math.sqrt(variance);
      for (let p = out.offset; p < end; p++) d[p] = rng.normal(0, stddev);
    }
  }
}

/** A {@link VarianceScaling} preset whose config is only its seed. */
abstract class VarianceScalingPreset extends VarianceScaling {
  /** The preset's config: only its seed, if it has one (scale, mode and distribution are fixed). */
  override getConfig(): InitializerConfig {
    return this.seedConfig();
  }
}

/**
 * Glorot (Xavier) uniform, the Dense default as in Keras: uniform in `[−limit, limit)` with
 * `limit = √(6 / (fanIn + fanOut))`.
 */
export class GlorotUniform extends VarianceScalingPreset {
  static override readonly className: string = 'GlorotUniform';
  constructor(options: SeedOptions = {}) {
    options = optionsObject(options, 'GlorotUniform', ['seed']);
    super({ scale: 1, mode: 'fanAvg', distribution: 'uniform', seed: options.seed });
  }
}

/**
 * Glorot (Xavier) normal: a truncated normal with standard deviation
 * `√(2 / (fanIn + fanOut))` after truncation (`… / 0.87962566103423978` before it).
 */
export class GlorotNormal extends VarianceScalingPreset {
  static override readonly className: string = 'GlorotNormal';
  constructor(options: SeedOptions = {}) {
    options = optionsObject(options, 'GlorotNormal', ['seed']);
    super({ scale: 1, mode: 'fanAvg', distribution: 'truncatedNormal', seed: options.seed });
  }
}

/** He normal, for ReLU networks: a truncated normal with standard deviation `√(2 / fanIn)` after truncation. */
export class HeNormal extends VarianceScalingPreset {
  static override readonly className: string = 'HeNormal';
  constructor(options: SeedOptions = {}) {
    options = optionsObject(options, 'HeNormal', ['seed']);
    super({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal', seed: options.seed });
  }
}

/** He uniform: uniform in `[−limit, limit)` with `limit = √(6 / fanIn)`. */
export class HeUniform extends VarianceScalingPreset {
  static override readonly className: string = 'HeUniform';
  constructor(options: SeedOptions = {}) {
    options = optionsObject(options, 'HeUniform', ['seed']);
    super({ scale: 2, mode: 'fanIn', distribution: 'uniform', seed: options.seed });
  }
}

/** LeCun normal, for SELU networks: a truncated normal with standard deviation `√(1 / fanIn)` after truncation. */
export class LecunNormal extends VarianceScalingPreset {
  static override readonly className: string = 'LecunNormal';
  constructor(options: SeedOptions = {}) {
    options = optionsObject(options, 'LecunNormal', ['seed']);
    super({ scale: 1, mode: 'fanIn', distribution: 'truncatedNormal', seed: options.seed });
  }
}

/** LeCun uniform: uniform in `[−limit, limit)` with `limit = √(3 / fanIn)`. */
export class LecunUniform extends VarianceScalingPreset {
  static override readonly className: string = 'LecunUniform';
  constructor(options: SeedOptions = {}) {
    options = optionsObject(options, 'LecunUniform', ['seed']);
    super({ scale: 1, mode: 'fanIn', distribution: 'uniform', seed: options.seed });
  }
}
