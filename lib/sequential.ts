/**
 * {@link Sequential}: a stack of layers trained by explicit backpropagation, with the Keras
 * model API (`compile`, `fit`, `evaluate`, `predict`, `summary`, weights).
 */
import { formatJson, formatValue, isArray, isInstance, isReadableObject, kindOf, optionsObject } from './checks';
import { ConfigError, ShapeError, StateError } from './errors';
import { clone, copyInto, formatShape, isTensor, shapesMatch, type DType, type Shape, type Tensor } from './tensor';
import { Layer } from '../layers/layer';
import { disposeObject } from '../layers/disposal';
import type { Loss } from '../losses/loss';
import type { Optimizer } from '../optimizers/optimizer';
import { getLoss } from '../losses';
import { getOptimizer } from '../optimizers';
import { metrics as metricRegistry, type Metric } from './metrics';
import { toDataTensor, type DataLike } from './inputs';
import { formatSummary } from './summary';
import { fit, evaluate, type FitOptions, type EvaluateOptions } from './training';
import { predict, releaseStagingBuffer, type PredictOptions } from './predict';
import type { History, TrainStepObserver } from './callbacks';
import { saveToDirectory } from './serialization/io-node';
import { modelToJSON, type ToJSONOptions } from './serialization/json';
import type { SaveResult, SerializedModel } from './serialization/format';
import type { SaveOptions } from './serialization/save';
import { traceGradients, type GradientTrace } from './gradient-trace';

/** Options of {@link Sequential}. */
export interface SequentialOptions {
  /** The layers, first to last. @defaultValue [] */
  layers?: Layer[];
  /** The model's name. @defaultValue `'sequential_<n>'` */
  name?: string;
  /** The dtype of every parameter and activation; use `'float64'` for gradient checks. @defaultValue 'float32' */
  dtype?: DType;
}

/** Options of {@link Sequential.compile}. */
export interface CompileOptions {
  /** An optimizer instance or name (`'sgd'`, `'adam'`, …). */
  optimizer: Optimizer | string;
  /** A loss instance or name (`'mse'`, `'categoricalCrossentropy'`, …). */
  loss: Loss | string;
  /** Metric names (`'accuracy'`, `'mse'`, …) or metric objects, reported by fit and evaluate. @defaultValue [] */
  metrics?: (string | Metric)[];
}

let modelCounter = 0;

/**
 * A linear stack of layers. The forward pass runs input to loss layer by layer; the backward
 * pass runs from the loss's gradient back to the input, each layer returning the gradient
 * for the one before it (`dAPrev`) and its parameter gradients; the optimizer then applies them.
 *
 * @example
 * ```ts
 * const model = new Sequential([
 *   new Dense({ units: 8, activation: 'tanh', inputShape: [2] }),
 *   new Dense({ units: 1, activation: 'sigmoid' }),
 * ]);
 * model.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
 * const history = await model.fit(x, y, { epochs: 500, verbose: 0 });
 * ```
 */
export class Sequential {
  /** The registered class name. */
  static readonly className = 'Sequential';

  /** The model's name. */
  readonly name: string;
  /** The dtype of every parameter and activation. */
  readonly dtype: DType;
  /** Set to true (for instance from a callback) to stop `fit` after the current batch. */
  stopTraining = false;
  /**
   * Called inside every training step with each layer's output, gradients and the update (see
   * {@link TrainStepObserver}); `null` when nothing observes, which costs nothing. The
   * {@link GradientMonitor} callback sets and clears it.
   */
  trainObserver: TrainStepObserver | null = null;

  private readonly layerList: Layer[] = [];
  /** The layers' names, so that `add` checks uniqueness in constant time (loading 100k layers stays linear). */
  private readonly layerNames = new Set<string>();
  /** The last layer's output shape once the input shape is known, so that `add` need not recompute it. */
  private tailShape: Shape | null = null;
  private inputShapeValue: Shape | null = null;
  private compiled: { optimizer: Optimizer; loss: Loss; metrics: (string | Metric)[] } | null = null;

  /** @param layersOrOptions - the layers, or {@link SequentialOptions}. */
  constructor(layersOrOptions: Layer[] | SequentialOptions = {}) {
    const options = isArray(layersOrOptions) ? { layers: layersOrOptions as Layer[] } : optionsObject(layersOrOptions, 'Sequential');
    const dtype = options.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new ConfigError(`Sequential: dtype must be 'float32' or 'float64', got ${formatJson(dtype)}`);
    }
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name.length === 0)) {
      throw new ConfigError(`Sequential: name must be a non-empty string, got ${formatValue(options.name)}`);
    }
    if (options.layers !== undefined && !isArray(options.layers)) {
      throw new ConfigError(`Sequential: layers must be an array of layers, got ${kindOf(options.layers)}`);
    }
    this.dtype = dtype;
    this.name = options.name ?? `sequential_${++modelCounter}`;
    for (const layer of options.layers ?? []) this.add(layer);
  }

  /** The layers, first to last (a copy; use {@link Sequential.add} to add). */
  get layers(): Layer[] {
    return this.layerList.slice();
  }

  /** The compiled loss, or `null` before {@link Sequential.compile}. */
  get loss(): Loss | null {
    return this.compiled?.loss ?? null;
  }

  /** The compiled optimizer, or `null` before {@link Sequential.compile}. */
  get optimizer(): Optimizer | null {
    return this.compiled?.optimizer ?? null;
  }

  /** The compiled metrics as given to compile. */
  get metrics(): readonly (string | Metric)[] {
    return this.compiled?.metrics ?? [];
  }

  /** The input shape with a `null` batch axis once known, else `null`. */
  get inputShape(): Shape | null {
    return this.inputShapeValue;
  }

  /** The output shape for the known input shape, or `null` while it is unknown. */
  get outputShape(): Shape | null {
    if (!this.inputShapeValue) return null;
    return this.layerList.reduce<Shape>((shape, layer) => layer.computeOutputShape(shape), this.inputShapeValue);
  }

  /** True once every layer has been built. */
  get built(): boolean {
    return this.inputShapeValue !== null && this.layerList.every((l) => l.built);
  }

  /**
   * Frees the model's kernel-heap memory at once, for the next models to reuse: every layer's
   * parameters, gradients and buffers ({@link Layer.dispose}) and the optimizer's state for
   * them. The model and its layers are then unusable: every later call but `name`, `describe`
   * and `dispose` throws a StateError. Use it when a program makes many models one after
   * another (a hyperparameter search): without it their memory returns only when the garbage
   * collector runs, which it may rarely do.
   */
  dispose(): void {
    const optimizer = this.compiled?.optimizer;
    if (optimizer) for (const layer of this.layerList) for (const p of layer.params()) optimizer.disposeState(p);
    for (const layer of this.layerList) layer.dispose();
    releaseStagingBuffer(this);
    disposeObject(this, this.name, [], []);
  }

  /**
   * Appends a layer. If the model's input shape is known (the first layer declared
   * `inputShape`), the layer is checked against it and built at once.
   * @throws ConfigError for a non-layer or a duplicate name; ShapeError when it cannot take the previous output.
   */
  add(layer: Layer): this {
    if (!isInstance(layer, Layer)) {
      throw new ConfigError(`Sequential.add: expected a Layer, got ${layer === null ? 'null' : typeof layer}`);
    }
    if (this.layerNames.has(layer.name) && this.layerList.includes(layer)) throw new ConfigError(`Sequential.add: ${layer.describe()} is already in the model`);
    if (this.layerNames.has(layer.name)) {
      throw new ConfigError(`Sequential.add: a layer named '${layer.name}' is already in the model; layer names must be unique`);
    }
    if (this.layerList.length > 0 && layer.batchInputShape) {
      throw new ConfigError(`Sequential.add: only the first layer may declare inputShape, but ${layer.describe()} does`);
    }
    if (this.layerList.length === 0 && layer.batchInputShape) {
      this.layerList.push(layer);
      try {
        this.build(layer.batchInputShape);
      } catch (error) {
        this.layerList.pop();
        throw error;
      }
      this.layerNames.add(layer.name);
      return this;
    }
    if (this.inputShapeValue) {
      const previous = this.tailShape as Shape;
      const next = layer.computeOutputShape(previous);
      layer.build(previous, this.dtype);
      this.tailShape = next;
    }
    this.layerList.push(layer);
    this.layerNames.add(layer.name);
    return this;
  }

  /**
   * Builds every layer for inputs of `inputShape` (batch axis first, may be `null`).
   * @throws ShapeError naming the first layer that cannot take its input, or when the model is
   * already built for another input shape.
   */
  build(inputShape: Shape): void {
    if (this.layerList.length === 0) throw new StateError(`${this.name}: cannot build a model with no layers; add layers first`);
    if (!isArray(inputShape) || inputShape.length === 0 || !inputShape.slice(1).every((d) => Number.isSafeInteger(d) && (d as number) > 0)) {
      const got = isArray(inputShape) ? `[${inputShape.map(formatValue).join(', ')}]` : kindOf(inputShape);
      throw new ShapeError(`${this.name}: build needs an input shape [batch, ...sample] with positive sample axes, got ${got}`);
    }
    const shape: Shape = [null, ...inputShape.slice(1)];
    if (this.inputShapeValue) {
      // Built layers keep their weights, so a built model cannot take another input shape.
      if (shapesMatch(this.inputShapeValue, shape)) return;
      throw new ShapeError(`${this.name}: the model is already built for inputs ${formatShape(this.inputShapeValue)}, got ${formatShape(shape)}`);
    }
    // Check every shape first, so a failure leaves no layer half built.
    this.layerList.reduce<Shape>((s, layer) => layer.computeOutputShape(s), shape);
    let s = shape;
    for (const layer of this.layerList) {
      layer.build(s, this.dtype);
      s = layer.computeOutputShape(s);
    }
    this.inputShapeValue = shape;
    this.tailShape = s;
  }

  /**
   * Sets the optimizer, the loss and the metrics for training.
   * @throws ConfigError for an unknown optimizer, loss or metric name (listing the valid ones).
   */
  compile(options: CompileOptions): void {
    if (!isReadableObject(options)) throw new ConfigError('compile: expected { optimizer, loss, metrics? }');
    const optimizer = getOptimizer(options.optimizer);
    const loss = getLoss(options.loss);
    const metrics = options.metrics ?? [];
    if (!isArray(metrics)) throw new ConfigError(`compile: metrics must be an array, got ${typeof metrics}`);
    for (const m of metrics) checkMetric(m);
    this.compiled = { optimizer, loss, metrics: metrics.slice() };
  }

  /**
   * Trains the model for a number of epochs on `x` and `y` (see {@link FitOptions}) and
   * returns the {@link History} of per-epoch losses and metrics.
   */
  fit(x: DataLike, y: DataLike, options: FitOptions = {}): Promise<History> {
    return fit(this, x, y, options);
  }

  /** The mean loss (and metrics, as `[loss, ...metrics]`) on `x` and `y`, in inference mode. */
  evaluate(x: DataLike, y: DataLike, options: EvaluateOptions = {}): number | number[] {
    return evaluate(this, x, y, options);
  }

  /** The model's outputs for `x`, in inference mode, as a new tensor `[N, …]`. */
  predict(x: DataLike, options: PredictOptions = {}): Tensor {
    return predict(this, x, options);
  }

  /**
   * Runs one forward pass (in training mode) and one backward pass on a batch without
   * updating any weight, and reports every layer's input, output, `dOut`, `dAPrev` and
   * parameter gradients: the chain rule, layer by layer, for reading and teaching.
   *
   * @param options.inputGradient - also compute the first layer's `dAPrev` (skipped by default, as in training).
   */
  computeGradients(x: DataLike, y: DataLike, options?: { inputGradient?: boolean }): GradientTrace {
    return traceGradients(this, x, y, options);
  }

  /**
   * One training step on one batch: forward, loss, backward through every layer (skipping the
   * first layer's `dAPrev`), then the optimizer's update. Returns the batch loss.
   */
  trainOnBatch(x: DataLike, y: DataLike): number {
    const xs = toDataTensor(x, 'trainOnBatch: x', this.dtype);
    const ys = toDataTensor(y, 'trainOnBatch: y', this.dtype);
    if (xs.shape[0] !== ys.shape[0]) {
      throw new ShapeError(`trainOnBatch: x and y must have the same number of samples: x ${formatShape(xs.shape)}, y ${formatShape(ys.shape)}`);
    }
    this.requireCompiled('trainOnBatch');
    this.ensureBuilt(xs.shape);
    return this.trainStep(xs, ys).loss;
  }

  /**
   * Every layer's weights in layer order, as copies: its parameters, then its non-trainable
   * weights, as TensorFlow.js orders them (`[W, b]` for a Dense; `gamma`, `beta`,
   * `moving_mean`, `moving_variance` for a BatchNormalization).
   */
  getWeights(): Tensor[] {
    return this.layerList.flatMap((layer) => layerWeights(layer).map((p) => clone(p.value)));
  }

  /**
   * Replaces every weight, in the order of {@link Sequential.getWeights}. All shapes are checked
   * before anything is written, so a failed call changes nothing.
   * @throws ShapeError naming the weight and both shapes; ConfigError for the wrong count.
   */
  setWeights(weights: readonly Tensor[]): void {
    const params = this.layerList.flatMap((layer) => layerWeights(layer).map((p) => ({ layer, p })));
    if (!isArray(weights) || weights.length !== params.length) {
      throw new ConfigError(`setWeights: expected ${params.length} tensors (in getWeights() order), got ${isArray(weights) ? weights.length : typeof weights}`);
    }
    params.forEach(({ layer, p }, i) => {
      const w: unknown = weights[i];
      const ok = isTensor(w) && w.shape.length === p.value.shape.length && w.shape.every((d, k) => d === p.value.shape[k]);
      if (!ok) {
        const got = isTensor(w) ? formatShape(w.shape) : typeof w;
        throw new ShapeError(`setWeights: ${layer.describe()} weight '${p.weightName}' must have shape ${formatShape(p.value.shape)}, got ${got}`);
      }
    });
    params.forEach(({ p }, i) => copyInto(p.value, weights[i]));
  }

  /**
   * The sum of every layer's regularization penalty for the current weights (Keras's
   * `sum(model.losses)`), which the loss reported by training and evaluation includes.
   */
  regularizationLoss(): number {
    return this.layerList.reduce((sum, layer) => sum + layer.regularizationLoss(), 0);
  }

  /** The total number of scalar weights, trainable and non-trainable. */
  countParams(): number {
    return this.layerList.reduce((n, l) => n + l.countParams(), 0);
  }

  /**
   * A table of the layers with their output shapes and parameter counts, as Keras prints it.
   * @param print - receives the text; default `console.log`. Pass `() => {}` to only get the string.
   * @throws ConfigError when `print` is not a function.
   */
  summary(print: (text: string) => void = (text) => console.log(text)): string {
    if (typeof print !== 'function') throw new ConfigError(`summary: print must be a function, got ${kindOf(print)}`);
    const text = formatSummary(this);
    print(text);
    return text;
  }

  /**
   * Saves the model in the TensorFlow.js layers-model format to a directory (created if
   * needed), a `file://` URL or a `model.json` path: `model.json` and a weights binary,
   * written atomically (see `saveToDirectory`), loadable by `loadModel` and by TensorFlow.js's
   * `tf.loadLayersModel`. A float64 model is stored as float32, with a warning in the result.
   * @throws StateError for a model that is not built.
   * @example
   * ```ts
   * const { modelJsonPath, warnings } = await model.save('file://models/xor');
   * ```
   */
  save(path: string, options: SaveOptions = {}): Promise<SaveResult> {
    return saveToDirectory(this, path, options);
  }

  /**
   * The model in memory: `model.json`'s content and the weights, as base64 (the default, so
   * `JSON.stringify(model)` works) or as an `ArrayBuffer`; `fromJSON` rebuilds it.
   * @throws StateError for a model that is not built.
   */
  toJSON(options: ToJSONOptions | string = {}): SerializedModel {
    return modelToJSON(this, options);
  }

  /**
   * @internal Forward, loss (with optional `[N]` sample weights), backward and update on one
   * prepared batch; returns the loss and the predictions.
   */
  trainStep(xs: Tensor, ys: Tensor, sampleWeight?: Tensor): { loss: number; yPred: Tensor } {
    const { optimizer, loss } = this.requireCompiled('fit');
    const observer = this.trainObserver;
    let a = xs;
    for (let i = 0; i < this.layerList.length; i++) {
      a = this.layerList[i].forward(a, true);
      if (observer) observer.afterForward(i, this.layerList[i], a);
    }
    const value = loss.forward(a, ys, sampleWeight) + this.regularizationLoss();
    let g = loss.backward();
    if (observer) observer.afterLoss(value, g);
    for (let i = this.layerList.length - 1; i >= 0; i--) {
      const result = this.layerList[i].backward(g, i > 0);
      if (observer) observer.afterBackward(i, this.layerList[i], g, result);
      if (result.dAPrev) g = result.dAPrev;
    }
    observer?.beforeUpdate();
    optimizer.step(this.layerList.flatMap((l) => l.trainableParams()));
    observer?.afterUpdate();
    return { loss: value, yPred: a };
  }

  /** @internal The forward pass in inference mode; the result is the last layer's buffer. */
  forwardInference(xs: Tensor): Tensor {
    let a = xs;
    for (const layer of this.layerList) a = layer.forward(a, false);
    return a;
  }

  /** @internal Builds the model from the first data if needed, and checks the data's shape. */
  ensureBuilt(dataShape: readonly number[]): void {
    if (this.layerList.length === 0) throw new StateError(`${this.name}: the model has no layers; add layers first`);
    if (!this.built) this.build([null, ...dataShape.slice(1)]);
    const expected = this.inputShapeValue as Shape;
    if (expected.length !== dataShape.length || expected.some((d, i) => d !== null && d !== dataShape[i])) {
      throw new ShapeError(`${this.name}: input does not match the model's input shape: expected ${formatShape(expected)}, got ${formatShape(dataShape)}`);
    }
  }

  /** @internal The compiled optimizer and loss, or a StateError naming `what` needs them. */
  requireCompiled(what: string): { optimizer: Optimizer; loss: Loss; metrics: (string | Metric)[] } {
    if (!this.compiled) throw new StateError(`${what}: the model must be compiled first: call model.compile({ optimizer, loss })`);
    return this.compiled;
  }
}

/** A layer's parameters, then its non-trainable weights: the order of `getWeights`. */
function layerWeights(layer: Layer): { readonly weightName: string; readonly value: Tensor }[] {
  return [...layer.params(), ...layer.nonTrainableWeights()];
}

/**
 * Checks one entry of `compile({ metrics })`: a registered metric name, or a Metric object.
 * @throws ConfigError for an unknown name (listing the valid ones) or anything else.
 */
function checkMetric(metric: unknown): void {
  if (typeof metric === 'string') {
    if (!metricRegistry.has(metric)) {
      throw new ConfigError(`compile: unknown metric '${metric}'. Valid metric names: ${metricRegistry.names().map((n) => `'${n}'`).join(', ')}`);
    }
    return;
  }
  if (!isReadableObject(metric) || typeof metric.name !== 'string' || typeof metric.compute !== 'function') {
    throw new ConfigError(`compile: a metric must be a name or an object { name, compute(yPred, yTrue) }, got ${kindOf(metric)}`);
  }
}
