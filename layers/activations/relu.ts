/** {@link ReLU}: the rectified linear unit, with Keras's `maxValue`, `negativeSlope` and `threshold`. */
import { relu, reluBackward } from '../../lib/kernels';
import type { Tensor } from '../../lib/tensor';
import type { LayerConfig, LayerOptions } from '../layer';
import { numberOption } from './activation-options';
import { ElementwiseActivation } from './elementwise-activation';

/** Options of {@link ReLU} (Keras's `keras.layers.ReLU`). */
export interface ReLUOptions extends LayerOptions {
  /** The largest output `m ≥ 0`; `null` means unbounded. @defaultValue null */
  maxValue?: number | null;
  /** The slope `α ≥ 0` below the threshold. @defaultValue 0 */
  negativeSlope?: number;
  /** The threshold `t ≥ 0` below which the output is damped. @defaultValue 0 */
  threshold?: number;
}

/** The JSON form of a {@link ReLU}. */
export interface ReLUConfig extends LayerConfig {
  maxValue: number | null;
  negativeSlope: number;
  threshold: number;
}

/**
 * `y = min(x, m)` for `x > t`, `y = α·(x − t)` for `x ≤ t`, element by element (Keras's
 * `relu(x, negative_slope=α, max_value=m, threshold=t)`); with the defaults, `y = max(0, x)`
 * (NaN stays NaN). Since `α, t, m ≥ 0`, the output says which piece `x` is on: `y < 0` only
 * below the threshold, `0 < y < m` only on the identity piece, so backward needs only the
 * cached output.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError when `maxValue`, `negativeSlope` or `threshold` is negative or not a number.
 * @example
 * ```ts
 * new ReLU().forward(tensor([[-1, 2]])); // [[0, 2]]
 * new ReLU({ maxValue: 5, negativeSlope: 0.5, threshold: 5 }).forward(tensor([[-10, 10]])); // [[-7.5, 5]]
 * ```
 */
export class ReLU extends ElementwiseActivation {
  static override readonly className: string = 'ReLU';
  static override readonly optionKeys: readonly string[] = ['maxValue', 'negativeSlope', 'threshold'];

  /** The largest output `m`, or `null` for none. */
  readonly maxValue: number | null;
  /** The slope `α` below the threshold. */
  readonly negativeSlope: number;
  /** The threshold `t`. */
  readonly threshold: number;
  private readonly isPlain: boolean;

  constructor(options: ReLUOptions = {}) {
    super(options);
    const { maxValue = null, negativeSlope = 0, threshold = 0 } = options;
    this.maxValue = maxValue === null ? null : numberOption('ReLU', 'maxValue', maxValue, 0);
    this.negativeSlope = numberOption('ReLU', 'negativeSlope', negativeSlope, 0);
    this.threshold = numberOption('ReLU', 'threshold', threshold, 0);
    this.isPlain = this.maxValue === null && this.negativeSlope === 0 && this.threshold === 0;
  }

  /** `new ReLU(config)`: rebuilds a layer from {@link ReLU.getConfig}. */
  static fromConfig(config: ReLUConfig): ReLU {
    return new ReLU(config);
  }

  override getConfig(): ReLUConfig {
    return { ...super.getConfig(), maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold };
  }

  /** `f(x) = min(x, m)` for `x > t`, else `α·(x − t)`; `max(0, x)` with the defaults. */
  protected activate(x: number): number {
    if (this.isPlain) return x < 0 ? 0 : x;
    if (x > this.threshold) return this.maxValue !== null && x > this.maxValue ? this.maxValue : x;
    return this.negativeSlope * (x - this.threshold);
  }

  /**
   * `f′(x) = 1` on the identity piece (`0 < y < m`), `α` below the threshold (`y < 0`), and `0`
   * where the output is clipped at `m` or zero (0 at the kinks, as TensorFlow).
   */
  protected derivative(y: number): number {
    if (y < 0) return this.negativeSlope;
    return y > 0 && (this.maxValue === null || y < this.maxValue) ? 1 : 0;
  }

  /** `out = max(0, x)` through the {@link relu} kernel (WebAssembly SIMD on the kernel heap) with the default options. */
  protected override activateAll(out: Tensor, x: Tensor): Tensor {
    return this.isPlain ? relu(out, x) : super.activateAll(out, x);
  }

  /** `dx = dy ⊙ [y > 0]` through the {@link reluBackward} kernel with the default options. */
  protected override backpropAll(dx: Tensor, dy: Tensor, y: Tensor): Tensor {
    return this.isPlain ? reluBackward(dx, dy, y) : super.backpropAll(dx, dy, y);
  }
}
