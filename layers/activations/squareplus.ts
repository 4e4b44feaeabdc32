/** {@link Squareplus}: the algebraic smooth ReLU `(x + √(x² + b))/2`. */
import type { LayerConfig, LayerOptions } from '../layer';
import { numberOption } from './activation-options';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link Squareplus}. */
export interface SquareplusOptions extends LayerOptions {
  /** The smoothness `b ≥ 0`; `b = 0` is ReLU. @defaultValue 4 */
  b?: number;
}

/** The JSON form of a {@link Squareplus}. */
export interface SquareplusConfig extends LayerConfig {
  b: number;
}

/**
 * `y = (x + √(x² + b))/2` element by element (Keras's `squareplus`; Barron, 2021), in `(0, ∞)`
 * for `b > 0`. It is monotonic and `x = y − b/(4y)`, so backward needs only the cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `b` is negative or not a number.
 * @example
 * ```ts
 * new Squareplus().forward(tensor([[0]])); // [[1]]
 * ```
 */
export class Squareplus extends ElementwiseActivation {
  static override readonly className: string = 'Squareplus';
  static override readonly optionKeys: readonly string[] = ['b'];

  /** The smoothness `b`. */
  readonly b: number;

  constructor(options: SquareplusOptions = {}) {
    super(options);
    this.b = numberOption('Squareplus', 'b', options.b ?? 4, 0);
  }

  /** `new Squareplus(config)`: rebuilds a layer from {@link Squareplus.getConfig}. */
  static fromConfig(config: SquareplusConfig): Squareplus {
    return new Squareplus(config);
  }

  override getConfig(): SquareplusConfig {
    return { ...super.getConfig(), b: this.b };
  }

  /** `f(x) = (x + √(x² + b))/2`. */
  protected activate(x: number): number {
    return (x + math.sqrt(x * x + this.b)) / 2;
  }

  /**
   * `f′(x) = (1 + x/s)/2 = y/s` with `s = √(x² + b) = 2y − x = y + b/(4y)`, so
   * `f′ = 4y²/(4y² + b)` (0 where `y = 0`, which only `b = 0` reaches).
   */
  protected derivative(y: number): number {
    const q = 4 * y * y;
    return q === 0 ? 0 : q / (q + this.b);
  }
}
