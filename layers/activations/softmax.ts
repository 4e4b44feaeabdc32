/** {@link Softmax}: turns each row of scores into a probability distribution. */
import { softmaxRows } from '../../lib/kernels';
import type { Shape, Tensor } from '../../lib/tensor';
import { Layer, type LayerConfig } from '../layer';
import { asRows, lastAxisInputSpec } from '../last-axis-input';

/**
 * Softmax over the last axis (any rank ≥ 2; the leading axes fold into rows): `y_ij = e^(x_ij) / Σ_k e^(x_ik)`, computed with the row
 * maximum subtracted so no exponential overflows. Each output row is positive and sums to 1,
 * and adding a constant to a row of `x` leaves it unchanged.
 *
 * Backward is the full Jacobian-vector product (not the fused softmax-plus-cross-entropy
 * shortcut, which belongs to `CategoricalCrossentropy({ fromLogits: true })`).
 *
 * Input: `[batch, …, classes]`. Output: the same shape.
 * @throws ShapeError for input of rank < 2.
 * @example
 * ```ts
 * new Softmax().forward(tensor([[0, 0]])); // [[0.5, 0.5]]
 * ```
 */
export class Softmax extends Layer {
  static override readonly className: string = 'Softmax';

  /** Element-wise along time: the input's mask passes on unchanged, as in Keras. */
  override get supportsMasking(): boolean {
    return true;
  }

  private output: Tensor | null = null;

  /** `new Softmax(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Softmax {
    return new Softmax(config);
  }

  /** Input: `[batch, …, classes]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    lastAxisInputSpec(this, inputShape);
    return inputShape.slice();
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return lastAxisInputSpec(this, inputShape);
  }

  /** `Y = softmax(X)` row by row into the reused output buffer; caches `Y` when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    const y = this.buffer('Y', x.shape);
    softmaxRows(asRows(y), asRows(x));
    this.output = training ? y : null;
    return y;
  }

  /**
   * The Jacobian of one row is `∂y_j/∂x_k = y_j·(δ_jk − y_k)`, so
   * `dAPrev_ik = Σ_j dOut_ij · y_ij·(δ_jk − y_ik) = y_ik · (dOut_ik − Σ_j dOut_ij·y_ij)`:
   * per row, `dZ_i = y_i ⊙ (dY_i − dY_i·y_i)`, with no `C×C` matrix formed.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const y = this.output as Tensor;
    const dAPrev = this.buffer('dAPrev', dOut.shape);
    const classes = dOut.shape[dOut.shape.length - 1];
    const rows = dOut.size / classes;
    const yd = y.data, gd = dOut.data, dd = dAPrev.data;
    let yp = y.offset, gp = dOut.offset, dp = dAPrev.offset;
    for (let i = 0; i < rows; i++, yp += classes, gp += classes, dp += classes) {
      let dotProduct = 0;
      for (let j = 0; j < classes; j++) dotProduct += gd[gp + j] * yd[yp + j];
      for (let j = 0; j < classes; j++) dd[dp + j] = yd[yp + j] * (gd[gp + j] - dotProduct);
    }
    return dAPrev;
  }
}
