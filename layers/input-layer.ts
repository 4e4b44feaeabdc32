/** {@link InputLayer} and {@link input}: the entry points of a functional model's graph. */
import { formatJson, isArray, optionsObject } from '../lib/checks';
import { ConfigError, StateError } from '../lib/errors';
import type { DType, Shape, Tensor } from '../lib/tensor';
import { Layer, type LayerConfig, type LayerOptions } from './layer';
import { SymbolicTensor } from './symbolic-tensor';

/** Options of {@link input}. */
export interface InputOptions {
  /** The shape of one sample, without the batch axis, e.g. `[784]`. */
  shape?: readonly number[];
  /** The full shape with the batch axis first (`null` for any batch); alternative to `shape`. */
  batchShape?: Shape;
  /** The input's name, unique within a model; data records are keyed by it. @defaultValue `'input_<n>'` */
  name?: string;
  /** The dtype of the values. @defaultValue 'float32' */
  dtype?: DType;
}

/**
 * The layer behind a model input (Keras's `InputLayer`): it holds the input's shape and
 * produces the symbolic tensor that the first layers are called on. It has no weights and
 * never runs: the model feeds the data straight to the layers that read it.
 */
export class InputLayer extends Layer {
  static override readonly className: string = 'InputLayer';
  static override readonly optionKeys: readonly string[] = ['dtype'];

  /** The dtype of the values this input takes. */
  readonly inputDtype: DType;
  /** The symbolic tensor this input produces. */
  readonly output: SymbolicTensor;

  constructor(options: LayerOptions & { dtype?: DType }) {
    super(options);
    if (!this.batchInputShape) throw new ConfigError(`${this.describe()}: needs a shape, e.g. input({ shape: [784] })`);
    const dtype = options.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64') throw new ConfigError(`${this.describe()}: dtype must be 'float32' or 'float64', got ${formatJson(dtype)}`);
    this.inputDtype = dtype;
    this.build(this.batchInputShape, dtype);
    this.output = new SymbolicTensor([null, ...this.batchInputShape.slice(1)], dtype, { layer: this, index: 0, inputs: [] });
    (this.inboundNodes as unknown as unknown[]).push(this.output.node);
  }

  /** `new InputLayer(config)`: rebuilds an input from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig & { dtype?: DType }): InputLayer {
    return new InputLayer(config);
  }

  override getConfig(): LayerConfig & { dtype: DType } {
    return { ...super.getConfig(), dtype: this.inputDtype };
  }

  /** The input's shape: it passes its values on unchanged. */
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape.slice();
  }

  /** An input never runs. @throws StateError always. */
  protected call(x: Tensor): Tensor {
    void x;
    throw new StateError(`${this.describe()}: an input layer has no forward pass; feed the data to the model`);
  }

  /** An input never runs. @throws StateError always. */
  protected backprop(): Tensor | null {
    throw new StateError(`${this.describe()}: an input layer has no backward pass`);
  }
}

/**
 * A symbolic model input of one sample's `shape` (Keras's `keras.Input`, TensorFlow.js's
 * `tf.input`): call layers on it with `layer.apply(x)`, then make a `Model` from the inputs
 * and outputs.
 * @throws ConfigError without a shape, or for a shape that is not positive integers.
 * @example
 * ```ts
 * const x = input({ shape: [2] });
 * const y = new Dense({ units: 1 }).apply(new Dense({ units: 8, activation: 'relu' }).apply(x));
 * const model = new Model({ inputs: x, outputs: y });
 * ```
 */
export function input(options: InputOptions): SymbolicTensor {
  const { shape, batchShape, name, dtype } = optionsObject(options, 'input', ['shape', 'batchShape', 'name', 'dtype']);
  if (shape === undefined && batchShape === undefined) throw new ConfigError('input: give shape (one sample, e.g. [784]) or batchShape');
  if (shape !== undefined && !isArray(shape)) throw new ConfigError(`input: shape must be an array of positive integers, got ${formatJson(shape)}`);
  const layer = new InputLayer({
    ...(name !== undefined ? { name } : {}),
    ...(dtype !== undefined ? { dtype } : {}),
    ...(shape !== undefined ? { inputShape: shape } : { batchInputShape: batchShape }),
  });
  return layer.output;
}
