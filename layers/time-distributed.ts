/** {@link TimeDistributed}: applies one layer to every time step of a sequence, with shared weights. */
import { formatJson, isInstance, isReadableObject } from '../lib/checks';
import { ConfigError, ShapeError } from '../lib/errors';
import { formatShape, reshape, type DType, type Shape, type Tensor } from '../lib/tensor';
import { disposeObject } from './disposal';
import { Layer, type LayerConfig, type LayerOptions, type NonTrainableWeight, type Param, type WeightShape } from './layer';
import { layers } from './layer-registry';

/** A layer in its saved form: its class name and its `getConfig()` (Keras's nested layer config). */
export interface SerializedLayer {
  className: string;
  config?: object;
}

/** Options of {@link TimeDistributed}. */
export interface TimeDistributedOptions extends LayerOptions {
  /**
   * The layer applied to each time step: a layer of one input (owned by this wrapper from then
   * on: do not also add it to a model), or its saved `{ className, config }`.
   */
  layer: Layer | SerializedLayer;
}

/** The JSON form of a {@link TimeDistributed}. */
export interface TimeDistributedConfig extends LayerConfig {
  layer: SerializedLayer;
}

/**
 * Keras's `TimeDistributed`: the inner layer `f` applied to each step of `X` (`[batch, time, …]`)
 * with the same weights, `Y_{b,t} = f(X_{b,t})`. The time axis folds into the batch, so `f`
 * runs once on `[batch·time, …]` (a zero-copy view of the contiguous input) and its output is
 * viewed back as `[batch, time, …out]`.
 *
 * Backward: the steps are independent samples of `f`, so `dOut` is viewed as
 * `[batch·time, …out]`, `f`'s backward gives `dAPrev` (viewed back as `[batch, time, …]`) and
 * fills its parameter gradients, which sum over every step (`dW = Σ_{b,t} ∂L/∂W` through step
 * `(b, t)`), exactly what `f`'s backward over the folded batch computes.
 *
 * The inner layer's weights are this layer's: `params()`, saved weights (`time_distributed_1/kernel`
 * for a Dense, as TensorFlow.js names them) and the regularization loss. The input's mask passes on.
 *
 * Input: `[batch, time, …]` (rank ≥ 3). Output: `[batch, time, …]` with the inner layer's output axes.
 * @throws ConfigError for a `layer` that is neither a layer nor `{ className, config }`, an
 * unknown class name, or a layer of several inputs.
 * @throws ShapeError for input of rank < 3, or what the inner layer rejects.
 * @example
 * ```ts
 * const perStep = new TimeDistributed({ layer: new Dense({ units: 8 }), inputShape: [10, 16] });
 * perStep.forward(tensor(…)); // [batch, 10, 8]
 * ```
 */
export class TimeDistributed extends Layer {
  static override readonly className: string = 'TimeDistributed';
  static override readonly optionKeys: readonly string[] = ['layer'];

  /** The layer applied to each time step. */
  readonly layer: Layer;

  constructor(options: TimeDistributedOptions = {} as TimeDistributedOptions) {
    super(options);
    this.layer = resolveLayer(options.layer);
  }

  /** `new TimeDistributed(config)`: rebuilds the wrapper and its inner layer (through the `layers` registry). */
  static fromConfig(config: TimeDistributedConfig): TimeDistributed {
    return new TimeDistributed(config);
  }

  /** Per-step: the input's mask passes on unchanged, as in Keras. */
  override get supportsMasking(): boolean {
    return true;
  }

  /** Input: `[batch, time, …]`. Output: `[batch, time, …]` with the inner layer's output axes. */
  computeOutputShape(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    const inner = this.layer.computeOutputShape(foldTime(inputShape));
    return [inputShape[0], inputShape[1], ...inner.slice(1)];
  }

  override getConfig(): TimeDistributedConfig {
    return { ...super.getConfig(), layer: { className: this.layer.className, config: this.layer.getConfig() } };
  }

  /** The inner layer's parameters. */
  override params(): Param[] {
    return this.layer.params();
  }

  /** The inner layer's trainable parameters, none when this wrapper is not trainable. */
  override trainableParams(): Param[] {
    return this.trainable ? this.layer.trainableParams() : [];
  }

  /** The inner layer's non-trainable weights. */
  override nonTrainableWeights(): NonTrainableWeight[] {
    return this.layer.nonTrainableWeights();
  }

  /** The inner layer's weights for its input `[batch·time, …]`. */
  override weightShapes(inputShape: Shape | null): WeightShape[] | null {
    return this.layer.weightShapes(inputShape !== null && inputShape.length >= 3 ? foldTime(inputShape) : null);
  }

  /** The inner layer's penalty, 0 when this wrapper is not trainable. */
  override regularizationLoss(): number {
    return this.trainable ? this.layer.regularizationLoss() : 0;
  }

  /**
   * @internal A wrapper around a call instance of the inner layer, which shares its weights
   * (see {@link Layer.callInstance}).
   */
  override callInstance(inputShapes: readonly Shape[], index: number): Layer {
    const inner = this.layer.callInstance([foldTime(inputShapes[0])], index);
    const twin = new TimeDistributed({ layer: inner, name: `${this.name}/call_${index}`, trainable: this.trainable });
    twin.build(inputShapes[0], this.dtype);
    return twin;
  }

  /**
   * Disposes the inner layer (which frees its weights, or only its own gradients for a call
   * instance of a shared layer); the wrapper itself owns no tensor.
   */
  override dispose(): void {
    disposeObject(this, this.describe(), [], ['describe', 'getConfig', 'constructorName']);
  }

  /** Any batch and time, the build shape's other axes (the inner layer checks them too). */
  protected override inputSpec(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    return [null, null, ...inputShape.slice(2)];
  }

  /** Builds the inner layer for `[batch·time, …]`. */
  protected override afterBuild(inputShape: Shape, dtype: DType): void {
    this.layer.build(foldTime(inputShape), dtype);
  }

  /** `Y = f(X as [batch·time, …])` viewed as `[batch, time, …out]`. */
  protected call(x: Tensor, training: boolean): Tensor {
    const [n, steps] = x.shape;
    const y = this.layer.forward(reshape(x, [n * steps, ...x.shape.slice(2)]), training);
    return reshape(y, [n, steps, ...y.shape.slice(1)]);
  }

  /** `dAPrev = f.backward(dOut as [batch·time, …out])` viewed as `[batch, time, …]`; `f` fills its parameter gradients. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const [n, steps] = dOut.shape;
    const { dAPrev } = this.layer.backward(reshape(dOut, [n * steps, ...dOut.shape.slice(2)]), needDAPrev);
    return dAPrev === null ? null : reshape(dAPrev, [n, steps, ...dAPrev.shape.slice(1)]);
  }

  /** @throws ShapeError for input of rank < 3. */
  private checkRank(inputShape: Shape): void {
    if (inputShape.length < 3) {
      throw new ShapeError(`${this.describe()}: input must be [batch, time, …] of rank at least 3: expected [?, ?, ?], got ${formatShape(inputShape)}`);
    }
  }
}

/**
 * How deep wrappers may nest (a TimeDistributed of a TimeDistributed of …): far more than any
 * model needs, and few enough that an untrusted config cannot exhaust the stack.
 */
export const MAX_LAYER_NESTING = 32;

/** How many inner layers are being built right now, one inside the other. */
let nesting = 0;

/** `[batch, time, …]` → `[batch·time, …]` (`null` when either is unknown). */
function foldTime(shape: Shape): Shape {
  const [n, steps] = shape;
  return [n === null || steps === null ? null : n * steps, ...shape.slice(2)];
}

/**
 * The inner layer from the `layer` option.
 * @throws ConfigError for a layer of several inputs or outputs, an unknown class, or anything but a layer or `{ className, config }`.
 */
function resolveLayer(identifier: unknown): Layer {
  if (isInstance(identifier, Layer)) {
    if (identifier.takesInputList) throw new ConfigError(`TimeDistributed: layer must take one input, got ${identifier.describe()}, which takes a list`);
    if (identifier.outputCount > 1) throw new ConfigError(`TimeDistributed: layer must have one output, got ${identifier.describe()}, which has ${identifier.outputCount} (returnState)`);
    return identifier;
  }
  if (!isReadableObject(identifier) || typeof identifier.className !== 'string') {
    throw new ConfigError(`TimeDistributed: layer must be a layer or its saved { className, config }, got ${formatJson(identifier)}`);
  }
  const { className, config } = identifier;
  if (config !== undefined && !isReadableObject(config)) {
    throw new ConfigError(`TimeDistributed: layer.config must be an object, got ${formatJson(config)}`);
  }
  if (nesting >= MAX_LAYER_NESTING) throw new ConfigError(`TimeDistributed: layers nest more than ${MAX_LAYER_NESTING} deep`);
  let layer: Layer;
  nesting++;
  try {
    layer = layers.create(className, config);
  } catch (error) {
    if (error instanceof ConfigError && !error.message.startsWith('TimeDistributed: layers nest')) throw new ConfigError(`TimeDistributed: ${error.message}`);
    throw error;
  } finally {
    nesting--;
  }
  return resolveLayer(layer);
}
