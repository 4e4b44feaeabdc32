/** {@link Dropout}: randomly zeroes units during training, as a regularizer. */
import { formatJson } from '../lib/checks';
import { ConfigError, StateError } from '../lib/errors';
import { getGlobalRandom, Random, type RandomState } from '../lib/random';
import type { DType, Shape, Tensor } from '../lib/tensor';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of {@link Dropout}. */
export interface DropoutOptions extends LayerOptions {
  /** The fraction of units to drop, in `[0, 1)`. */
  rate: number;
  /**
   * Seeds the layer's own generator, so its masks are the same on every run.
   * @defaultValue none: a seed is drawn from the global generator (see `setSeed`) at build
   */
  seed?: number;
}

/** The JSON form of a {@link Dropout} (`seed` only when one was given). */
export interface DropoutConfig extends LayerConfig {
  rate: number;
  seed?: number;
}

/**
 * Inverted dropout (Srivastava et al., 2014): in training, each element is kept with
 * probability `1 − rate` and scaled by `1/(1 − rate)`, or set to 0, so `Y = X ⊙ M` with
 * `M_i ∈ {0, 1/(1 − rate)}` and `E[Y] = X`; at inference (and for `rate = 0`) it is the
 * identity and returns its input unchanged. The mask is drawn from a generator the layer
 * owns, seeded from `seed` or from the global generator at build;
 * {@link Dropout.getRandomState}/{@link Dropout.setRandomState} save and restore it, to
 * replay the same masks.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `rate` is not in `[0, 1)` or `seed` is not a finite number.
 * @example
 * ```ts
 * const model = new Sequential([
 *   new Dense({ units: 64, activation: 'relu', inputShape: [20] }),
 *   new Dropout({ rate: 0.5, seed: 1 }),
 *   new Dense({ units: 1 }),
 * ]);
 * ```
 */
export class Dropout extends Layer {
  static override readonly className: string = 'Dropout';
  static override readonly optionKeys: readonly string[] = ['rate', 'seed'];

  /** Element-wise along time: the input's mask passes on unchanged, as in Keras. */
  override get supportsMasking(): boolean {
    return true;
  }

  /** The fraction of units dropped in training. */
  readonly rate: number;
  /** The own seed, or `undefined` when the seed comes from the global generator. */
  readonly seed: number | undefined;

  /** The mask generator, created at build (shared with SpatialDropout2D, which draws one mask value per channel). */
  protected rng: Random | null = null;
  /** The mask `M` of the last training forward, or `null` when it was the identity. */
  private mask: Tensor | null = null;

  constructor(options: DropoutOptions = {} as DropoutOptions) {
    super(options);
    const { rate, seed } = options;
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
      throw new ConfigError(`Dropout: rate must be a number in [0, 1), got ${typeof rate === 'number' ? String(rate) : formatJson(rate)}`);
    }
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
      throw new ConfigError(`Dropout: seed must be a finite number, got ${typeof seed === 'number' ? String(seed) : formatJson(seed)}`);
    }
    this.rate = rate;
    this.seed = seed;
  }

  /** `new Dropout(config)`: rebuilds a layer from {@link Dropout.getConfig}. */
  static fromConfig(config: DropoutConfig): Dropout {
    return new Dropout(config);
  }

  /** Input: `[batch, …]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape.slice();
  }

  override getConfig(): DropoutConfig {
    const config: DropoutConfig = { ...super.getConfig(), rate: this.rate };
    if (this.seed !== undefined) config.seed = this.seed;
    return config;
  }

  /**
   * The state of the layer's mask generator, to restore with {@link Dropout.setRandomState}
   * (the next training forward then draws the same mask again).
   * @throws StateError before build when no `seed` was given (the generator does not exist yet).
   */
  getRandomState(): RandomState {
    return this.generator('getRandomState').getState();
  }

  /**
   * Restores the mask generator to a state from {@link Dropout.getRandomState}.
   * @throws StateError before build when no `seed` was given.
   */
  setRandomState(state: RandomState): void {
    this.generator('setRandomState').setState(state);
  }

  /** Creates the mask generator from `seed`, or from a seed drawn from the global generator. */
  protected override afterBuild(inputShape: Shape, dtype: DType): void {
    void inputShape;
    void dtype;
    this.rng ??= new Random(this.seed ?? getGlobalRandom().nextSeed());
  }

  /**
   * Training with `rate > 0`: draws `M` (each element `1/(1 − rate)` with probability
   * `1 − rate`, else 0) into the reused mask buffer and returns `X ⊙ M`. Otherwise returns `X`.
   */
  protected call(x: Tensor, training: boolean): Tensor {
    this.mask = null;
    if (!training || this.rate === 0) return x;
    const rng = this.rng as Random;
    const mask = this.buffer('mask', x.shape);
    const y = this.buffer('Y', x.shape);
    const scale = 1 / (1 - this.rate);
    const xd = x.data, md = mask.data, yd = y.data;
    for (let i = 0, xp = x.offset, n = x.size; i < n; i++, xp++) {
      const m = rng.uniform() < this.rate ? 0 : scale;
      md[i] = m;
      yd[i] = xd[xp] * m;
    }
    this.mask = mask;
    return y;
  }

  /** `Y = X ⊙ M`, so `∂L/∂X = dOut ⊙ M` with the same mask; with no mask (`rate = 0`) `dAPrev = dOut`. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    if (!this.mask) return dOut;
    const dAPrev = this.buffer('dAPrev', dOut.shape);
    const gd = dOut.data, md = this.mask.data, dd = dAPrev.data;
    for (let i = 0, gp = dOut.offset, n = dOut.size; i < n; i++, gp++) dd[i] = gd[gp] * md[i];
    return dAPrev;
  }

  private generator(what: string): Random {
    if (!this.rng && this.seed !== undefined) this.rng = new Random(this.seed);
    if (!this.rng) throw new StateError(`${this.describe()}: ${what} needs the layer built (it has no seed of its own to start from); call build(inputShape) or forward(x) first`);
    return this.rng;
  }
}
