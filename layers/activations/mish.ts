/** {@link Mish}: `x·tanh(softplus(x))` (Misra, 2019). */
import type { LayerConfig } from '../layer';
import { InputDerivativeActivation } from './input-derivative-activation';
import { logistic } from './logistic';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** `softplus(x) = log(1 + e^x)`, as `max(x, 0) + log1p(e^(−|x|))` so that no exponential overflows. */
function softplus(x: number): number {
  return math.max(x, 0) + math.log1p(math.exp(-math.abs(x)));
}

/**
 * `y = x·tanh(softplus(x))` element by element, with `softplus(x) = log(1 + e^x)` (Keras's `mish`;
 * Misra, 2019). It is not monotonic (its minimum is near `x ≈ −1.19`), so backward uses slopes cached from `x`.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new Mish().forward(tensor([[0, 1]])); // [[0, 0.8651]]
 * ```
 */
export class Mish extends InputDerivativeActivation {
  static override readonly className: string = 'Mish';

  /** `new Mish(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Mish {
    return new Mish(config);
  }

  /** `f(x) = x·tanh(s)`, `s = softplus(x) = max(x, 0) + log1p(e^(−|x|))`. */
  protected activate(x: number): number {
    return x * math.tanh(softplus(x));
  }

  /** `f′(x) = tanh(s) + x·(1 − tanh²(s))·σ(x)`, since `ds/dx = σ(x)`. */
  protected derivative(x: number): number {
    const t = math.tanh(softplus(x));
    return t + x * (1 - t * t) * logistic(x);
  }
}
