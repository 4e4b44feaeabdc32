/** {@link PReLU}: the parametric ReLU, whose negative slope is learned per unit. */
import {
  getInitializer, serializeInitializer,
  type Initializer, type InitializerIdentifier, type SerializedInitializer,
} from '../../lib/initializers';
import type { DType, Shape, Tensor } from '../../lib/tensor';
import { Layer, type LayerConfig, type LayerOptions, type Param } from '../layer';

/** Options of {@link PReLU}. */
export interface PReLUOptions extends LayerOptions {
  /** How the slopes `α` start: a name, an Initializer or `{ className, config }`. @defaultValue 'zeros' (PReLU starts as ReLU, as in Keras) */
  alphaInitializer?: InitializerIdentifier;
}

/** The JSON form of a {@link PReLU}. */
export interface PReLUConfig extends LayerConfig {
  alphaInitializer: string | SerializedInitializer;
}

/**
 * `y = x` for `x ≥ 0`, `y = α·x` for `x < 0`, with one learned slope per unit: `α` (weight
 * name `alpha`) has the shape of one sample, `[features]` for `[batch, features]` input, and
 * is shared over the batch (He et al., 2015). Forward caches `min(X, 0)` when training.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @throws ConfigError for an unknown initializer (listing the valid names).
 * @example
 * ```ts
 * const prelu = new PReLU({ alphaInitializer: new Constant({ value: 0.25 }) });
 * prelu.forward(tensor([[-2, 3]])); // [[-0.5, 3]]
 * ```
 */
export class PReLU extends Layer {
  static override readonly className: string = 'PReLU';
  static override readonly optionKeys: readonly string[] = ['alphaInitializer'];

  /** How `α` starts. */
  readonly alphaInitializer: Initializer;

  private alpha: Param | null = null;
  /** `min(X, 0)` from the last training forward: the sign test and `∂y/∂α` in one buffer. */
  private negativePart: Tensor | null = null;

  constructor(options: PReLUOptions = {}) {
    super(options);
    this.alphaInitializer = getInitializer(options.alphaInitializer ?? 'zeros', 'PReLU');
  }

  /** `new PReLU(config)`: rebuilds a layer from {@link PReLU.getConfig}. */
  static fromConfig(config: PReLUConfig): PReLU {
    return new PReLU(config);
  }

  /** Input: `[batch, …]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape.slice();
  }

  override getConfig(): PReLUConfig {
    return { ...super.getConfig(), alphaInitializer: serializeInitializer(this.alphaInitializer) };
  }

  /** Declares `alpha` with the shape of one sample (the input shape without the batch axis). */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void dtype;
    this.alpha = this.addWeight('alpha', inputShape.slice(1), this.alphaInitializer);
  }

  /** `Y = X` where `X ≥ 0`, else `α ⊙ X` (α broadcast over the batch); caches `min(X, 0)` when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    const alpha = (this.alpha as Param).value;
    const y = this.buffer('Y', x.shape);
    const neg = training ? this.buffer('negativePart', x.shape) : null;
    const units = alpha.size;
    const rows = x.size / units;
    const xd = x.data, yd = y.data, ad = alpha.data, nd = neg ? neg.data : null;
    // Own buffers are contiguous from offset 0, so q indexes Y and the cache alike.
    for (let i = 0, xp = x.offset, q = 0; i < rows; i++) {
      for (let j = 0; j < units; j++, xp++, q++) {
        const v = xd[xp];
        yd[q] = v < 0 ? ad[j] * v : v;
        if (nd) nd[q] = v < 0 ? v : 0;
      }
    }
    this.negativePart = neg;
    return y;
  }

  /**
   * With `y_ij = x_ij` for `x_ij ≥ 0` and `α_j·x_ij` otherwise:
   * - `∂L/∂α_j = Σ_i dOut_ij · min(x_ij, 0)`, summed over the batch since `α` is shared;
   * - `∂L/∂x_ij = dOut_ij · (α_j if x_ij < 0, else 1)` (slope 1 taken at the kink `x = 0`).
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const alpha = this.alpha as Param;
    const neg = this.negativePart as Tensor;
    const units = alpha.value.size;
    const rows = dOut.size / units;
    const gd = dOut.data, nd = neg.data, ad = alpha.value.data, dAlpha = alpha.grad.data;
    dAlpha.fill(0);
    const dAPrev = needDAPrev ? this.buffer('dAPrev', dOut.shape) : null;
    for (let i = 0, gp = dOut.offset, q = 0; i < rows; i++) {
      for (let j = 0; j < units; j++, gp++, q++) {
        const g = gd[gp];
        const v = nd[q];
        dAlpha[j] += g * v;
        if (dAPrev) dAPrev.data[q] = v < 0 ? g * ad[j] : g;
      }
    }
    return dAPrev;
  }
}
