/**
 * {@link Model}: a graph of layers between symbolic inputs and outputs (Keras's functional
 * API), with the Keras model API: `compile`, `fit`, `evaluate`, `predict`, `summary`, weights.
 */
import { isArray, kindOf, optionsObject } from './checks';
import { ConfigError, ShapeError, StateError } from './errors';
import { clone, copyInto, formatShape, isTensor, type DType, type Shape, type Tensor } from './tensor';
import { Layer } from '../layers/layer';
import { InputLayer } from '../layers/input-layer';
import { isSymbolicTensor, type LayerNode, type SymbolicTensor } from '../layers/symbolic-tensor';
import type { Loss } from '../losses/loss';
import type { Optimizer } from '../optimizers/optimizer';
import type { Metric } from './metrics';
import type { History } from './callbacks';
import { fit, evaluate, type FitOptions, type EvaluateLogs, type EvaluateOptions } from './training';
import { predict, releaseStagingBuffer, type PredictOptions } from './predict';
import { disposeObject } from '../layers/disposal';
import { traceGradients, type GradientTrace } from './gradient-trace';
import { saveToDirectory } from './serialization/io-node';
import { isKerasFilePath } from './serialization/keras-path';
import { saveKerasFile } from './serialization/keras3';
import { modelToJSON, type ToJSONOptions } from './serialization/json';
import type { SaveResult, SerializedModel } from './serialization/format';
import type { SaveOptions } from './serialization/save';
import { formatSummary } from './summary';
import { resolveCompile, type CompileOptions, type CompiledSetup } from './engine/compile-setup';
import type { GraphConnections, NodeRef, SavableModel } from './engine/engine-model';
import { checkedLabels } from './engine/labels';
import { Graph } from './engine/graph';
import { NestedModel } from './engine/nested-model';
import { trainStep } from './engine/train-step';
import { ModelSnapshot } from './model-snapshot';
import type { ModelData } from './engine/model-data';
import { toDataList } from './engine/model-data';
import type { TrainStepObserver } from './engine/train-step-observer';

/** Options of {@link Model}. */
export interface ModelOptions {
  /** The symbolic input, or inputs, from `input({ shape })`. */
  inputs: SymbolicTensor | readonly SymbolicTensor[];
  /** The symbolic output, or outputs, of layers called on the inputs. */
  outputs: SymbolicTensor | readonly SymbolicTensor[];
  /** The model's name. @defaultValue `'model_<n>'` */
  name?: string;
}

let modelCounter = 0;

/** The next default model name for `prefix` (`'model_1'`, `'sequential_2'`, …). */
export function nextModelName(prefix: string): string {
  return `${prefix}_${++modelCounter}`;
}

/**
 * A model whose layers form a graph: any number of inputs and outputs, layers called on
 * several inputs (merge layers), a tensor read by several layers, a layer called at two places
 * (shared weights). The forward pass runs the layer calls in topological order; the backward
 * pass runs them in reverse, summing the gradients where a tensor feeds several layers
 * (`Graph.backward`); the optimizer then applies them. `Sequential` is the chain case.
 *
 * @example
 * ```ts
 * const x = input({ shape: [16] });
 * const h = new Dense({ units: 16, activation: 'relu' }).apply(x);
 * const y = new Dense({ units: 1 }).apply(new Add().apply([x, h])); // a residual block
 * const model = new Model({ inputs: x, outputs: y });
 * model.compile({ optimizer: 'adam', loss: 'mse' });
 * ```
 */
export class Model implements SavableModel {
  /** The registered class name. */
  static readonly className: string = 'Model';

  /** The model's name. */
  readonly name: string;
  /** Set to true (for instance from a callback) to stop `fit` after the current batch. */
  stopTraining = false;
  /**
   * Called inside every training step with each layer's output, gradients and the update (see
   * {@link TrainStepObserver}); `null` when nothing observes, which costs nothing. The
   * `GradientMonitor` callback sets and clears it.
   */
  trainObserver: TrainStepObserver | null = null;

  /** The graph, once the input shapes are known. */
  protected graph: Graph | null = null;
  private compiled: CompiledSetup | null = null;
  private runningCall: string | null = null;
  private asLayer: NestedModel | null = null;
  private readonly inputTensors: readonly SymbolicTensor[];
  private readonly outputTensors: readonly SymbolicTensor[];
  /** Whether `inputs` and `outputs` were given as lists (Keras saves a list of one and a lone tensor differently). */
  private readonly givenAsLists: { inputs: boolean; outputs: boolean } = { inputs: true, outputs: true };

  /**
   * @throws ConfigError when an input is not from `input()`, an output is not symbolic, or an
   * output depends on a symbolic tensor that is not among the inputs.
   */
  constructor(options: ModelOptions) {
    const { inputs, outputs, name } = optionsObject(options, new.target.className, ['inputs', 'outputs', 'name'] satisfies (keyof ModelOptions)[]);
    this.name = checkName(name, new.target.className) ?? nextModelName(new.target === Model ? 'model' : new.target.className.toLowerCase());
    if (new.target !== Model && inputs === undefined) {
      this.inputTensors = [];
      this.outputTensors = [];
      return;
    }
    const ins = symbolicList(inputs, 'inputs');
    const outs = symbolicList(outputs, 'outputs');
    for (const t of ins) {
      if (!(t.node.layer instanceof InputLayer)) throw new ConfigError(`Model: inputs must come from input({ shape }), got ${t.toString()}`);
    }
    this.inputTensors = ins;
    this.outputTensors = outs;
    this.givenAsLists = { inputs: isArray(inputs), outputs: isArray(outputs) };
    this.graph = Graph.between(ins, outs);
    const names = this.layers.map((l) => l.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) throw new ConfigError(`Model: two layers are named '${duplicate}'; layer names must be unique`);
  }

  /** The dtype of every parameter and activation (the inputs' dtype). */
  get dtype(): DType {
    return this.inputTensors[0]?.dtype ?? 'float32';
  }

  /** The layers, inputs first, then each layer in the order of its first call (a copy). */
  get layers(): Layer[] {
    const graph = this.graph;
    if (!graph) return [];
    return [...this.inputTensors.map((t) => t.node.layer as Layer), ...graph.layers];
  }

  /**
   * The layer named `name`.
   * @throws ConfigError naming the valid names when there is none.
   */
  getLayer(name: string): Layer {
    const layer = this.layers.find((l) => l.name === name);
    if (!layer) throw new ConfigError(`${this.name}: no layer named '${String(name)}'; the layers are ${this.layers.map((l) => `'${l.name}'`).join(', ')}`);
    return layer;
  }

  /** The inputs' names (their input layers' names), which data records are keyed by. */
  get inputNames(): readonly string[] {
    return this.inputTensors.map((t) => t.node.layer.name);
  }

  /**
   * The outputs' names, which label records, losses per output and History keys use: their
   * layers' names, made unique as Keras does when one layer gives several outputs (a recurrent
   * layer's output and its states: `'lstm'`, `'lstm_1'`, `'lstm_2'`).
   */
  get outputNames(): readonly string[] {
    const names = new Set<string>();
    const counts = new Map<string, number>();
    return this.outputTensors.map((t) => {
      const base = t.node.layer.name;
      let name = base;
      while (names.has(name)) {
        const count = counts.get(base) ?? 1;
        name = `${base}_${count}`;
        counts.set(base, count + 1);
      }
      names.add(name);
      return name;
    });
  }

  /** The input shapes with a `null` batch axis. */
  get inputShapes(): readonly Shape[] | null {
    return this.graph ? this.graph.inputSlots.map((s) => (this.graph as Graph).shapes[s]) : null;
  }

  /** The first input's shape with a `null` batch axis once known, else `null`. */
  get inputShape(): Shape | null {
    return this.inputShapes?.[0] ?? null;
  }

  /** The first output's shape for the known input shapes, or `null` while they are unknown. */
  get outputShape(): Shape | null {
    const graph = this.graph;
    return graph ? graph.shapes[graph.outputSlots[0]] : null;
  }

  /** True once every layer has been built. */
  get built(): boolean {
    return this.graph !== null && this.layers.every((l) => l.built);
  }

  /** The compiled loss of the first output, or `null` before {@link Model.compile}. */
  get loss(): Loss | null {
    return this.compiled?.losses[0] ?? null;
  }

  /** The compiled optimizer, or `null` before {@link Model.compile}. */
  get optimizer(): Optimizer | null {
    return this.compiled?.optimizer ?? null;
  }

  /** The compiled metrics of the first output, as given to compile. */
  get metrics(): readonly (string | Metric)[] {
    return this.compiled?.metrics[0] ?? [];
  }

  /**
   * Sets the optimizer, the loss (one, or one per output) and the metrics for training.
   * @throws ConfigError for an unknown optimizer, loss or metric name (listing the valid ones).
   */
  compile(options: CompileOptions): void {
    this.compiled = resolveCompile(options, this.outputNames);
  }

  /**
   * Trains the model for a number of epochs on `x` and `y` (see {@link FitOptions}) and
   * returns the {@link History} of per-epoch losses and metrics. `x` and `y` are a tensor each
   * for one input and output, else arrays (in order) or records keyed by name.
   */
  fit(x: ModelData, y: ModelData, options: FitOptions = {}): Promise<History> {
    return fit(this, x, y, options);
  }

  /**
   * The mean loss and metrics on `x` and `y`, in inference mode, as Keras returns them: the loss
   * alone (a `number`) when no metrics were compiled and the model has one output, else
   * `[loss, ...metrics]` (after `loss`, each output's loss for several outputs, then the metrics
   * in compile order). With `returnDict: true`, the same values keyed as in History:
   * `{ loss, accuracy }`.
   *
   * The types cannot see what `compile` was given, so without `returnDict` the result is
   * `number | number[]`; state the form you compiled for with the type parameter, as with
   * `predict`: `const [loss, accuracy] = model.evaluate<[number, number]>(x, y)` (a tuple, so
   * each value is a `number` even under `noUncheckedIndexedAccess`; `number[]` also works) or
   * `const loss = model.evaluate<number>(x, y)`. With `returnDict: true` the result is
   * always a {@link EvaluateLogs} with `loss`, and the type parameter names the other keys you
   * compiled for: `model.evaluate<'accuracy'>(x, y, { returnDict: true }).accuracy`. The
   * parameter is not checked against the compile options (as `predict<Tensor[]>` is not).
   *
   * @example
   * ```ts
   * model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
   * const [loss, accuracy] = model.evaluate<[number, number]>(x, y);
   * const logs = model.evaluate<'accuracy'>(x, y, { returnDict: true }); // { loss: 0.12, accuracy: 0.97 }
   * ```
   */
  evaluate<Keys extends string = never>(x: ModelData, y: ModelData, options: EvaluateOptions & { returnDict: true }): EvaluateLogs<Keys>;
  evaluate<T extends number | number[] = number | number[]>(x: ModelData, y: ModelData, options?: EvaluateOptions & { returnDict?: false }): NoInfer<T>;
  evaluate(x: ModelData, y: ModelData, options?: EvaluateOptions): number | number[] | EvaluateLogs;
  evaluate(x: ModelData, y: ModelData, options: EvaluateOptions = {}): number | number[] | EvaluateLogs {
    return evaluate(this, x, y, options);
  }

  /**
   * The model's outputs for `x`, in inference mode: a new tensor `[N, …]`, or an array of one
   * per output for a model of several outputs (say so with the type parameter:
   * `model.predict<Tensor[]>(x)`).
   */
  predict<T extends Tensor | Tensor[] = Tensor>(x: ModelData, options: PredictOptions = {}): NoInfer<T> {
    return predict(this, x, options) as T;
  }

  /**
   * Runs one training step's forward and backward pass on a batch without updating any weight
   * or any other state, and reports every layer call's input, output, `dOut`, `dAPrev` and
   * parameter gradients: the chain rule, layer by layer, for reading and teaching.
   *
   * @param options.inputGradient - also compute the gradient of the data (skipped by default, as in training).
   */
  computeGradients(x: ModelData, y: ModelData, options?: { inputGradient?: boolean }): GradientTrace {
    return traceGradients(this, x, y, options);
  }

  /**
   * One training step on one batch: forward, loss, backward through every layer, then the
   * optimizer's update. Returns the batch loss. A step that throws changes nothing.
   */
  trainOnBatch(x: ModelData, y: ModelData): number {
    const done = this.beginCall('trainOnBatch');
    try {
      this.requireCompiled('trainOnBatch');
      const xs = toDataList(x, this.inputNames, 'trainOnBatch: x', this.dtype);
      const ys = toDataList(y, this.outputNames, 'trainOnBatch: y', this.dtype);
      for (const t of [...xs.slice(1), ...ys]) {
        if (t.shape[0] !== xs[0].shape[0]) {
          throw new ShapeError(`trainOnBatch: x and y must have the same number of samples: x ${formatShape(xs[0].shape)}, y ${formatShape(t.shape)}`);
        }
      }
      const labels = checkedLabels(this, xs, ys, 'trainOnBatch');
      // The forward half moves BatchNormalization's statistics and the random generators before
      // a loss can reject its labels' values: a step that throws puts them back.
      const guard = ModelSnapshot.take(this, false);
      try {
        return trainStep(this, xs, labels, null).loss;
      } catch (error) {
        guard.restore();
        throw error;
      }
    } finally {
      done();
    }
  }

  /**
   * Every layer's weights in layer order, as copies: its parameters, then its non-trainable
   * weights, as TensorFlow.js orders them (`[W, b]` for a Dense; `gamma`, `beta`,
   * `moving_mean`, `moving_variance` for a BatchNormalization).
   */
  getWeights(): Tensor[] {
    return this.layers.flatMap((layer) => layerWeights(layer).map((p) => clone(p.value)));
  }

  /**
   * Replaces every weight, in the order of {@link Model.getWeights}. All shapes are checked
   * before anything is written, so a failed call changes nothing.
   * @throws ShapeError naming the weight and both shapes; ConfigError for the wrong count.
   */
  setWeights(weights: readonly Tensor[]): void {
    const params = this.layers.flatMap((layer) => layerWeights(layer).map((p) => ({ layer, p })));
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
    return this.layers.reduce((sum, layer) => sum + layer.regularizationLoss(), 0);
  }

  /** The total number of scalar weights, trainable and non-trainable. */
  countParams(): number {
    return this.layers.reduce((n, l) => n + l.countParams(), 0);
  }

  /**
   * A table of the layers with their output shapes, parameter counts and (for graphs) the
   * layers each call reads, as Keras prints it.
   * @param print - receives the text; default `console.log`. Pass `() => {}` to only get the string.
   * @throws ConfigError when `print` is not a function.
   */
  summary(print: (text: string) => void = (text) => console.log(text)): string {
    if (typeof print !== 'function') throw new ConfigError(`summary: print must be a function, got ${kindOf(print)}`);
    const text = formatSummary(this.summaryRows(), this.name);
    print(text);
    return text;
  }

  /**
   * Saves the model in the TensorFlow.js layers-model format to a directory (created if
   * needed), a `file://` URL or a `model.json` path: `model.json` and a weights binary,
   * written atomically, loadable by `loadModel` and by TensorFlow.js's `tf.loadLayersModel`.
   * A float64 model is stored as float32, with a warning in the result.
   *
   * A path ending in `.keras` writes a Keras 3 `.keras` file instead (a zip of `metadata.json`,
   * `config.json` and `model.weights.h5`, written atomically), which `keras.saving.load_model`
   * reads, with the compile settings as Keras's `compile_config`; Sequential models only so far,
   * and without the optimizer state (`options` must be empty).
   * @throws StateError for a model that is not built; ConfigError for options with a `.keras` path.
   * @example
   * ```ts
   * const { modelJsonPath, warnings } = await model.save('file://models/xor');
   * await model.save('models/xor.keras');   // for Keras 3
   * ```
   */
  save(path: string, options: SaveOptions = {}): Promise<SaveResult> {
    if (isKerasFilePath(path)) {
      try {
        const given = Object.keys(optionsObject(options, 'save', ['includeOptimizer', 'epoch']));
        if (given.length > 0) throw new ConfigError(`save: ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} not supported for .keras files (the optimizer state is not written to them)`);
      } catch (error) {
        return Promise.reject(error);
      }
      return saveKerasFile(this, path.replace(/^file:\/\//i, ''));
    }
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
   * Calls the model on symbolic tensors, as a layer of another model (Keras's `model(x)`): its
   * layers' forward and backward passes become one call of the outer graph, and its weights
   * train with the outer model. A model of one output, called once per graph.
   * @throws ConfigError for a model of several outputs, or inputs that do not fit.
   */
  apply(inputs: SymbolicTensor | readonly SymbolicTensor[]): SymbolicTensor {
    const list: readonly unknown[] = isArray(inputs) ? inputs : [inputs];
    if (!list.every(isSymbolicTensor)) throw new ConfigError(`${this.name}.apply: expected a SymbolicTensor or a list of them`);
    const graph = this.requireGraph((list as readonly SymbolicTensor[]).map((t) => t.shape.map((d) => d ?? 1)));
    this.asLayer ??= new NestedModel(this.name, graph, this.layers.filter((l) => !(l instanceof InputLayer)));
    return this.asLayer.apply(inputs);
  }

  /**
   * Frees the model's kernel-heap memory at once, for the next models to reuse: every layer's
   * parameters, gradients and buffers (`Layer.dispose`, the call instances of shared layers
   * included) and the optimizer's state for them. The model and its layers are then unusable:
   * every later call but `dispose` throws a StateError. Use it when a program makes many models
   * one after another (a hyperparameter search): without it their memory returns only when the
   * garbage collector runs, which it may rarely do.
   */
  dispose(): void {
    const optimizer = this.compiled?.optimizer;
    const layers = this.layers;
    if (optimizer) for (const layer of layers) for (const p of layer.params()) optimizer.disposeState(p);
    // Call instances first: they free only their own gradients and buffers, not the shared weights.
    const instances = this.graph ? this.graph.callLayers.filter((l) => !layers.includes(l)) : [];
    for (const layer of [...instances, ...layers]) layer.dispose();
    releaseStagingBuffer(this);
    disposeObject(this, this.name, [], []);
  }

  /**
   * The model's connections as Keras's functional config lists them: each layer (inputs first,
   * then in the order of first call) with the tensors each of its calls reads, as
   * `[layerName, nodeIndex, tensorIndex]` (the tensor index picks a recurrent layer's state). A layer's calls are numbered as Keras's `get_config` numbers
   * them: in the order they were made, counting only the calls this model runs (a layer also
   * called in another model keeps 0, 1, … here).
   */
  connections(): GraphConnections | null {
    const graph = this.graph as Graph;
    const inputNodes = new Set(this.inputTensors.map((t) => t.node));
    const nodes = new Set<LayerNode>(inputNodes);
    const visit = (t: SymbolicTensor): void => {
      if (nodes.has(t.node)) return;
      nodes.add(t.node);
      t.node.inputs.forEach(visit);
    };
    this.outputTensors.forEach(visit);
    const order = [...new Set([...this.inputTensors.map((t) => t.node.layer as Layer), ...graph.layers])];
    const calls = new Map<Layer, LayerNode[]>(order.map((layer) => [layer, []]));
    for (const node of nodes) calls.get(node.layer as Layer)?.push(node);
    const number = new Map<LayerNode, number>();
    for (const list of calls.values()) list.sort((a, b) => a.index - b.index).forEach((node, k) => number.set(node, k));
    const ref = (t: SymbolicTensor): NodeRef => [t.node.layer.name, number.get(t.node) as number, t.outputIndex];
    return {
      inputLayers: this.inputTensors.map(ref),
      outputLayers: this.outputTensors.map(ref),
      layers: order.map((layer) => ({ layer, inboundNodes: (calls.get(layer) as LayerNode[]).filter((n) => !inputNodes.has(n)).map((n) => n.inputs.map(ref)) })),
      inputsAsList: this.givenAsLists.inputs,
      outputsAsList: this.givenAsLists.outputs,
    };
  }

  /**
   * The output shapes for data of `dataShapes` (batch first), worked out without building
   * anything. @throws ShapeError when the data does not fit the inputs.
   */
  outputShapesFor(dataShapes: readonly (readonly number[])[]): Shape[] {
    const graph = this.ensureBuilt(dataShapes);
    return graph.outputSlots.map((slot) => graph.shapes[slot]);
  }

  /** @internal The graph for data of `dataShapes`, after checking them against the inputs. */
  ensureBuilt(dataShapes: readonly (readonly number[])[]): Graph {
    const graph = this.requireGraph(dataShapes);
    const expected = this.inputShapes as readonly Shape[];
    if (dataShapes.length !== expected.length) {
      throw new ShapeError(`${this.name}: the model has ${expected.length} inputs, got ${dataShapes.length}`);
    }
    dataShapes.forEach((shape, k) => {
      const spec = expected[k];
      if (spec.length !== shape.length || spec.some((d, i) => d !== null && d !== shape[i])) {
        const which = expected.length > 1 ? ` '${this.inputNames[k]}'` : '';
        throw new ShapeError(`${this.name}: input${which} does not match the model's input shape: expected ${formatShape(spec)}, got ${formatShape(shape)}`);
      }
    });
    return graph;
  }

  /** @internal The compiled setup, or a StateError naming `what` needs it. */
  requireCompiled(what: string): CompiledSetup {
    if (!this.compiled) throw new StateError(`${what}: the model must be compiled first: call model.compile({ optimizer, loss })`);
    return this.compiled;
  }

  /**
   * @internal Marks `what` as running until the returned function is called. While `fit` runs,
   * a second `fit` or a `trainOnBatch` throws (TensorFlow.js does the same), and so do
   * `evaluate` and `predict` unless a callback of the running fit calls them.
   */
  beginCall(what: string): () => void {
    const running = this.runningCall;
    if (running !== null) {
      const isNested = running === 'fit' && this.isInCallback && (what === 'evaluate' || what === 'predict' || what === 'save');
      if (!isNested) throw new StateError(`${what}: ${this.name} is running ${running}; wait for it to finish (await it) before calling ${what}`);
      return () => {};
    }
    this.runningCall = what;
    return () => { this.runningCall = null; };
  }

  /** @internal True while the running `fit` is inside a callback hook. */
  isInCallback = false;

  /** The graph, building it first when the subclass builds lazily (Sequential). */
  protected requireGraph(dataShapes: readonly (readonly number[])[]): Graph {
    void dataShapes;
    return this.graph as Graph;
  }

  /** The summary's rows: each layer call with its output shape, parameter count and inputs. */
  protected summaryRows(): { layer: Layer; shape: Shape | readonly Shape[] | null; inputs: string[] }[] {
    const graph = this.graph as Graph;
    const slotNames = new Map<number, string>();
    this.inputTensors.forEach((t, k) => slotNames.set(graph.inputSlots[k], t.node.layer.name));
    const rows: { layer: Layer; shape: Shape | readonly Shape[]; inputs: string[] }[] = this.inputTensors.map((t) => ({ layer: t.node.layer as Layer, shape: t.shape, inputs: [] }));
    for (const step of graph.steps) {
      // A further output (a recurrent layer's state) is named by its index: `lstm[1]`.
      step.outputs.forEach((slot, k) => slotNames.set(slot, k === 0 ? step.layer.name : `${step.layer.name}[${k}]`));
      const shape = step.outputs.length === 1 ? graph.shapes[step.output] : step.outputs.map((slot) => graph.shapes[slot]);
      rows.push({ layer: step.layer, shape, inputs: step.inputs.map((s) => slotNames.get(s) as string) });
    }
    // A shared layer is listed once, at its first call, with every input it reads.
    const seen = new Map<Layer, { inputs: string[] }>();
    return rows.filter((row) => {
      const first = seen.get(row.layer);
      if (first) {
        first.inputs.push(...row.inputs);
        return false;
      }
      seen.set(row.layer, row);
      return true;
    });
  }
}

/** A layer's parameters, then its non-trainable weights: the order of `getWeights`. */
export function layerWeights(layer: Layer): { readonly weightName: string; readonly value: Tensor }[] {
  return [...layer.params(), ...layer.nonTrainableWeights()];
}

function checkName(name: unknown, owner: string): string | undefined {
  if (name !== undefined && (typeof name !== 'string' || name.length === 0)) {
    throw new ConfigError(`${owner}: name must be a non-empty string, got ${kindOf(name)}`);
  }
  return name as string | undefined;
}

function symbolicList(value: unknown, what: string): SymbolicTensor[] {
  const list = isArray(value) ? value : [value];
  if (list.length === 0 || !list.every(isSymbolicTensor)) {
    throw new ConfigError(`Model: ${what} must be a SymbolicTensor or a list of them (from input() and layer.apply()), got ${kindOf(value)}`);
  }
  return list.slice();
}

