/**
 * {@link MergeLayer}: the base of layers that combine several inputs (Add, Concatenate, …).
 */
import { requireTensor } from '../../lib/checks';
import { ConfigError, ShapeError } from '../../lib/errors';
import { clone, dtypeOf, formatShape, toContiguous, type DType, type Shape, type Tensor } from '../../lib/tensor';
import { Layer, type MultiBackwardResult } from '../layer';

/**
 * The base of layers called on a list of inputs. The base checks every input against the
 * shape it was built for (naming the layer, the input's position and both shapes), converts
 * them to the layer's dtype, and enforces call order, as {@link Layer} does for one input.
 *
 * Subclasses implement `computeMergedShape` (the output shape of the inputs' shapes, which
 * also validates them), `callMany` (the forward math) and `backpropMany` (one gradient per
 * input, the derivative written beside it).
 *
 * Input: a list of `[batch, …]` tensors. Output: one `[batch, …]` tensor.
 */
export abstract class MergeLayer extends Layer {
  private inputSpecs: Shape[] = [];

  override get takesInputList(): boolean {
    return true;
  }

  /** A merge layer has no single-input form. @throws ConfigError always. */
  computeOutputShape(inputShape: Shape): Shape {
    void inputShape;
    throw new ConfigError(`${this.describe()}: takes a list of inputs; use computeOutputShapeOf([shapeA, shapeB, …])`);
  }

  /**
   * The output shape for the inputs' shapes.
   * @throws ConfigError for fewer inputs than the layer needs; ShapeError when the shapes cannot be merged.
   */
  override computeOutputShapeOf(inputShapes: readonly Shape[]): Shape {
    const [least, most] = this.inputCount();
    if (inputShapes.length < least || inputShapes.length > most) {
      const expected = least === most ? `${least}` : most === Infinity ? `at least ${least}` : `${least} to ${most}`;
      throw new ConfigError(`${this.describe()}: takes ${expected} inputs, got ${inputShapes.length}`);
    }
    return this.computeMergedShape(inputShapes);
  }

  /** Builds for the inputs' shapes: checks them and remembers each input's shape with any batch size. */
  override buildInputs(inputShapes: readonly Shape[], dtype: DType = 'float32'): void {
    if (this.built) return;
    this.computeOutputShapeOf(inputShapes);
    this.build(inputShapes[0], dtype);
    this.inputSpecs = inputShapes.map((s) => [null, ...s.slice(1)]);
  }

  /**
   * Runs the layer on its inputs; with `training` true it also caches what backward needs.
   * @throws ShapeError naming the layer, the input's position and both shapes.
   */
  override forwardInputs(inputs: readonly Tensor[], training = false): Tensor {
    inputs.forEach((x, k) => requireTensor(x, `${this.describe()}: input ${k}`));
    if (!this.built) this.buildInputs(inputs.map((x) => [null, ...x.shape.slice(1)]), dtypeOf(inputs[0]));
    if (inputs.length !== this.inputSpecs.length) {
      throw new ConfigError(`${this.describe()}: was built for ${this.inputSpecs.length} inputs, got ${inputs.length}`);
    }
    inputs.forEach((x, k) => this.checkInputShape(k, x.shape));
    const batch = inputs[0].shape[0];
    if (inputs.some((x) => x.shape[0] !== batch)) {
      throw new ShapeError(`${this.describe()}: inputs must have the same batch size, got ${inputs.map((x) => formatShape(x.shape)).join(', ')}`);
    }
    const xs = inputs.map((x) => (dtypeOf(x) === this.dtype ? toContiguous(x) : clone(x, this.dtype)));
    this.setForwardShape(null);
    const y = this.callMany(xs, training);
    if (training) this.setForwardShape(y.shape);
    return y;
  }

  /**
   * One gradient per input for `dOut = ∂loss/∂output`.
   * @throws StateError if no `forwardInputs(xs, true)` came first; ShapeError if `dOut` is not the output's shape.
   */
  override backwardInputs(dOut: Tensor, needInputGradients: readonly boolean[]): MultiBackwardResult {
    const g = this.checkDOut(dOut);
    return { dInputs: this.backpropMany(g, needInputGradients), grads: this.gradsByName() };
  }

  /** The `[least, most]` number of inputs the layer takes. The default is two or more. */
  protected inputCount(): readonly [number, number] {
    return [2, Infinity];
  }

  /** The output shape of the inputs' shapes (batch axes may be `null`); throws a ShapeError when they cannot be merged. */
  protected abstract computeMergedShape(inputShapes: readonly Shape[]): Shape;

  /** The forward math on contiguous inputs of the layer's dtype; returns a buffer the layer owns. */
  protected abstract callMany(inputs: readonly Tensor[], training: boolean): Tensor;

  /** The backward math: `∂loss/∂input_k` for each input (`null` where not needed), as buffers the layer owns. */
  protected abstract backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[];

  /** A merge layer's forward takes a list: use {@link MergeLayer.forwardInputs}. @throws ConfigError always. */
  override forward(x: Tensor): Tensor {
    void x;
    throw new ConfigError(`${this.describe()}: takes a list of inputs; call forwardInputs([a, b, …]) or use it in a Model`);
  }

  /** A merge layer has one gradient per input: use {@link MergeLayer.backwardInputs}. @throws ConfigError always. */
  override backward(dOut: Tensor): never {
    void dOut;
    throw new ConfigError(`${this.describe()}: has one gradient per input; call backwardInputs(dOut, [true, …])`);
  }

  /** Never reached: {@link MergeLayer.forward} throws first. */
  protected call(x: Tensor): Tensor {
    return this.forward(x);
  }

  /** Never reached: {@link MergeLayer.backward} throws first. */
  protected backprop(dOut: Tensor): Tensor | null {
    return this.backward(dOut);
  }

  private checkInputShape(k: number, shape: readonly number[]): void {
    const spec = this.inputSpecs[k];
    const ok = spec.length === shape.length && spec.every((d, i) => d === null || d === shape[i]) && shape[0] > 0;
    if (!ok) throw new ShapeError(`${this.describe()}: input ${k} does not match the shape the layer was built for: expected ${formatShape(spec)}, got ${formatShape(shape)}`);
  }
}
