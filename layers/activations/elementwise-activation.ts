/**
 * {@link ElementwiseActivation}: the shared plumbing of activations applied element by element
 * (ReLU, LeakyReLU, Sigmoid, Tanh, Linear), so each of those files holds only `f` and `f′`.
 */
import { map, zipWith } from '../../lib/kernels';
import type { Shape, Tensor } from '../../lib/tensor';
import { Layer } from '../layer';

/**
 * An activation `y = f(x)` applied to every element, for input of any rank (batch first);
 * the output has the input's shape. When training, forward caches its output `Y`, and backward
 * computes `dAPrev = dOut ⊙ f′(x)` with `f′` written in terms of `y = f(x)`, which every
 * built-in activation allows (and which keeps no reference to another layer's buffer).
 *
 * Subclasses implement `activate` (`f`) and `derivative` (`f′` as a function of `y`).
 */
export abstract class ElementwiseActivation extends Layer {
  /** Element-wise along time: the input's mask passes on unchanged, as in Keras. */
  override get supportsMasking(): boolean {
    return true;
  }

  private output: Tensor | null = null;
  private readonly activateElement = (x: number): number => this.activate(x);
  private readonly backpropElement = (g: number, y: number): number => g * this.derivative(y);

  /** Input: any shape `[batch, …]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape.slice();
  }

  /** `Y = f(X)` element by element into the reused output buffer; caches `Y` when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    const y = this.activateAll(this.buffer('Y', x.shape), x);
    this.output = training ? y : null;
    return y;
  }

  /** Chain rule, element by element: `dAPrev = dOut ⊙ f′(X)`, with `f′(X)` read from the cached `Y`. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    return this.backpropAll(this.buffer('dAPrev', dOut.shape), dOut, this.output as Tensor);
  }

  /**
   * `out = f(x)` over every element (`out` and `x` contiguous, equal sizes). A subclass with a
   * dedicated kernel overrides it; it must compute exactly `activate` element by element.
   */
  protected activateAll(out: Tensor, x: Tensor): Tensor {
    return map(out, x, this.activateElement);
  }

  /**
   * `dx = dy ⊙ f′` over every element, with `f′` from the cached output `y`. A subclass with a
   * dedicated kernel overrides it; it must compute exactly `dy · derivative(y)` element by
   * element (up to the sign of a zero).
   */
  protected backpropAll(dx: Tensor, dy: Tensor, y: Tensor): Tensor {
    return zipWith(dx, dy, y, this.backpropElement);
  }

  /** `f(x)` for one element. */
  protected abstract activate(x: number): number;

  /** `f′(x)` for one element, given its output `y = f(x)`. */
  protected abstract derivative(y: number): number;
}
