/**
 * The activations a recurrent cell applies inside its time loop, each with its derivative
 * written from the activation's output `y = f(z)` (so backward needs only the cached `y`).
 */
import { ConfigError } from '../../lib/errors';
import { sigmoidInPlace, tanhInPlace } from '../../lib/kernels';

/** A typed array the step activations work in place on. */
type Values = Float32Array | Float64Array;

/**
 * The Keras names of the step activations, as configs save them, and `'hard_sigmoid_keras2'`:
 * Keras 2's and TensorFlow.js's hard sigmoid, which a TensorFlow.js file's `'hard_sigmoid'`
 * loads as (files keep TensorFlow.js's name for it; see `lib/serialization/hard-sigmoid-dialect.ts`).
 */
export type StepActivationKerasName = 'tanh' | 'sigmoid' | 'hard_sigmoid' | 'hard_sigmoid_keras2' | 'relu' | 'softsign' | 'linear';

/**
 * The names a recurrent layer's `activation` and `recurrentActivation` options accept: the Keras
 * names and the camelCase `'hardSigmoid'`. A closed list: the cell's loop has no registry.
 */
export type StepActivationName = StepActivationKerasName | 'hardSigmoid';

/**
 * An element-wise activation `y = f(z)` and its derivative `f'(z)` written in terms of `y`,
 * each applied to a run of values in place (a loop per run, not a call per value: the time loop
 * calls them once per sample and gate block).
 */
export interface StepActivation {
  /** The Keras name, as saved in configs (`'tanh'`, `'sigmoid'`, …). */
  readonly name: StepActivationKerasName;
  /** `v[i] ← f(v[i])` for `i` in `[start, start + count)`. */
  readonly apply: (v: Values, start: number, count: number) => void;
  /** `d[i] ← d[i] · f'(z_i)` from the outputs `y[yStart + k] = f(z)`, for `k < count` and `i = dStart + k`. */
  readonly scaleBySlope: (d: Values, dStart: number, y: Values, yStart: number, count: number) => void;
}

const math = Math;

const STEP_ACTIVATIONS: readonly StepActivation[] = [
  {
    name: 'tanh',
    apply: tanhInPlace,
    // tanh' = 1 − tanh²
    scaleBySlope: (d, ds, y, ys, n) => { for (let k = 0; k < n; k++) { const t = y[ys + k]; d[ds + k] *= 1 - t * t; } },
  },
  {
    name: 'sigmoid',
    // σ(z) = 1/(1 + e^−z) (float32 on one float32 exponential, SIMD where it can: lib/kernels/gate-activations.ts)
    apply: sigmoidInPlace,
    // σ' = σ(1 − σ)
    scaleBySlope: (d, ds, y, ys, n) => { for (let k = 0; k < n; k++) { const t = y[ys + k]; d[ds + k] *= t * (1 - t); } },
  },
  {
    name: 'hard_sigmoid',
    // Keras 3's hard_sigmoid: relu6(z + 3)/6
    apply: (v, s, n) => { for (let i = s; i < s + n; i++) v[i] = math.min(math.max(v[i] + 3, 0), 6) / 6; },
    // slope 1/6 strictly inside (0, 1), else 0
    scaleBySlope: (d, ds, y, ys, n) => { for (let k = 0; k < n; k++) { const t = y[ys + k]; d[ds + k] *= t > 0 && t < 1 ? 1 / 6 : 0; } },
  },
  {
    name: 'hard_sigmoid_keras2',
    // Keras 2's and TensorFlow.js's hard_sigmoid: clip(0.2·z + 0.5, 0, 1)
    apply: (v, s, n) => { for (let i = s; i < s + n; i++) v[i] = math.min(math.max(0.2 * v[i] + 0.5, 0), 1); },
    // slope 0.2 strictly inside (0, 1), else 0
    scaleBySlope: (d, ds, y, ys, n) => { for (let k = 0; k < n; k++) { const t = y[ys + k]; d[ds + k] *= t > 0 && t < 1 ? 0.2 : 0; } },
  },
  {
    name: 'relu',
    apply: (v, s, n) => { for (let i = s; i < s + n; i++) v[i] = v[i] > 0 ? v[i] : 0; },
    // relu' = 1 where the output is positive
    scaleBySlope: (d, ds, y, ys, n) => { for (let k = 0; k < n; k++) if (!(y[ys + k] > 0)) d[ds + k] = 0; },
  },
  {
    name: 'softsign',
    // z/(1 + |z|)
    apply: (v, s, n) => { for (let i = s; i < s + n; i++) v[i] = v[i] / (1 + math.abs(v[i])); },
    // 1/(1 + |z|)² = (1 − |y|)²
    scaleBySlope: (d, ds, y, ys, n) => { for (let k = 0; k < n; k++) { const a = 1 - math.abs(y[ys + k]); d[ds + k] *= a * a; } },
  },
  { name: 'linear', apply: () => undefined, scaleBySlope: () => undefined },
];

const ALIASES: Readonly<Record<string, StepActivationKerasName>> = { hardSigmoid: 'hard_sigmoid' } satisfies Record<Exclude<StepActivationName, StepActivationKerasName>, StepActivationKerasName>;

/**
 * The step activation named `name` (Keras's snake_case or camelCase spelling).
 * @throws ConfigError naming the option and listing the valid names.
 */
export function getStepActivation(name: unknown, owner: string, option: string): StepActivation {
  const key = typeof name === 'string' ? ALIASES[name] ?? name : '';
  const found = STEP_ACTIVATIONS.find((a) => a.name === key);
  if (!found) {
    const valid = STEP_ACTIVATIONS.map((a) => `'${a.name}'`).join(', ');
    throw new ConfigError(`${owner}: ${option} must be one of ${valid}, got ${JSON.stringify(name)}`);
  }
  return found;
}
