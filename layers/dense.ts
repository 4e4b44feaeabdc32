/** {@link Dense}: the fully connected layer `Z = X·W + b`, optionally followed by an activation. */
import { formatJson } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import {
  getInitializer, serializeInitializer,
  type Initializer, type InitializerIdentifier, type SerializedInitializer,
} from '../lib/initializers';
import { addBias, matmul, sumColumns } from '../lib/kernels';
import {
  getRegularizer, serializeRegularizer,
  type Regularizer, type RegularizerIdentifier, type SerializedRegularizer,
} from '../lib/regularizers';
import type { DType, Shape, Tensor } from '../lib/tensor';
import {
  getActivation, Linear, serializeActivation,
  type ActivationIdentifier, type SerializedActivation,
} from './activations';
import { Layer, type LayerConfig, type LayerOptions, type Param } from './layer';
import { asRows, lastAxisInputSpec } from './last-axis-input';

/** Options of {@link Dense}. */
export interface DenseOptions extends LayerOptions {
  /** The number of output units (columns of `W`); a positive integer. */
  units: number;
  /**
   * The activation applied to `Z`: a name (`'relu'`, `'leakyRelu'`, `'sigmoid'`, `'tanh'`,
   * `'softmax'`, `'linear'`, `'elu'`, `'selu'`, `'gelu'`, `'swish'`/`'silu'`, `'softplus'`,
   * `'softsign'`, `'hardSigmoid'`), an activation layer (owned by this Dense from then on: do not
   * also add it to a model), or its saved `{ className, config }`. @defaultValue 'linear'
   */
  activation?: ActivationIdentifier;
  /** Whether to add the bias `b`. @defaultValue true */
  useBias?: boolean;
  /** How `W` starts: a name, an Initializer or `{ className, config }`. @defaultValue 'glorotUniform' */
  kernelInitializer?: InitializerIdentifier;
  /** How `b` starts: a name, an Initializer or `{ className, config }`. @defaultValue 'zeros' */
  biasInitializer?: InitializerIdentifier;
  /** A penalty on `W` added to the loss (`l2(1e-4)`, `'l2'`, `{ className, config }`). @defaultValue none */
  kernelRegularizer?: RegularizerIdentifier;
  /** A penalty on `b` added to the loss. @defaultValue none */
  biasRegularizer?: RegularizerIdentifier;
}

/** The JSON form of a {@link Dense}: its options with defaults resolved. */
export interface DenseConfig extends LayerConfig {
  units: number;
  activation: string | SerializedActivation;
  useBias: boolean;
  kernelInitializer: string | SerializedInitializer;
  biasInitializer: string | SerializedInitializer;
  /** Present only when a kernel regularizer was given. */
  kernelRegularizer?: SerializedRegularizer;
  /** Present only when a bias regularizer was given. */
  biasRegularizer?: SerializedRegularizer;
}

/**
 * A fully connected layer: `Z = X·W + b`, then `Y = activation(Z)`.
 *
 * `W` (weight name `kernel`) is `[inDim, units]` as in Keras and TensorFlow.js (PyTorch stores
 * the transpose), `b` (`bias`) is `[units]`. `W` is created lazily from the first input's
 * width, or at once from `inputShape`. The activation is a layer held inside this Dense, never
 * a hidden layer inserted into the model. Forward caches `X` (by reference) when training.
 * On input of rank > 2 it acts on the last axis, as Keras's Dense does: the leading axes fold
 * into rows (a zero-copy view), so the math is the rank-2 math on `[batch·…, inDim]`.
 *
 * Input: `[batch, …, inDim]`. Output: `[batch, …, units]`.
 *
 * @throws ConfigError for `units` that is not a positive integer, an unknown activation,
 * initializer or regularizer (listing the valid names), or a non-boolean `useBias`.
 * @throws ShapeError from forward for input whose last axis is not `inDim`.
 * @example
 * ```ts
 * const dense = new Dense({ units: 3, activation: 'relu', inputShape: [4] });
 * const y = dense.forward(tensor([[1, 2, 3, 4]]), true); // [1, 3]
 * const { dAPrev, grads } = dense.backward(tensor([[1, 0, -1]])); // grads.dW: [4, 3], grads.db: [3]
 * ```
 */
export class Dense extends Layer {
  static override readonly className: string = 'Dense';
  static override readonly optionKeys: readonly string[] = ['units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer', 'kernelRegularizer', 'biasRegularizer'];

  /** Element-wise along time: the input's mask passes on unchanged, as in Keras. */
  override get supportsMasking(): boolean {
    return true;
  }

  /** The number of output units. */
  readonly units: number;
  /** Whether the layer has a bias. */
  readonly useBias: boolean;
  /** The activation layer applied to `Z` (a {@link Linear} for none). */
  readonly activation: Layer;
  /** How `W` starts. */
  readonly kernelInitializer: Initializer;
  /** How `b` starts. */
  readonly biasInitializer: Initializer;
  /** The penalty on `W`, or `null`. */
  readonly kernelRegularizer: Regularizer | null;
  /** The penalty on `b`, or `null`. */
  readonly biasRegularizer: Regularizer | null;

  /** The activation that forward runs, or `null` for linear (nothing to run). */
  private readonly composed: Layer | null;
  private W: Param | null = null;
  private b: Param | null = null;
  /** The input as rows `[batch·…, inDim]`, cached by a training forward. */
  private X: Tensor | null = null;
  /** The input's own shape, cached with `X`. */
  private inputShapeSeen: readonly number[] = [];

  constructor(options: DenseOptions = {} as DenseOptions) {
    super(options);
    const {
      units, activation = 'linear', useBias = true, kernelInitializer = 'glorotUniform', biasInitializer = 'zeros',
    } = options;
    if (typeof units !== 'number' || !Number.isInteger(units) || units <= 0) {
      throw new ConfigError(`Dense: units must be a positive integer, got ${typeof units === 'number' ? String(units) : formatJson(units)}`);
    }
    if (typeof useBias !== 'boolean') {
      throw new ConfigError(`Dense: useBias must be a boolean, got ${formatJson(useBias)}`);
    }
    this.units = units;
    this.useBias = useBias;
    this.activation = getActivation(activation, { owner: 'Dense', name: `${this.name}_activation` });
    this.composed = this.activation instanceof Linear ? null : this.activation;
    this.kernelInitializer = getInitializer(kernelInitializer, 'Dense');
    this.biasInitializer = getInitializer(biasInitializer, 'Dense');
    this.kernelRegularizer = options.kernelRegularizer === undefined ? null : getRegularizer(options.kernelRegularizer, 'Dense');
    this.biasRegularizer = options.biasRegularizer === undefined ? null : getRegularizer(options.biasRegularizer, 'Dense');
  }

  /** `new Dense(config)`: rebuilds a layer from {@link Dense.getConfig}. */
  static fromConfig(config: DenseConfig): Dense {
    return new Dense(config);
  }

  /** Input: `[batch, …, inDim]`. Output: `[batch, …, units]`. */
  computeOutputShape(inputShape: Shape): Shape {
    lastAxisInputSpec(this, inputShape);
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): DenseConfig {
    const config: DenseConfig = {
      ...super.getConfig(),
      units: this.units,
      activation: serializeActivation(this.activation),
      useBias: this.useBias,
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
    };
    if (this.kernelRegularizer) config.kernelRegularizer = serializeRegularizer(this.kernelRegularizer);
    if (this.biasRegularizer) config.biasRegularizer = serializeRegularizer(this.biasRegularizer);
    return config;
  }


  protected override inputSpec(inputShape: Shape): Shape {
    return lastAxisInputSpec(this, inputShape);
  }

  /** Declares `kernel` `W: [inDim, units]` and, with `useBias`, `bias` `b: [units]`, from the initializers. */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void dtype;
    const inDim = inputShape[inputShape.length - 1];
    this.W = this.addWeight('kernel', [inDim, this.units], this.kernelInitializer, { mathName: 'W', regularizer: this.kernelRegularizer });
    this.b = this.useBias ? this.addWeight('bias', [this.units], this.biasInitializer, { mathName: 'b', regularizer: this.biasRegularizer }) : null;
  }

  /** `Z = X·W + b` into the reused `[batch, …, units]` buffer, then the activation; caches `X` when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    const W = this.W as Param;
    const Z = this.buffer('Z', [...x.shape.slice(0, -1), this.units]);
    const X = asRows(x);
    const Zrows = asRows(Z);
    matmul(Zrows, X, W.value);
    if (this.b) addBias(Zrows, Zrows, this.b.value);
    this.X = training ? X : null;
    this.inputShapeSeen = x.shape;
    return this.composed ? this.composed.forward(Z, training) : Z;
  }

  /**
   * With `Z = X·W + b` and `dZ = ∂L/∂Z` (from the activation's backward, or `dOut` itself):
   * - `∂L/∂W_kj = Σ_i X_ik·dZ_ij`, so `dW = Xᵀ·dZ` (`[inDim, units]`);
   * - `∂L/∂b_j = Σ_i dZ_ij`, so `db` is the column sums of `dZ` (`[units]`);
   * - `∂L/∂X_ik = Σ_j dZ_ij·W_kj`, so `dAPrev = dZ·Wᵀ` (`[batch, inDim]`), only when needed;
   * - a regularizer's penalty gradient, e.g. `2λ·W` for `l2(λ)`, is added to `dW` (and `db`) by
   *   the base class, which the regularizers are declared with (`addWeight`).
   * The transposes are zero-copy views fed to the stride-aware matmul.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const dZ = asRows(this.composed ? (this.composed.backward(dOut).dAPrev as Tensor) : dOut);
    const X = this.X as Tensor;
    const W = this.W as Param;
    const b = this.b;
    matmul(W.grad, X.transpose(1, 0), dZ);
    if (b) sumColumns(b.grad, dZ);
    if (!needDAPrev) return null;
    const dAPrev = this.buffer('dAPrev', this.inputShapeSeen);
    matmul(asRows(dAPrev), dZ, W.value.transpose(1, 0));
    return dAPrev;
  }
}
