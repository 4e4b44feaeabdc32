/**
 * {@link LastAxisActivation}: the shared plumbing of activations that map each vector along the
 * last axis to a vector of the same length (LogSoftmax, Sparsemax), so each file holds only the
 * per-vector forward and its Jacobian-vector product.
 */
import type { Shape, Tensor } from '../../lib/tensor';
import { Layer } from '../layer';

/**
 * An activation `y = f(x)` applied to each vector along the last axis, for input of any rank
 * (batch first): a `[batch, …, n]` input is `size/n` vectors of length `n`, each mapped
 * independently. When training, forward caches its output `Y`; backward computes each
 * `dx = J(x)ᵀ·dy` from the cached `y`.
 *
 * Subclasses implement `activateVector` and `backpropVector` on one vector at a given offset.
 */
export abstract class LastAxisActivation extends Layer {
  /** Element-wise along time: the input's mask passes on unchanged, as in Keras. */
  override get supportsMasking(): boolean {
    return true;
  }

  private output: Tensor | null = null;

  /** Input: any shape `[batch, …, n]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape.slice();
  }

  /** `Y = f(X)` vector by vector into the reused output buffer; caches `Y` when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    const y = this.buffer('Y', x.shape);
    const n = x.shape[x.shape.length - 1];
    for (let p = 0; p < x.size; p += n) this.activateVector(y.data, x.data, p, n);
    this.output = training ? y : null;
    return y;
  }

  /** `dAPrev = Jᵀ·dOut` vector by vector, from the cached `Y`. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const y = this.output as Tensor;
    const dAPrev = this.buffer('dAPrev', dOut.shape);
    const n = dOut.shape[dOut.shape.length - 1];
    for (let p = 0; p < dOut.size; p += n) this.backpropVector(dAPrev.data, dOut.data, y.data, p, n);
    return dAPrev;
  }

  /**
   * Writes `out[p .. p+n) = f(x[p .. p+n))` for one vector (every buffer here is contiguous
   * with offset 0: the base class hands `call` such an input).
   */
  protected abstract activateVector(out: Tensor['data'], x: Tensor['data'], p: number, n: number): void;

  /** Writes `dx[p .. p+n) = J(x)ᵀ·dy[p .. p+n)` for one vector, from the cached output `y[p .. p+n)`. */
  protected abstract backpropVector(dx: Tensor['data'], dy: Tensor['data'], y: Tensor['data'], p: number, n: number): void;
}
