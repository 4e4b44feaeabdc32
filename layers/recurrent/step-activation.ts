/**
 * The activations a recurrent cell applies inside its time loop, each with its derivative
 * written from the activation's output `y = f(z)` (so backward needs only the cached `y`).
 */
import { ConfigError } from '../../lib/errors';

/** The Keras names of the step activations, as configs save them. */
export type StepActivationKerasName = 'tanh' | 'sigmoid' | 'hard_sigmoid' | 'relu' | 'softsign' | 'linear';

/**
 * The names a recurrent layer's `activation` and `recurrentActivation` options accept: the Keras
 * names and the camelCase `'hardSigmoid'`. A closed list: the cell's loop has no registry.
 */
export type StepActivationName = StepActivationKerasName | 'hardSigmoid';

/** An element-wise activation `y = f(z)` and its derivative `f'(z)` written in terms of `y`. */
export interface StepActivation {
  /** The Keras name, as saved in configs (`'tanh'`, `'sigmoid'`, …). */
  readonly name: StepActivationKerasName;
  /** `y = f(z)`. */
  readonly apply: (z: number) => number;
  /** `f'(z)` from `y = f(z)`. */
  readonly slope: (y: number) => number;
}

const STEP_ACTIVATIONS: readonly StepActivation[] = [
  // tanh' = 1 − tanh²
  { name: 'tanh', apply: Math.tanh, slope: (y) => 1 - y * y },
  // σ(z) = 1/(1 + e^−z), σ' = σ(1 − σ)
  { name: 'sigmoid', apply: (z) => 1 / (1 + Math.exp(-z)), slope: (y) => y * (1 - y) },
  // Keras 3's hard_sigmoid: relu6(z + 3)/6, slope 1/6 strictly inside (0, 1)
  { name: 'hard_sigmoid', apply: (z) => Math.min(Math.max(z + 3, 0), 6) / 6, slope: (y) => (y > 0 && y < 1 ? 1 / 6 : 0) },
  // relu' = 1 where the output is positive
  { name: 'relu', apply: (z) => (z > 0 ? z : 0), slope: (y) => (y > 0 ? 1 : 0) },
  // softsign z/(1 + |z|), derivative 1/(1 + |z|)² = (1 − |y|)²
  { name: 'softsign', apply: (z) => z / (1 + Math.abs(z)), slope: (y) => (1 - Math.abs(y)) * (1 - Math.abs(y)) },
  { name: 'linear', apply: (z) => z, slope: () => 1 },
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
