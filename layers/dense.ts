/** {@link Dense}: the fully connected layer `Z = X·W + b`, optionally followed by an activation. */
import { formatJson } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import {
  getInitializer, serializeInitializer,
  type Initializer, type InitializerIdentifier, type SerializedInitializer,
} from '../lib/initializers';
import { addBias, kernelZeros, matmul, sumColumns } from '../lib/kernels';
import {
  getRegularizer, serializeRegularizer,
  type Regularizer, type RegularizerIdentifier, type SerializedRegularizer,
} from '../lib/regularizers';
import { copyInto, type DType, type Shape, type Tensor } from '../lib/tensor';
import {
  getActivation, Linear, serializeActivation,
  type ActivationIdentifier, type SerializedActivation,
} from './activations';
import { Layer, type LayerConfig, type LayerOptions, type Param, type WeightShape } from './layer';
import { matrixInputSpec } from './matrix-input';

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
 *
 * Input: `[batch, inDim]`. Output: `[batch, units]`.
 *
 * @throws ConfigError for `units` that is not a positive integer, an unknown activation,
 * initializer or regularizer (listing the valid names), or a non-boolean `useBias`.
 * @throws ShapeError from forward for input that is not `[batch, inDim]` (rank > 2 suggests Flatten).
 * @example
 * ```ts
 * const dense = new Dense({ units: 3, activation: 'relu', inputShape: [4] });
 * const y = dense.forward(tensor([[1, 2, 3, 4]]), true); // [1, 3]
 * const { dAPrev, grads } = dense.backward(tensor([[1, 0, -1]])); // grads.dW: [4, 3], grads.db: [3]
 * ```
 */
export class Dense extends Layer {
  static override readonly className: string = 'Dense';

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
  private paramList: Param[] = [];
  private X: Tensor | null = null;

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

  /** Input: `[batch, inDim]`. Output: `[batch, units]`. */
  computeOutputShape(inputShape: Shape): Shape {
    matrixInputSpec(this, inputShape);
    return [inputShape[0], this.units];
  }

  /** `[W, b]` (or `[W]` without bias), as TensorFlow.js orders a Dense's weights; empty before build. */
  override params(): Param[] {
    return this.paramList.slice();
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

  /**
   * `kernelRegularizer.penalty(W) + biasRegularizer.penalty(b)` for the current weights; 0
   * without regularizers or when the layer is not trainable (Keras counts only trainable weights).
   */
  override regularizationLoss(): number {
    if (!this.trainable) return 0;
    const [W, b] = this.paramList;
    let penalty = 0;
    if (W && this.kernelRegularizer) penalty += this.kernelRegularizer.penalty(W.value);
    if (b && this.biasRegularizer) penalty += this.biasRegularizer.penalty(b.value);
    return penalty;
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return matrixInputSpec(this, inputShape);
  }

  /**
   * Creates `W: [inDim, units]` and `b: [units]` from the initializers, with zeroed gradients,
   * all in the kernel heap where there is one (`kernelZeros`), so the products use them in place.
   */
  /** `kernel` `[inDim, units]`, then `bias` `[units]` when `useBias`. */
  override weightShapes(inputShape: Shape | null): WeightShape[] {
    const inDim = inputShape === null ? null : inputShape[inputShape.length - 1];
    return [{ weightName: 'kernel', shape: [inDim, this.units] }, ...(this.useBias ? [{ weightName: 'bias', shape: [this.units] }] : [])];
  }

  protected override createParams(inputShape: Shape, dtype: DType): void {
    const shapeW = [inputShape[1] as number, this.units];
    const value = copyInto(kernelZeros(shapeW, dtype), this.kernelInitializer.init(shapeW, dtype));
    const W: Param = { name: 'W', weightName: 'kernel', value, grad: kernelZeros(shapeW, dtype) };
    this.paramList = [W];
    if (this.useBias) {
      const bias = copyInto(kernelZeros([this.units], dtype), this.biasInitializer.init([this.units], dtype));
      this.paramList.push({ name: 'b', weightName: 'bias', value: bias, grad: kernelZeros([this.units], dtype) });
    }
  }

  /** `Z = X·W + b` into the reused `[batch, units]` buffer, then the activation; caches `X` when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    const [W, b] = this.paramList;
    const Z = matmul(this.buffer('Z', [x.shape[0], this.units]), x, W.value);
    if (b) addBias(Z, Z, b.value);
    this.X = training ? x : null;
    return this.composed ? this.composed.forward(Z, training) : Z;
  }

  /**
   * With `Z = X·W + b` and `dZ = ∂L/∂Z` (from the activation's backward, or `dOut` itself):
   * - `∂L/∂W_kj = Σ_i X_ik·dZ_ij`, so `dW = Xᵀ·dZ` (`[inDim, units]`);
   * - `∂L/∂b_j = Σ_i dZ_ij`, so `db` is the column sums of `dZ` (`[units]`);
   * - `∂L/∂X_ik = Σ_j dZ_ij·W_kj`, so `dAPrev = dZ·Wᵀ` (`[batch, inDim]`), only when needed;
   * - a regularizer adds its penalty's gradient, e.g. `2λ·W` for `l2(λ)`, to `dW` (and `db`),
   *   since the reported loss includes the penalty (only while the layer is trainable).
   * The transposes are zero-copy views fed to the stride-aware matmul.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const dZ = this.composed ? (this.composed.backward(dOut).dAPrev as Tensor) : dOut;
    const X = this.X as Tensor;
    const [W, b] = this.paramList;
    matmul(W.grad, X.transpose(1, 0), dZ);
    if (b) sumColumns(b.grad, dZ);
    if (this.trainable && this.kernelRegularizer) this.kernelRegularizer.addGradient(W.grad, W.value);
    if (this.trainable && b && this.biasRegularizer) this.biasRegularizer.addGradient(b.grad, b.value);
    if (!needDAPrev) return null;
    return matmul(this.buffer('dAPrev', X.shape), dZ, W.value.transpose(1, 0));
  }
}
