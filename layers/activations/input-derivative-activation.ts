/**
 * {@link InputDerivativeActivation}: the shared plumbing of element-wise activations whose
 * derivative cannot be written in terms of their output (GELU, Swish).
 */
import { map, zipWith } from '../../lib/kernels';
import type { Shape, Tensor } from '../../lib/tensor';
import { Layer } from '../layer';

/**
 * An activation `y = f(x)` applied to every element, for input of any rank (batch first),
 * whose slope `f′` is a function of `x` but not of `y` (GELU and Swish are not monotonic, so
 * `y` does not determine `x`). When training, forward evaluates `f′(x)` beside `f(x)` and
 * caches the slopes in a buffer of its own; backward is then `dAPrev = dOut ⊙ f′(X)`. Like
 * {@link ElementwiseActivation}, it keeps no reference to another layer's buffer.
 *
 * Subclasses implement `activate` (`f`) and `derivative` (`f′` as a function of `x`).
 */
export abstract class InputDerivativeActivation extends Layer {
  /** Element-wise along time: the input's mask passes on unchanged, as in Keras. */
  override get supportsMasking(): boolean {
    return true;
  }

  private slopes: Tensor | null = null;
  private readonly activateElement = (x: number): number => this.activate(x);
  private readonly derivativeElement = (x: number): number => this.derivative(x);
  private readonly backpropElement = (g: number, slope: number): number => g * slope;

  /** Input: any shape `[batch, …]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape.slice();
  }

  /** `Y = f(X)` into the reused output buffer; when training, also `f′(X)` into the slope buffer. */
  protected call(x: Tensor, training: boolean): Tensor {
    const y = map(this.buffer('Y', x.shape), x, this.activateElement);
    this.slopes = training ? map(this.buffer('slopes', x.shape), x, this.derivativeElement) : null;
    return y;
  }

  /** Chain rule, element by element: `dAPrev = dOut ⊙ f′(X)`, with `f′(X)` cached by forward. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    return zipWith(this.buffer('dAPrev', dOut.shape), dOut, this.slopes as Tensor, this.backpropElement);
  }

  /** `f(x)` for one element. */
  protected abstract activate(x: number): number;

  /** `f′(x)` for one element, from its input `x`. */
  protected abstract derivative(x: number): number;
}
