/**
 * The only source of randomness in layerwise: a seeded generator (seedrandom's Alea),
 * so that the same seed gives bit-identical initial weights, shuffles and dropout masks.
 */
import type seedrandom from 'seedrandom';
import alea from 'seedrandom/lib/alea';
import { ConfigError } from './errors';
import { formatJson, isReadableObject, kindOf } from './safe-format';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** The complete internal state of a {@link Random}, plain JSON, for saving and resuming. */
export interface RandomState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/**
 * A seeded pseudo-random generator.
 *
 * @example
 * ```ts
 * const rng = new Random(42);
 * rng.uniform(); // same value on every run
 * ```
 */
export class Random {
  private prng: seedrandom.StatefulPRNG<seedrandom.State.Alea>;

  /**
   * @param seed - any number or string; equal seeds give equal sequences.
   * @throws ConfigError for a seed that is neither.
   */
  constructor(seed: number | string) {
    if (typeof seed !== 'number' && typeof seed !== 'string') {
      throw new ConfigError(`Random: a seed must be a number or a string, got ${seed === null ? 'null' : typeof seed}`);
    }
    this.prng = alea(String(seed), { state: true });
  }

  /** A float uniform in `[0, 1)` with 53 bits of randomness. */
  uniform(): number {
    return this.prng.double();
  }

  /** A float uniform in `[low, high)`. */
  uniformRange(low: number, high: number): number {
    return low + (high - low) * this.prng.double();
  }

  /** A normal variate `N(mean, stddev²)` by the Box–Muller transform (two uniforms per draw). */
  normal(mean = 0, stddev = 1): number {
    let u = this.prng.double();
    while (u === 0) u = this.prng.double();
    const v = this.prng.double();
    return mean + stddev * math.sqrt(-2 * math.log(u)) * math.cos(2 * math.PI * v);
  }

  /** A normal variate redrawn until it lies within two standard deviations of the mean (Keras's `truncated_normal`). */
  truncatedNormal(mean = 0, stddev = 1): number {
    for (;;) {
      const z = this.normal();
      if (math.abs(z) <= 2) return mean + stddev * z;
    }
  }

  /** An integer uniform in `[0, n)`. */
  int(n: number): number {
    return math.floor(this.prng.double() * n);
  }

  /** A new seed drawn from this generator, to seed an independent child generator. */
  nextSeed(): number {
    return this.prng.int32() >>> 0;
  }

  /** The numbers `0 … n-1` in a random order (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The generator's state, to restore later with {@link Random.setState}. */
  getState(): RandomState {
    return { ...this.prng.state() };
  }

  /**
   * Restores a state from {@link Random.getState}; the sequence continues exactly from there.
   * @throws ConfigError for a state no generator can be in (see {@link randomStateProblem}).
   */
  setState(state: RandomState): void {
    const problem = randomStateProblem(state);
    if (problem !== null) throw new ConfigError(`Random.setState: ${problem}`);
    this.prng = alea('', { state: { c: state.c, s0: state.s0, s1: state.s1, s2: state.s2 } });
  }
}

/** Alea's multiplier: each step computes `t = A·s0 + c·2^-32`, then `c = ⌊t⌋`, `s2 = t − c`. */
const ALEA_MULTIPLIER = 2091639;
/** `2^32`: Alea's `s0`, `s1`, `s2` are multiples of `2^-32` in `[0, 1)`. */
const TWO_POW_32 = 2 ** 32;

/**
 * What keeps `state` from being a state an Alea generator reaches, or `null` when nothing does:
 * `s0`, `s1`, `s2` must be multiples of `2^-32` in `[0, 1)` and the carry `c` an integer in
 * `[0, 2091639]` (seeding and every step keep them so), and it must not be one of the
 * multiply-with-carry's two fixed points (all `s` equal to 0 with `c = 0`, or to `1 − 2^-32`
 * with `c = 2091638`), from which every draw is the same number. A state such as
 * `{ c: 1e300, … }` would make every later draw Infinity or NaN.
 *
 * @example
 * ```ts
 * randomStateProblem({ c: 0, s0: 0, s1: 0, s2: 0 }); // '… a fixed point: every draw would be 0'
 * ```
 */
export function randomStateProblem(state: unknown): string | null {
  if (!isReadableObject(state)) return `a random state must be { c, s0, s1, s2 }, got ${kindOf(state)}`;
  const { c, s0, s1, s2 } = state as Partial<Record<keyof RandomState, unknown>>;
  for (const [key, s] of [['s0', s0], ['s1', s1], ['s2', s2]] as const) {
    if (typeof s !== 'number' || !(s >= 0 && s < 1) || !Number.isInteger(s * TWO_POW_32)) {
      return `random state ${key} must be a multiple of 2^-32 in [0, 1), got ${typeof s === 'number' ? s : typeof s}`;
    }
  }
  if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > ALEA_MULTIPLIER) {
    return `random state c (the carry) must be an integer in [0, ${ALEA_MULTIPLIER}], got ${typeof c === 'number' ? c : typeof c}`;
  }
  const top = 1 - 1 / TWO_POW_32;
  if ((c === 0 && s0 === 0 && s1 === 0 && s2 === 0) || (c === ALEA_MULTIPLIER - 1 && s0 === top && s1 === top && s2 === top)) {
    return `random state ${formatJson(state)} is a fixed point of the generator: every draw would be ${c === 0 ? 0 : top}`;
  }
  return null;
}

let globalRandom = new Random(Date.now() ^ (math.random() * 0x7fffffff));

/**
 * Seeds the global generator that initializers, shuffling and dropout draw from when no
 * seed of their own is given (like `keras.utils.set_random_seed` or `tf.random.setSeed`).
 */
export function setSeed(seed: number | string): void {
  globalRandom = new Random(seed);
}

/** The global generator; see {@link setSeed}. */
export function getGlobalRandom(): Random {
  return globalRandom;
}
