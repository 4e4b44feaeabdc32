/**
 * {@link Sequential}: a stack of layers, the chain case of the {@link Model} graph, with the
 * Keras model API (`compile`, `fit`, `evaluate`, `predict`, `summary`, weights).
 */
import { formatJson, formatValue, isArray, isInstance, kindOf, optionsObject } from './checks';
import { ConfigError, ShapeError, StateError } from './errors';
import { formatShape, shapesMatch, type DType, type Shape } from './tensor';
import { Layer } from '../layers/layer';
import { Graph } from './engine/graph';
import { Model } from './model';

/** Options of {@link Sequential}. */
export interface SequentialOptions {
  /** The layers, first to last. @defaultValue [] */
  layers?: Layer[];
  /** The model's name. @defaultValue `'sequential_<n>'` */
  name?: string;
  /** The dtype of every parameter and activation; use `'float64'` for gradient checks. @defaultValue 'float32' */
  dtype?: DType;
}

export type { CompileOptions } from './engine/compile-setup';

/**
 * A linear stack of layers: the graph where each layer reads the one before it (as Keras's
 * Sequential is a Functional model). The forward pass runs input to loss layer by layer; the
 * backward pass runs from the loss's gradient back to the input, each layer returning the
 * gradient for the one before it (`dAPrev`) and its parameter gradients; the optimizer then
 * applies them. The input shape comes from the first layer's `inputShape`, or from the first data.
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
export class Sequential extends Model {
  /** The registered class name. */
  static override readonly className: string = 'Sequential';

  private readonly layerList: Layer[] = [];
  private readonly dtypeValue: DType;
  /** The layers' names, so that `add` checks uniqueness in constant time (loading 100k layers stays linear). */
  private readonly layerNames = new Set<string>();
  /** The input shape once known (from the first layer's `inputShape`, `build` or the first data). */
  private inputShapeValue: Shape | null = null;
  /** The last layer's output shape once the input shape is known, so that `add` need not recompute it. */
  private tailShape: Shape | null = null;

  /** @param layersOrOptions - the layers, or {@link SequentialOptions}. */
  constructor(layersOrOptions: Layer[] | SequentialOptions = {}) {
    const options = isArray(layersOrOptions) ? { layers: layersOrOptions as Layer[] } : optionsObject(layersOrOptions, 'Sequential', ['layers', 'name', 'dtype'] satisfies (keyof SequentialOptions)[]);
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
    super(options.name === undefined ? ({} as never) : ({ name: options.name } as never));
    this.dtypeValue = dtype;
    for (const layer of options.layers ?? []) this.add(layer);
  }

  /** The dtype of every parameter and activation. */
  override get dtype(): DType {
    return this.dtypeValue;
  }

  /** The layers, first to last (a copy; use {@link Sequential.add} to add). */
  override get layers(): Layer[] {
    return this.layerList.slice();
  }

  /** One input, named `'input'` (records of data may use that key). */
  override get inputNames(): readonly string[] {
    return ['input'];
  }

  /** One output, named after the last layer. */
  override get outputNames(): readonly string[] {
    const last = this.layerList[this.layerList.length - 1];
    return [last ? last.name : 'output'];
  }

  /** The input shape with a `null` batch axis once known, else `null`. */
  override get inputShapes(): readonly Shape[] | null {
    return this.inputShapeValue ? [this.inputShapeValue] : null;
  }

  /** The output shape for the known input shape, or `null` while it is unknown. */
  override get outputShape(): Shape | null {
    return this.tailShape;
  }

  /** True once every layer has been built. */
  override get built(): boolean {
    return this.inputShapeValue !== null && this.layerList.every((l) => l.built);
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
    if (layer.takesInputList) throw new ConfigError(`Sequential.add: ${layer.describe()} takes several inputs; use a functional Model for it`);
    if (layer.outputCount > 1) throw new ConfigError(`Sequential.add: ${layer.describe()} has ${layer.outputCount} outputs (returnState); a Sequential model's layers have one output each, so use a functional Model for it`);
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
    // The chain's graph is made again, once, when it is next needed (adding stays constant time).
    this.graph = null;
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

  /** None: a Sequential is saved as Keras's `Sequential`, a list of layers. */
  override connections(): null {
    return null;
  }

  /** The output shape for data of `dataShapes`: once built, the graph's; before, worked out layer by layer without building. */
  override outputShapesFor(dataShapes: readonly (readonly number[])[]): Shape[] {
    if (this.inputShapeValue || this.layerList.length === 0) return super.outputShapesFor(dataShapes);
    if (dataShapes.length !== 1) throw new ShapeError(`${this.name}: a Sequential model has one input, got ${dataShapes.length}`);
    const input: Shape = [null, ...dataShapes[0].slice(1)];
    return [this.layerList.reduce<Shape>((shape, layer) => layer.computeOutputShape(shape), input)];
  }

  /** Builds from the first data's shape when the input shape is still unknown. */
  protected override requireGraph(dataShapes: readonly (readonly number[])[]): Graph {
    if (this.layerList.length === 0) throw new StateError(`${this.name}: the model has no layers; add layers first`);
    if (!this.inputShapeValue) {
      if (dataShapes.length !== 1) throw new ShapeError(`${this.name}: a Sequential model has one input, got ${dataShapes.length}`);
      this.build([null, ...dataShapes[0].slice(1)]);
    }
    this.graph ??= Graph.chain(this.layerList, this.inputShapeValue as Shape);
    return this.graph;
  }

  /** One row per layer; output shapes are `?` until the input shape is known. */
  protected override summaryRows(): { layer: Layer; shape: Shape | null; inputs: string[] }[] {
    let shape: Shape | null = this.inputShapeValue;
    return this.layerList.map((layer) => {
      shape = shape ? layer.computeOutputShape(shape) : null;
      return { layer, shape, inputs: [] };
    });
  }
}
