/**
 * The abstract {@link Layer}: the contract every layer keeps, and the one place that checks
 * input shapes, manages buffers and enforces call order.
 */
import { disposeObject } from './disposal';
import { formatJson, isArray, optionsObject, requireTensor } from '../lib/checks';
import { ConfigError, ShapeError, StateError } from '../lib/errors';
import {
  clone, dtypeOf, formatShape, shapesMatch, toContiguous,
  type DType, type Shape, type Tensor,
} from '../lib/tensor';
import { freeKernelZeros, kernelZeros } from '../lib/kernels/kernel-zeros';

/**
 * A trainable parameter paired with its gradient buffer (ConvNetJS's `w`/`dw`, micrograd's
 * `data`/`grad`). Optimizers update `value` from `grad`; they need nothing else of the layer.
 */
export interface Param {
  /** The math name, e.g. `'W'` or `'b'`; the gradient is reported as `'d' + name`. */
  readonly name: string;
  /** The Keras/TensorFlow.js weight name, e.g. `'kernel'` or `'bias'`. */
  readonly weightName: string;
  /** The parameter's values. */
  readonly value: Tensor;
  /** `∂loss/∂value` from the latest backward pass, same shape as `value`; overwritten by each backward. */
  readonly grad: Tensor;
}

/** A weight a layer will create: its Keras/TensorFlow.js name and shape (`null` for an axis the input shape leaves open). */
export interface WeightShape {
  readonly weightName: string;
  readonly shape: Shape;
}

/**
 * A weight that is saved and loaded with the model but not trained by the optimizer, such as
 * BatchNormalization's moving statistics: no gradient, updated by the layer's own forward.
 */
export interface NonTrainableWeight {
  /** The Keras/TensorFlow.js weight name, e.g. `'moving_mean'`. */
  readonly weightName: string;
  /** The weight's values. */
  readonly value: Tensor;
}

/** What {@link Layer.backward} returns. */
export interface BackwardResult {
  /** `∂loss/∂input`, the shape of the forward input; `null` when the caller said it is not needed. */
  readonly dAPrev: Tensor | null;
  /** The parameter gradients by `'d' + Param.name`, e.g. `{ dW, db }`; the same buffers as `Param.grad`. */
  readonly grads: Readonly<Record<string, Tensor>>;
}

/** Options every layer accepts. */
export interface LayerOptions {
  /** The layer's name, unique within a model. @defaultValue the class name in snake case with a counter, e.g. `'dense_1'` */
  name?: string;
  /** The shape of one sample, without the batch axis, for the first layer of a model (Keras's `input_shape`). @defaultValue taken from the first input */
  inputShape?: readonly number[];
  /** The full input shape with `null` for the batch axis (Keras's `batch_input_shape`); alternative to `inputShape`. */
  batchInputShape?: Shape;
  /** When false, the optimizer leaves this layer's parameters unchanged. @defaultValue true */
  trainable?: boolean;
}

/** The JSON form of {@link LayerOptions} that every layer's `getConfig()` includes. */
export interface LayerConfig {
  name: string;
  trainable: boolean;
  batchInputShape?: (number | null)[];
}

/** A layer class as the registry sees it: a constructor from its config, with a class name. */
export interface LayerClass {
  readonly className: string;
  new (config: never): Layer;
}

const nameCounters = new Map<string, number>();

function defaultName(className: string): string {
  const base = className.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
  const n = (nameCounters.get(base) ?? 0) + 1;
  nameCounters.set(base, n);
  return `${base}_${n}`;
}

/**
 * The base of every layer. Lifecycle: the constructor validates options; {@link Layer.build}
 * creates parameters once the input shape is known (lazily, on the first forward);
 * {@link Layer.forward} checks the input shape and caches what backward needs when training;
 * {@link Layer.backward} returns `dAPrev` and the parameter gradients.
 *
 * Subclasses implement {@link Layer.computeOutputShape}, `call` (the forward math) and
 * `backprop` (the derivative, written beside it), and optionally `createParams` and
 * `inputSpec`.
 */
export abstract class Layer {
  /** The registered class name, e.g. `'Dense'`; every subclass sets its own. */
  static readonly className: string = 'Layer';

  /** The layer's name, unique within a model. */
  readonly name: string;
  /** When false, {@link Layer.trainableParams} is empty and the optimizer skips this layer. */
  trainable: boolean;
  /** The declared input shape with a `null` batch axis, or `null` when it comes from the first input. */
  readonly batchInputShape: Shape | null;

  private dtypeValue: DType | null = null;
  private spec: Shape | null = null;
  private forwardShape: readonly number[] | null = null;
  private readonly buffers = new Map<string, Tensor>();
  private gradsRecord: Readonly<Record<string, Tensor>> | null = null;

  constructor(rawOptions?: LayerOptions) {
    const options = optionsObject(rawOptions, this.constructorName());
    if (options.inputShape !== undefined && options.batchInputShape !== undefined) {
      throw new ConfigError(`${this.constructorName()}: give inputShape or batchInputShape, not both`);
    }
    const batch = options.batchInputShape;
    if (batch !== undefined && !(isArray(batch) && (batch[0] === null || batch[0] === undefined || (Number.isInteger(batch[0]) && (batch[0] as number) > 0)))) {
      throw new ConfigError(`${this.constructorName()}: batchInputShape must be an array [batch, ...inputShape] with a null or positive batch, got ${formatJson(batch)}`);
    }
    const sample = options.inputShape ?? batch?.slice(1);
    if (sample !== undefined) {
      if (!isArray(sample) || sample.length === 0 || !sample.every((d) => Number.isInteger(d) && (d as number) > 0)) {
        throw new ConfigError(`${this.constructorName()}: inputShape must be a non-empty array of positive integers, got ${formatJson(sample)}`);
      }
    }
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name.length === 0)) {
      throw new ConfigError(`${this.constructorName()}: name must be a non-empty string, got ${formatJson(options.name)}`);
    }
    if (options.trainable !== undefined && typeof options.trainable !== 'boolean') {
      throw new ConfigError(`${this.constructorName()}: trainable must be a boolean, got ${formatJson(options.trainable)}`);
    }
    this.name = options.name ?? defaultName(this.constructorName());
    this.trainable = options.trainable ?? true;
    this.batchInputShape = sample ? [options.batchInputShape?.[0] ?? null, ...(sample as number[])] : null;
  }

  /** The registered class name of this instance, e.g. `'Dense'`. */
  get className(): string {
    return this.constructorName();
  }

  /** `Dense 'dense_1'`: how error messages name this layer. */
  describe(): string {
    return `${this.className} '${this.name}'`;
  }

  /** True once {@link Layer.build} has run. */
  get built(): boolean {
    return this.dtypeValue !== null;
  }

  /** The dtype of the layer's parameters and outputs, fixed at build. */
  get dtype(): DType {
    if (this.dtypeValue === null) throw new StateError(`${this.describe()}: not built yet; call build(inputShape) or forward(x) first`);
    return this.dtypeValue;
  }

  /**
   * Creates the layer's parameters for inputs of `inputShape` (batch axis first, may be `null`).
   * Does nothing when already built. Called by the first {@link Layer.forward} or by the model.
   * @throws ShapeError when `inputShape` contradicts a declared `inputShape`.
   */
  build(inputShape: Shape, dtype: DType = 'float32'): void {
    if (this.built) return;
    if (this.batchInputShape && !shapesMatch(this.batchInputShape, inputShape)) {
      throw new ShapeError(`${this.describe()}: input does not match the declared inputShape: expected ${formatShape(this.batchInputShape)}, got ${formatShape(inputShape)}`);
    }
    const spec = this.inputSpec(inputShape);
    this.createParams(inputShape, dtype);
    this.spec = spec;
    this.dtypeValue = dtype;
  }

  /**
   * The shape this layer's output has for inputs of `inputShape`, without data.
   * @throws ShapeError when the layer cannot take such an input.
   */
  abstract computeOutputShape(inputShape: Shape): Shape;

  /**
   * Runs the layer on a batch. With `training` true it also caches what {@link Layer.backward}
   * needs. The returned tensor is a buffer the layer owns and reuses: it stays valid until the
   * layer's next forward (clone it to keep it).
   * @throws ShapeError naming the layer, the expected and the actual shape; DataError when `x` is not a tensor.
   */
  forward(x: Tensor, training = false): Tensor {
    requireTensor(x, `${this.describe()}: forward input`);
    if (!this.built) this.build(this.batchInputShape ? [null, ...this.batchInputShape.slice(1)] : [null, ...x.shape.slice(1)], dtypeOf(x));
    this.checkInput(x.shape);
    const input = dtypeOf(x) === this.dtype ? toContiguous(x) : clone(x, this.dtype);
    this.forwardShape = null;
    const y = this.call(input, training);
    if (training) this.forwardShape = y.shape.slice();
    return y;
  }

  /**
   * Back-propagates `dOut = ∂loss/∂output` through the layer: fills every `Param.grad` and
   * returns them with `dAPrev = ∂loss/∂input`. Gradients are overwritten, never accumulated.
   *
   * @param needDAPrev - false skips computing `dAPrev` (the first layer of a model needs none).
   * @throws StateError if no `forward(x, true)` came first; ShapeError if `dOut` is not the output's shape.
   */
  backward(dOut: Tensor, needDAPrev = true): BackwardResult {
    if (this.forwardShape === null) {
      throw new StateError(`${this.describe()}: backward called before forward(x, training=true)`);
    }
    requireTensor(dOut, `${this.describe()}: dOut`);
    if (!shapesMatch(this.forwardShape, dOut.shape)) {
      throw new ShapeError(`${this.describe()}: dOut must have the output's shape: expected ${formatShape(this.forwardShape)}, got ${formatShape(dOut.shape)}`);
    }
    const g = dtypeOf(dOut) === this.dtype ? toContiguous(dOut) : clone(dOut, this.dtype);
    const dAPrev = this.backprop(g, needDAPrev);
    return { dAPrev: needDAPrev ? dAPrev : null, grads: this.gradsByName() };
  }

  /** `{ dW, db, … }`: each parameter's gradient buffer by `'d' + name`, made once (params are fixed at build). */
  private gradsByName(): Readonly<Record<string, Tensor>> {
    if (this.gradsRecord === null) {
      const grads: Record<string, Tensor> = {};
      for (const p of this.params()) grads[`d${p.name}`] = p.grad;
      this.gradsRecord = Object.freeze(grads);
    }
    return this.gradsRecord;
  }

  /** Every parameter of the layer with its gradient buffer, in TensorFlow.js weight order (`[W, b]`). */
  params(): Param[] {
    return [];
  }

  /** {@link Layer.params} when the layer is trainable, otherwise none. */
  trainableParams(): Param[] {
    return this.trainable ? this.params() : [];
  }

  /**
   * The weights saved with the layer that the optimizer never sees (BatchNormalization's
   * `moving_mean` and `moving_variance`), in TensorFlow.js order after {@link Layer.params}.
   * The default is none.
   */
  nonTrainableWeights(): NonTrainableWeight[] {
    return [];
  }

  /**
   * The weights {@link Layer.build} will create for `inputShape` (`null` where it is not known
   * yet), in `getWeights` order: parameters, then non-trainable weights. Loading a saved model
   * checks the file's manifest against them before building anything. The default, for a
   * layer without `createParams`, is none; a layer that creates weights overrides this beside
   * its `createParams`.
   */
  weightShapes(inputShape: Shape | null): WeightShape[] {
    void inputShape;
    return [];
  }

  /**
   * The penalty this layer's regularizers add to the loss for its current weights (Keras's
   * `layer.losses`), e.g. `λ·Σ W²` for `kernelRegularizer: l2(λ)`; its gradient is already
   * in the `grads` of {@link Layer.backward}. The default is 0.
   */
  regularizationLoss(): number {
    return 0;
  }

  /** The number of scalar weights, trainable and non-trainable (0 before build), as Keras counts them. */
  countParams(): number {
    return [...this.params(), ...this.nonTrainableWeights()].reduce((n, w) => n + w.value.size, 0);
  }

  /** The constructor options with defaults resolved, as plain JSON; `new Cls(getConfig())` rebuilds the layer. */
  getConfig(): LayerConfig {
    const config: LayerConfig = { name: this.name, trainable: this.trainable };
    if (this.batchInputShape) config.batchInputShape = this.batchInputShape.slice();
    return config;
  }

  /** The forward math on a contiguous input of the layer's dtype. */
  protected abstract call(x: Tensor, training: boolean): Tensor;

  /**
   * The backward math: fill each `Param.grad` from `dOut` and the cache, and return `dAPrev`
   * (or `null`, allowed only when `needDAPrev` is false).
   */
  protected abstract backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null;

  /** Creates parameters at build time. The default creates none. */
  protected createParams(inputShape: Shape, dtype: DType): void {
    void inputShape;
    void dtype;
  }

  /**
   * The input shape {@link Layer.forward} accepts from now on, given the build shape; `null` axes
   * match anything. The default accepts the build shape with any batch size.
   */
  protected inputSpec(inputShape: Shape): Shape {
    return [null, ...inputShape.slice(1)];
  }

  /**
   * A buffer owned by the layer under `key`, reused while `shape` is unchanged (so a training
   * step allocates nothing after the first batch) and reallocated when it changes; float32
   * buffers live in the kernel heap where there is one (`kernelZeros`), so products use them in place.
   */
  protected buffer(key: string, shape: readonly number[]): Tensor {
    const existing = this.buffers.get(key);
    if (existing && existing.shape.length === shape.length && existing.shape.every((d, i) => d === shape[i])) {
      return existing;
    }
    // The old buffer was valid only until this forward or backward: its block goes back now.
    if (existing) freeKernelZeros(existing);
    const t = kernelZeros(shape, this.dtype);
    this.buffers.set(key, t);
    return t;
  }

  /** Throws the ShapeError a bad input deserves, naming the layer and both shapes. */
  protected checkInput(shape: readonly number[]): void {
    const spec = this.spec as Shape;
    if (spec.length !== shape.length) {
      const hint = shape.length > spec.length ? ' (add Flatten before this layer?)' : '';
      throw new ShapeError(`${this.describe()}: input must have rank ${spec.length}: expected ${formatShape(spec)}, got ${formatShape(shape)}${hint}`);
    }
    for (let axis = 0; axis < spec.length; axis++) {
      if (spec[axis] !== null && spec[axis] !== shape[axis]) {
        const which = axis === spec.length - 1 ? 'last axis' : `axis ${axis}`;
        throw new ShapeError(`${this.describe()}: input ${which} must be ${spec[axis]}: expected ${formatShape(spec)}, got ${formatShape(shape)}`);
      }
    }
    if (shape[0] === 0) {
      throw new ShapeError(`${this.describe()}: input batch is empty: expected ${formatShape(spec)} with at least one sample, got ${formatShape(shape)}`);
    }
  }

  /**
   * Frees the layer's kernel-heap memory at once (its parameters, their gradients, its output
   * buffers, those of layers inside it) for the next tensors to reuse, instead of when the
   * garbage collector finds it, and makes the layer unusable: every later call but
   * `describe`/`getConfig` throws a StateError. Calling it again does nothing.
   */
  dispose(): void {
    const owned = [...this.params().flatMap((p) => [p.value, p.grad]), ...this.nonTrainableWeights().map((w) => w.value), ...this.buffers.values()];
    disposeObject(this, this.describe(), owned, ['describe', 'getConfig', 'constructorName']);
  }

  private constructorName(): string {
    return (this.constructor as unknown as LayerClass).className;
  }
}
