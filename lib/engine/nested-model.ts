/**
 * {@link NestedModel}: a model used as a layer of another model (Keras's `model(x)` inside a
 * functional graph): its graph's forward and backward passes become one layer call.
 */
import { ConfigError } from '../errors';
import { formatShape, type DType, type Shape, type Tensor } from '../tensor';
import { Layer, type BackwardResult, type MultiBackwardResult, type NonTrainableWeight, type Param } from '../../layers/layer';
import type { Graph } from './graph';

/**
 * The layer a model becomes when it is called on symbolic tensors (`model.apply(x)`): forward
 * runs the inner graph's forward pass; backward runs its backward pass from `dOut` and returns
 * the gradient of each input, having filled the inner layers' parameter gradients. Its
 * parameters are the inner layers', so the outer model's optimizer trains them.
 *
 * Input: the inner model's inputs. Output: its one output.
 */
export class NestedModel extends Layer {
  static override readonly className: string = 'Model';

  /**
   * @param graph - the inner model's graph.
   * @param innerLayers - the inner model's layers that hold weights (its call order).
   * @throws ConfigError for a model of several outputs (a layer has one output).
   */
  constructor(name: string, private readonly graph: Graph, private readonly innerLayers: readonly Layer[]) {
    super({ name });
    if (graph.outputSlots.length !== 1) {
      throw new ConfigError(`Model '${name}': a model used as a layer must have one output, it has ${graph.outputSlots.length}`);
    }
  }

  /** True when the inner model has several inputs. */
  override get takesInputList(): boolean {
    return this.graph.inputSlots.length > 1;
  }

  /** The inner model's output shape for its one input. */
  computeOutputShape(inputShape: Shape): Shape {
    return this.computeOutputShapeOf([inputShape]);
  }

  /**
   * The inner model's output shape, after checking the inputs against its input shapes.
   * @throws ConfigError for the wrong number of inputs; ShapeError naming the input and both shapes.
   */
  override computeOutputShapeOf(inputShapes: readonly Shape[]): Shape {
    const expected = this.graph.inputSlots.map((slot) => this.graph.shapes[slot]);
    if (inputShapes.length !== expected.length) throw new ConfigError(`${this.describe()}: takes ${expected.length} inputs, got ${inputShapes.length}`);
    inputShapes.forEach((shape, k) => {
      const spec = expected[k];
      const ok = spec.length === shape.length && spec.every((d, i) => i === 0 || d === null || shape[i] === null || d === shape[i]);
      if (!ok) throw new ConfigError(`${this.describe()}: input ${k} must be ${formatShape(spec)}, got ${formatShape(shape)}`);
    });
    return this.graph.shapes[this.graph.outputSlots[0]];
  }

  /** Checks the inputs' shapes; the inner layers are built already. */
  override buildInputs(inputShapes: readonly Shape[], dtype: DType = 'float32'): void {
    this.computeOutputShapeOf(inputShapes);
    this.build(inputShapes[0], dtype);
  }

  /** The inner graph's forward pass on one input. */
  override forward(x: Tensor, training = false): Tensor {
    return this.forwardInputs([x], training);
  }

  /** The inner graph's forward pass: `y = model(x₁, …)`. */
  override forwardInputs(inputs: readonly Tensor[], training = false): Tensor {
    return this.graph.forward(inputs, training)[0];
  }

  /** The inner graph's backward pass from `dOut`, for one input. */
  override backward(dOut: Tensor, needDAPrev = true): BackwardResult {
    const { dInputs, grads } = this.backwardInputs(dOut, [needDAPrev]);
    return { dAPrev: dInputs[0], grads };
  }

  /**
   * The inner graph's backward pass: the chain rule through every inner call, filling the inner
   * layers' parameter gradients, down to `∂L/∂x_k` for each input.
   */
  override backwardInputs(dOut: Tensor, needInputGradients: readonly boolean[]): MultiBackwardResult {
    const dInputs = this.graph.backward([dOut], true);
    return { dInputs: dInputs.map((d, k) => (needInputGradients[k] ? d : null)), grads: {} };
  }

  /** The inner layers' parameters. */
  override params(): Param[] {
    return this.innerLayers.flatMap((l) => l.params());
  }

  /** The inner layers' trainable parameters, none when this layer is not trainable. */
  override trainableParams(): Param[] {
    return this.trainable ? this.innerLayers.flatMap((l) => l.trainableParams()) : [];
  }

  /** The inner layers' non-trainable weights. */
  override nonTrainableWeights(): NonTrainableWeight[] {
    return this.innerLayers.flatMap((l) => l.nonTrainableWeights());
  }

  /** The inner layers' penalties. */
  override regularizationLoss(): number {
    return this.innerLayers.reduce((sum, l) => sum + l.regularizationLoss(), 0);
  }

  /** @internal A nested model is called once per graph. @throws ConfigError always. */
  override callInstance(): Layer {
    throw new ConfigError(`${this.describe()}: a model used as a layer can be called once in a graph (call its layers again to share them)`);
  }

  /** Never reached: forward runs the inner graph. */
  protected call(x: Tensor): Tensor {
    return this.forward(x);
  }

  /** Never reached: backward runs the inner graph. */
  protected backprop(dOut: Tensor): Tensor | null {
    return this.backward(dOut).dAPrev;
  }
}
