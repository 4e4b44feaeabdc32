/**
 * The abstract {@link Layer}: the contract every layer keeps, and the one place that checks
 * input shapes, declares weights, manages buffers and enforces call order.
 */
import { disposeObject } from './disposal';
import { classOptionKeys, formatJson, isArray, optionsObject, requireTensor } from '../lib/checks';
import { ConfigError, ShapeError, StateError } from '../lib/errors';
import type { Initializer } from '../lib/initializers/initializer';
import type { Regularizer } from '../lib/regularizers/regularizer';
import {
  clone, copyInto, dtypeOf, formatShape, shapesMatch, toContiguous, zeros, zerosOver,
  type DType, type Shape, type Tensor,
} from '../lib/tensor';
import { freeKernelZeros, kernelZeros } from '../lib/kernels/kernel-zeros';
import { scaleInPlace } from '../lib/kernels';
import { isSymbolicTensor, SymbolicTensor, type LayerNode } from './symbolic-tensor';
import type { AddWeightOptions, NonTrainableWeight, Param, WeightShape } from './weights';
import type { Mask } from './mask';

export type { AddWeightOptions, NonTrainableWeight, Param, WeightShape } from './weights';

/** What {@link Layer.backward} returns. */
export interface BackwardResult {
  /** `∂loss/∂input`, the shape of the forward input; `null` when the caller said it is not needed. */
  readonly dAPrev: Tensor | null;
  /** The parameter gradients by `'d' + Param.name`, e.g. `{ dW, db }`; the same buffers as `Param.grad`. */
  readonly grads: Readonly<Record<string, Tensor>>;
}

/** What {@link Layer.backwardInputs} returns: one gradient per input of the call. */
export interface MultiBackwardResult {
  /** `∂loss/∂input_k` for each input `k`, or `null` where the caller said it is not needed. */
  readonly dInputs: readonly (Tensor | null)[];
  /** The parameter gradients by `'d' + Param.name`; the same buffers as `Param.grad`. */
  readonly grads: Readonly<Record<string, Tensor>>;
}

/**
 * What {@link Layer.apply} returns for a layer of type `L`: one {@link SymbolicTensor}, or a
 * list for a layer built with `returnState: true` (its output, then its final states, as
 * Keras's `output, h, c = LSTM(4, return_state=True)(x)`): `[y, h, c]` for LSTM, `[y, h]` for
 * GRU and SimpleRNN. Where the type cannot tell (a value typed `Layer`, or `returnState:
 * boolean`) it is either, as TensorFlow.js types every `apply`.
 */
export type ApplyOutput<L> = L extends { readonly returnState: true; readonly stateCount: 2 }
  ? [output: SymbolicTensor, h: SymbolicTensor, c: SymbolicTensor]
  : L extends { readonly returnState: true; readonly stateCount: 1 }
    ? [output: SymbolicTensor, h: SymbolicTensor]
    : L extends { readonly returnState: true }
      ? SymbolicTensor[]
  : L extends { readonly returnState: false }
    ? SymbolicTensor
    : L extends { readonly returnState: boolean }
      ? SymbolicTensor | SymbolicTensor[]
      : Layer extends L
        ? SymbolicTensor | SymbolicTensor[]
        : SymbolicTensor;

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
  const base = className.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
  const n = (nameCounters.get(base) ?? 0) + 1;
  nameCounters.set(base, n);
  return `${base}_${n}`;
}

/** A weight as the layer keeps it: a {@link Param} (trainable) or a {@link NonTrainableWeight}. */
interface DeclaredWeight {
  readonly name: string;
  readonly weightName: string;
  readonly value: Tensor;
  readonly grad: Tensor | null;
  /** The penalty on the weight (trainable weights only), or `null`. */
  readonly regularizer?: Regularizer | null;
}

/** The placeholder {@link Layer.addWeight} hands out while weights are only being planned. */
const PLANNED = zeros([0], 'float64');

/** The factor the running backward pass's loss is scaled by (see {@link withLossScale}); 1 outside one. */
let penaltyGradientScale = 1;

/**
 * Runs `backward` (a whole model's backward pass) with the loss scaled by `scale`, as the
 * training step does for a `LossScaleOptimizer`: each layer then adds `scale·∂penalty/∂W` for
 * its regularizers, so that the penalty's gradient is scaled with the data term's.
 */
export function withLossScale<T>(scale: number, backward: () => T): T {
  const previous = penaltyGradientScale;
  penaltyGradientScale = scale;
  try {
    return backward();
  } finally {
    penaltyGradientScale = previous;
  }
}

/**
 * The base of every layer. Lifecycle (Keras's init → build → call): the constructor validates
 * options; {@link Layer.build} declares the weights through {@link Layer.addWeight} once the
 * input shape is known (lazily, on the first forward or call on a symbolic tensor);
 * {@link Layer.forward} checks the input shape and caches what backward needs when training;
 * {@link Layer.backward} returns `dAPrev` and the parameter gradients.
 *
 * Subclasses implement {@link Layer.computeOutputShape}, `call` (the forward math) and
 * `backprop` (the derivative, written beside it), and optionally `createParams` (which calls
 * `addWeight` for each weight), `afterBuild` and `inputSpec`. Layers of several inputs extend
 * `MergeLayer` instead, which overrides {@link Layer.forwardInputs} and
 * {@link Layer.backwardInputs}.
 */
export abstract class Layer {
  /** The registered class name, e.g. `'Dense'`; every subclass sets its own. */
  static readonly className: string = 'Layer';
  /**
   * The option keys this class's constructor reads, its own only: the base's are added by
   * {@link classOptionKeys}, and any other key throws a ConfigError naming it. Every subclass with
   * options of its own declares them here.
   */
  static readonly optionKeys: readonly string[] = ['name', 'inputShape', 'batchInputShape', 'trainable'];

  /** The layer's name, unique within a model. */
  readonly name: string;
  /** When false, {@link Layer.trainableParams} is empty and the optimizer skips this layer. */
  trainable: boolean;
  /** The declared input shape with a `null` batch axis, or `null` when it comes from the first input. */
  readonly batchInputShape: Shape | null;

  private dtypeValue: DType | null = null;
  private buildDtype: DType = 'float32';
  private spec: Shape | null = null;
  private forwardShape: readonly number[] | null = null;
  /** Each buffer by key: the tensor last handed out (`view`) and the block it lies in, the largest it has needed. */
  private readonly buffers = new Map<string, { view: Tensor; block: Tensor }>();
  private gradsRecord: Readonly<Record<string, Tensor>> | null = null;
  private declared: DeclaredWeight[] = [];
  private planned: (WeightShape & { isTrainable: boolean })[] | null = null;
  private weightSource: Layer | null = null;
  private readonly nodes: LayerNode[] = [];
  private masksIn: readonly (Mask | null)[] = [];

  constructor(rawOptions?: LayerOptions) {
    const options = optionsObject(rawOptions, this.constructorName(), classOptionKeys(new.target));
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

  /** True for layers that take a list of inputs (merge layers); false for the usual one input. */
  get takesInputList(): boolean {
    return false;
  }

  /**
   * Keras's `supports_masking`: true when the layer passes its input's mask on unchanged
   * (element-wise layers); false drops the mask. Layers that make or change a mask override
   * {@link Layer.computeMask} instead.
   */
  get supportsMasking(): boolean {
    return false;
  }

  /**
   * Sets the masks of the next forward's inputs, one per input (`null`: unmasked). The graph
   * calls it before each forward; a layer reads them through {@link Layer.inputMask}.
   */
  setInputMasks(masks: readonly (Mask | null)[]): void {
    this.masksIn = masks;
  }

  /**
   * The mask of this call's output, given its inputs and their masks, called by the graph after
   * the forward. By default a layer that {@link Layer.supportsMasking} passes the first input's
   * mask on and any other layer returns `null`.
   */
  computeMask(inputs: readonly Tensor[], masks: readonly (Mask | null)[]): Mask | null {
    void inputs;
    return this.supportsMasking ? masks[0] ?? null : null;
  }

  /**
   * The number of outputs of one call: 1, or more for a recurrent layer with `returnState`
   * (its output, then its final states). The graph runs a layer of several outputs through
   * {@link Layer.forwardOutputs} and {@link Layer.backwardOutputs}.
   */
  get outputCount(): number {
    return 1;
  }

  /** The shapes of one call's outputs for its input shapes: `[computeOutputShapeOf(inputShapes)]` for a layer of one output. */
  computeOutputShapesOf(inputShapes: readonly Shape[]): Shape[] {
    return [this.computeOutputShapeOf(inputShapes)];
  }

  /** The masks of one call's outputs: {@link Layer.computeMask} for the first, `null` for the others (a final state has no time axis to mask). */
  computeMasks(inputs: readonly Tensor[], masks: readonly (Mask | null)[]): (Mask | null)[] {
    const out: (Mask | null)[] = new Array(this.outputCount).fill(null);
    out[0] = this.computeMask(inputs, masks);
    return out;
  }

  /** Runs one call and returns all its outputs: `[forwardInputs(inputs)]` for a layer of one output. */
  forwardOutputs(inputs: readonly Tensor[], training = false): Tensor[] {
    return [this.forwardInputs(inputs, training)];
  }

  /**
   * The backward pass of one call from the gradient of each of its outputs (`null` for an
   * output no loss depends on; the graph always passes a tensor for the first): here
   * {@link Layer.backwardInputs} of the first, the only one.
   */
  backwardOutputs(dOuts: readonly (Tensor | null)[], needInputGradients: readonly boolean[]): MultiBackwardResult {
    return this.backwardInputs(dOuts[0] as Tensor, needInputGradients);
  }

  /** The calls of this layer on symbolic tensors so far, in order (Keras's `inbound_nodes`). */
  get inboundNodes(): readonly LayerNode[] {
    return this.nodes;
  }

  /**
   * Creates the layer's weights for inputs of `inputShape` (batch axis first, may be `null`).
   * Does nothing when already built. Called by the first {@link Layer.forward} or by the model.
   * @throws ShapeError when `inputShape` contradicts a declared `inputShape`.
   */
  build(inputShape: Shape, dtype: DType = 'float32'): void {
    if (this.built) return;
    if (this.batchInputShape && !shapesMatch(this.batchInputShape, inputShape)) {
      throw new ShapeError(`${this.describe()}: input does not match the declared inputShape: expected ${formatShape(this.batchInputShape)}, got ${formatShape(inputShape)}`);
    }
    const spec = this.inputSpec(inputShape);
    this.declared = [];
    this.buildDtype = dtype;
    this.createParams(inputShape, dtype);
    this.afterBuild(inputShape, dtype);
    this.spec = spec;
    this.dtypeValue = dtype;
  }

  /**
   * Builds for the shapes of a call's inputs: {@link Layer.build} of the one input here; merge
   * layers take the whole list.
   */
  buildInputs(inputShapes: readonly Shape[], dtype: DType = 'float32'): void {
    this.requireOneInput(inputShapes.length);
    this.build(inputShapes[0], dtype);
  }

  /**
   * The shape this layer's output has for inputs of `inputShape`, without data.
   * @throws ShapeError when the layer cannot take such an input.
   */
  abstract computeOutputShape(inputShape: Shape): Shape;

  /** The output shape for a call's input shapes: {@link Layer.computeOutputShape} of the one input; merge layers combine the list. */
  computeOutputShapeOf(inputShapes: readonly Shape[]): Shape {
    this.requireOneInput(inputShapes.length);
    return this.computeOutputShape(inputShapes[0]);
  }

  /**
   * Calls the layer on symbolic tensors (Keras's `layer(x)`, TensorFlow.js's `layer.apply(x)`):
   * builds the layer for their shapes if needed, records the call as a new node and returns the
   * symbolic output (a list of them for a layer of several outputs, see {@link ApplyOutput}).
   * Each call is one node; calling a layer twice shares its weights.
   * @throws ConfigError for anything but symbolic tensors, or a list given to a one-input layer;
   * ShapeError when the layer cannot take their shapes.
   */
  apply(inputs: SymbolicTensor | readonly SymbolicTensor[]): ApplyOutput<this> {
    const list: readonly unknown[] = isArray(inputs) ? inputs : [inputs];
    if (list.length === 0 || !list.every(isSymbolicTensor)) {
      throw new ConfigError(`${this.describe()}.apply: expected a SymbolicTensor (from input({ shape }) or another layer's apply) or a list of them`);
    }
    const symbols = list as readonly SymbolicTensor[];
    if (!this.takesInputList && isArray(inputs)) {
      if (symbols.length !== 1) throw new ConfigError(`${this.describe()}.apply: takes one input, got a list of ${symbols.length}`);
    }
    const shapes = symbols.map((s) => s.shape);
    const outShapes = this.computeOutputShapesOf(shapes);
    if (!this.built) this.buildInputs(shapes, symbols[0].dtype);
    else if (this.spec) this.shapesBuiltFor(shapes).forEach((s) => this.checkSymbolicShape(s));
    const node: LayerNode = { layer: this, index: this.nodes.length, inputs: symbols.slice() };
    this.nodes.push(node);
    const outputs = outShapes.map((shape, k) => new SymbolicTensor(shape, symbols[0].dtype, node, k));
    return (outputs.length === 1 ? outputs[0] : outputs) as ApplyOutput<this>;
  }

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
   * The input shapes of a call that a built layer checks against the shape it was built for:
   * all of them here; a recurrent layer checks only the sequence (its initial states are
   * checked against `[batch, units]` apart).
   */
  protected shapesBuiltFor(inputShapes: readonly Shape[]): readonly Shape[] {
    return inputShapes;
  }

  /** Runs one call of the layer on its inputs: {@link Layer.forward} of the one input here; merge layers take the list. */
  forwardInputs(inputs: readonly Tensor[], training = false): Tensor {
    this.requireOneInput(inputs.length);
    return this.forward(inputs[0], training);
  }

  /**
   * Back-propagates `dOut = ∂loss/∂output` through the layer: fills every `Param.grad` and
   * returns them with `dAPrev = ∂loss/∂input`. Gradients are overwritten, never accumulated
   * (a shared layer's calls are added by the graph, see `Graph.backward`).
   *
   * @param needDAPrev - false skips computing `dAPrev` (the first layer of a model needs none).
   * @throws StateError if no `forward(x, true)` came first; ShapeError if `dOut` is not the output's shape.
   */
  backward(dOut: Tensor, needDAPrev = true): BackwardResult {
    const g = this.checkDOut(dOut);
    const dAPrev = this.backprop(g, needDAPrev);
    this.addPenaltyGradients();
    return { dAPrev: needDAPrev ? dAPrev : null, grads: this.gradsByName() };
  }

  /**
   * The backward pass of one call with one gradient per input: {@link Layer.backward} of the
   * one input here; merge layers return one per input.
   * @param needInputGradients - which inputs need a gradient (false skips the work).
   */
  backwardInputs(dOut: Tensor, needInputGradients: readonly boolean[]): MultiBackwardResult {
    this.requireOneInput(needInputGradients.length);
    const { dAPrev, grads } = this.backward(dOut, needInputGradients[0]);
    return { dInputs: [dAPrev], grads };
  }

  /** Every parameter of the layer with its gradient buffer, in declaration order (TensorFlow.js's weight order, `[W, b]`). */
  params(): Param[] {
    return this.declared.filter((w): w is Param => w.grad !== null);
  }

  /** {@link Layer.params} when the layer is trainable, otherwise none. */
  trainableParams(): Param[] {
    return this.trainable ? this.params() : [];
  }

  /**
   * The weights saved with the layer that the optimizer never sees (BatchNormalization's
   * `moving_mean` and `moving_variance`), in TensorFlow.js order after {@link Layer.params}.
   */
  nonTrainableWeights(): NonTrainableWeight[] {
    return this.declared.filter((w) => w.grad === null);
  }

  /**
   * The weights {@link Layer.build} will create for `inputShape` (`null` where it is not known
   * yet), in `getWeights` order: parameters, then non-trainable weights. They come from the
   * same `addWeight` calls that build makes, run without allocating anything, so the two
   * cannot disagree; loading checks a file's manifest against them before building. `null`
   * when the layer cannot say without the input shape.
   */
  weightShapes(inputShape: Shape | null): WeightShape[] | null {
    if (this.built) return this.weightsOf().map((w) => ({ weightName: w.weightName, shape: w.value.shape }));
    const saved = this.declared;
    this.planned = [];
    try {
      this.createParams(inputShape ?? [null, null], 'float32');
      const planned = this.planned;
      return [...planned.filter((w) => w.isTrainable), ...planned.filter((w) => !w.isTrainable)].map(({ weightName, shape }) => ({ weightName, shape }));
    } catch {
      return null;
    } finally {
      this.planned = null;
      this.declared = saved;
    }
  }

  /**
   * The penalty this layer's regularizers add to the loss for its current weights (Keras's
   * `layer.losses`), e.g. `λ·Σ W²` for a weight declared with `regularizer: l2(λ)`; its gradient
   * is in the `grads` of {@link Layer.backward}. 0 when the layer is not trainable (Keras counts
   * only trainable weights).
   */
  regularizationLoss(): number {
    if (!this.trainable) return 0;
    let penalty = 0;
    for (const w of this.declared) if (w.regularizer) penalty += w.regularizer.penalty(w.value);
    return penalty;
  }

  /** The number of scalar weights, trainable and non-trainable (0 before build), as Keras counts them. */
  countParams(): number {
    return this.weightsOf().reduce((n, w) => n + w.value.size, 0);
  }

  /** The constructor options with defaults resolved, as plain JSON; `new Cls(getConfig())` rebuilds the layer. */
  getConfig(): LayerConfig {
    const config: LayerConfig = { name: this.name, trainable: this.trainable };
    if (this.batchInputShape) config.batchInputShape = this.batchInputShape.slice();
    return config;
  }

  /**
   * @internal A second instance for another call of this layer in a graph: the same class and
   * options, built for the same input, whose weights are this layer's own tensors (shared
   * values) with gradient buffers of its own, and whose caches and buffers are its own. The
   * graph runs each call of a shared layer on its own instance, so each call keeps its cache,
   * and adds the instances' gradients into this layer's (`Graph.backward`).
   */
  callInstance(inputShapes: readonly Shape[], index: number): Layer {
    const Cls = this.constructor as unknown as { fromConfig?: (c: LayerConfig) => Layer; new (c: LayerConfig): Layer };
    const config = { ...this.getConfig(), name: `${this.name}/call_${index}` };
    delete config.batchInputShape;
    const twin = typeof Cls.fromConfig === 'function' ? Cls.fromConfig(config) : new Cls(config);
    twin.weightSource = this;
    twin.trainable = this.trainable;
    twin.buildInputs(inputShapes, this.dtype);
    return twin;
  }

  /**
   * Declares one weight, in build (Keras's `add_weight`): allocates its value (from
   * `initializer`, zeros when `null`) and, when trainable, its gradient, both in the kernel
   * heap where there is one, so the kernels update them in place. The declaration order is
   * the order of `getWeights` and of saved files (non-trainable weights after trainable ones).
   * A call instance of a shared layer gets the shared layer's value instead, with its own gradient.
   */
  protected addWeight(weightName: string, shape: readonly (number | null)[], initializer: Initializer | null, options?: AddWeightOptions & { trainable?: true }): Param;
  protected addWeight(weightName: string, shape: readonly (number | null)[], initializer: Initializer | null, options: AddWeightOptions & { trainable: false }): NonTrainableWeight;
  protected addWeight(weightName: string, shape: readonly (number | null)[], initializer: Initializer | null, options: AddWeightOptions = {}): Param | NonTrainableWeight {
    const isTrainable = options.trainable ?? true;
    const name = options.mathName ?? weightName;
    if (this.planned) {
      this.planned.push({ weightName, shape: shape.slice(), isTrainable });
      return { name, weightName, value: PLANNED, grad: PLANNED };
    }
    const dims = shape as readonly number[];
    const dtype = this.buildDtype;
    const shared = this.weightSource?.weightsOf().find((w) => w.weightName === weightName);
    const value = shared ? shared.value : kernelZeros(dims, dtype);
    if (!shared && initializer) copyInto(value, initializer.init(dims, dtype));
    const weight: DeclaredWeight = { name, weightName, value, grad: isTrainable ? kernelZeros(dims, dtype) : null, regularizer: isTrainable ? options.regularizer ?? null : null };
    this.declared.push(weight);
    this.gradsRecord = null;
    return isTrainable ? (weight as Param) : { weightName, value };
  }

  /** The forward math on a contiguous input of the layer's dtype. */
  protected abstract call(x: Tensor, training: boolean): Tensor;

  /** The mask of input `k` for the current forward ({@link Layer.setInputMasks}), or `null`. */
  protected inputMask(k = 0): Mask | null {
    return this.masksIn[k] ?? null;
  }

  /**
   * The backward math: fill each `Param.grad` from `dOut` and the cache, and return `dAPrev`
   * (or `null`, allowed only when `needDAPrev` is false).
   */
  protected abstract backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null;

  /**
   * Declares the layer's weights with {@link Layer.addWeight} at build time. It also runs,
   * allocating nothing, when a loader plans the weights (`inputShape` may then hold `null`
   * axes), so it must only declare weights: other build-time state goes in `afterBuild`.
   * The default declares none.
   */
  protected createParams(inputShape: Shape, dtype: DType): void {
    void inputShape;
    void dtype;
  }

  /** Build-time state other than weights (a random generator, a resolved shape); runs once after `createParams`. */
  protected afterBuild(inputShape: Shape, dtype: DType): void {
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
   * step allocates nothing after the first batch); float32 buffers live in the kernel heap
   * where there is one (`kernelZeros`), so products use them in place. A new shape gets zeros:
   * a smaller one (an epoch's short last batch, a validation pass) as a view of the start of the
   * block the key already has, a larger one in a new block (the old one goes back to the heap),
   * so alternating batch sizes keep one block per key instead of one per size.
   */
  protected buffer(key: string, shape: readonly number[]): Tensor {
    const entry = this.buffers.get(key);
    if (entry && sameDims(entry.view.shape, shape)) return entry.view;
    let size = 1;
    for (const d of shape) size *= d;
    if (entry && size <= entry.block.size) {
      // The previous view was valid only until this forward or backward.
      const view = sameDims(entry.block.shape, shape) ? entry.block : zerosOver(entry.block.data.subarray(0, size), shape);
      view.data.fill(0);
      entry.view = view;
      return view;
    }
    if (entry) freeKernelZeros(entry.block);
    const block = kernelZeros(shape, this.dtype);
    this.buffers.set(key, { view: block, block });
    return block;
  }

  /** `{ dW, db, … }`: each parameter's gradient buffer by `'d' + name`, made once (params are fixed at build). */
  protected gradsByName(): Readonly<Record<string, Tensor>> {
    if (this.gradsRecord === null) {
      const grads: Record<string, Tensor> = {};
      for (const p of this.params()) grads[`d${p.name}`] = p.grad;
      this.gradsRecord = Object.freeze(grads);
    }
    return this.gradsRecord;
  }

  /**
   * Checks `dOut` against the output of the latest training forward and returns it contiguous
   * in the layer's dtype.
   * @throws StateError if no `forward(x, true)` came first; ShapeError if `dOut` is not the output's shape.
   */
  protected checkDOut(dOut: Tensor): Tensor {
    if (this.forwardShape === null) {
      throw new StateError(`${this.describe()}: backward called before forward(x, training=true)`);
    }
    requireTensor(dOut, `${this.describe()}: dOut`);
    if (!shapesMatch(this.forwardShape, dOut.shape)) {
      throw new ShapeError(`${this.describe()}: dOut must have the output's shape: expected ${formatShape(this.forwardShape)}, got ${formatShape(dOut.shape)}`);
    }
    return dtypeOf(dOut) === this.dtype ? toContiguous(dOut) : clone(dOut, this.dtype);
  }

  /** Records the output shape of a training forward (so backward may follow), or clears it. */
  protected setForwardShape(shape: readonly number[] | null): void {
    this.forwardShape = shape && shape.slice();
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
   * Adds each declared regularizer's gradient to its weight's, e.g. `2λ·W` for `l2(λ)` (the
   * reported loss includes the penalty), after `backprop` filled the data term; only while
   * trainable, and once per step: a shared layer's call instances leave it to the layer.
   */
  private addPenaltyGradients(): void {
    if (!this.trainable || this.weightSource) return;
    const scale = penaltyGradientScale;
    for (const w of this.declared) {
      if (!w.regularizer || !w.grad) continue;
      if (scale === 1) {
        w.regularizer.addGradient(w.grad, w.value);
      } else {
        // dW ← S·(dW/S + ∂penalty/∂W): exact for the powers of 2 a loss scale usually is.
        scaleInPlace(w.grad, 1 / scale);
        w.regularizer.addGradient(w.grad, w.value);
        scaleInPlace(w.grad, scale);
      }
    }
  }

  /** Every declared weight, parameters first, then non-trainable weights (the order of `getWeights`). */
  private weightsOf(): { readonly weightName: string; readonly value: Tensor }[] {
    return [...this.params(), ...this.nonTrainableWeights()];
  }

  /** A built layer's check of a symbolic input shape (unknown axes pass). */
  private checkSymbolicShape(shape: Shape): void {
    const spec = this.spec as Shape;
    const ok = spec.length === shape.length && spec.every((d, i) => d === null || shape[i] === null || d === shape[i]);
    if (!ok) throw new ShapeError(`${this.describe()}: input does not match the shape it was built for: expected ${formatShape(spec)}, got ${formatShape(shape)}`);
  }

  /** @throws ConfigError unless a call has exactly one input. */
  private requireOneInput(count: number): void {
    if (count !== 1) throw new ConfigError(`${this.describe()}: takes one input, got ${count}`);
  }

  /**
   * Frees the layer's kernel-heap memory at once (its parameters, their gradients, its output
   * buffers, those of layers inside it) for the next tensors to reuse, instead of when the
   * garbage collector finds it, and makes the layer unusable: every later call but
   * `describe`/`getConfig` throws a StateError. Calling it again does nothing.
   */
  dispose(): void {
    // A call instance of a shared layer frees its own gradients and buffers, never the shared values.
    const values = this.weightSource ? [] : [...this.params().map((p) => p.value), ...this.nonTrainableWeights().map((w) => w.value)];
    const owned = [...values, ...this.params().map((p) => p.grad), ...[...this.buffers.values()].map((b) => b.block)];
    disposeObject(this, this.describe(), owned, ['describe', 'getConfig', 'constructorName']);
  }

  private constructorName(): string {
    return (this.constructor as unknown as LayerClass).className;
  }
}

/** Whether two concrete shapes have the same dimensions. */
function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
