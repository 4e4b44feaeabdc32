/** {@link Activation}: applies a named activation, as Keras's `Activation` layer. */
import type { Shape, Tensor } from '../lib/tensor';
import { getActivation, serializeActivation, type ActivationIdentifier, type SerializedActivation } from './activations';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of {@link Activation}. */
export interface ActivationOptions extends LayerOptions {
  /**
   * The activation: a name from the activations registry (`'relu'`, `'leakyRelu'`,
   * `'sigmoid'`, `'tanh'`, `'softmax'`, `'linear'`, `'elu'`, `'selu'`, `'gelu'`,
   * `'swish'`/`'silu'`, `'softplus'`, `'softsign'`, `'hardSigmoid'`; snake_case works too),
   * an activation layer (owned by this layer from then on), or its saved `{ className, config }`.
   */
  activation: ActivationIdentifier;
}

/** The JSON form of an {@link Activation}. */
export interface ActivationConfig extends LayerConfig {
  activation: string | SerializedActivation;
}

/**
 * `Y = f(X)` for the activation `f` named by `activation`, as Keras's `Activation('relu')`.
 * It holds the activation layer that the name resolves to (as Dense's `activation` option
 * does) and runs it: forward and backward are that layer's, so `dAPrev = dOut ⊙ f′(X)` for
 * the element-wise activations and the Jacobian-vector product for softmax.
 *
 * Input: `[batch, …]` (`[batch, …, classes]` for softmax). Output: the same shape.
 * @throws ConfigError for an unknown activation, listing the valid names.
 * @example
 * ```ts
 * new Activation({ activation: 'tanh' }).forward(tensor([[0, 1]])); // [[0, 0.7616]]
 * ```
 */
export class Activation extends Layer {
  static override readonly className: string = 'Activation';
  static override readonly optionKeys: readonly string[] = ['activation'];

  /** Element-wise along time: the input's mask passes on unchanged, as in Keras. */
  override get supportsMasking(): boolean {
    return true;
  }

  /** The activation layer this layer runs. */
  readonly activation: Layer;

  constructor(options: ActivationOptions = {} as ActivationOptions) {
    super(options);
    this.activation = getActivation(options.activation, { owner: 'Activation', name: `${this.name}_activation` });
  }

  /** `new Activation(config)`: rebuilds a layer from {@link Activation.getConfig}. */
  static fromConfig(config: ActivationConfig): Activation {
    return new Activation(config);
  }

  /** The activation's output shape: the input's. */
  computeOutputShape(inputShape: Shape): Shape {
    return this.activation.computeOutputShape(inputShape);
  }

  override getConfig(): ActivationConfig {
    return { ...super.getConfig(), activation: serializeActivation(this.activation) };
  }

  /** The activation's input check (softmax needs rank ≥ 2), then any batch size. */
  protected override inputSpec(inputShape: Shape): Shape {
    this.activation.computeOutputShape(inputShape);
    return super.inputSpec(inputShape);
  }

  /** `Y = f(X)` by the activation layer, which caches what its backward needs when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    return this.activation.forward(x, training);
  }

  /** The activation's own derivative: `dAPrev = f′ applied to dOut` (e.g. `dOut ⊙ f′(X)`). */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    return this.activation.backward(dOut, needDAPrev).dAPrev;
  }
}
