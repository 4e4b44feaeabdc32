/** {@link TanhShrink}: `x − tanh(x)`. */
import type { LayerConfig } from '../layer';
import { InputDerivativeActivation } from './input-derivative-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y = x − tanh(x)` element by element (Keras's `tanh_shrink`). Its slope `tanh²(x)` is a function of `x`
 * that `y` determines only through an inverse with no closed form, so backward uses slopes cached from `x`.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new TanhShrink().forward(tensor([[0, 1]])); // [[0, 0.2384]]
 * ```
 */
export class TanhShrink extends InputDerivativeActivation {
  static override readonly className: string = 'TanhShrink';

  /** `new TanhShrink(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): TanhShrink {
    return new TanhShrink(config);
  }

  /** `f(x) = x − tanh(x)`. */
  protected activate(x: number): number {
    return x - math.tanh(x);
  }

  /** `f′(x) = 1 − (1 − tanh²(x)) = tanh²(x)`. */
  protected derivative(x: number): number {
    const t = math.tanh(x);
    return t * t;
  }
}
