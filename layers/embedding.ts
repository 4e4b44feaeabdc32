/** {@link Embedding}: looks up one trainable vector per integer index. */
import ndarray from 'ndarray';
import { formatJson, formatValue, isArray, isReadableObject } from '../lib/checks';
import { ConfigError, DataError, ShapeError } from '../lib/errors';
import {
  getInitializer, serializeInitializer,
  type Initializer, type InitializerIdentifier, type SerializedInitializer,
} from '../lib/initializers';
import { gatherRows, scatterAddRows } from '../lib/kernels';
import {
  getRegularizer, serializeRegularizer,
  type Regularizer, type RegularizerIdentifier, type SerializedRegularizer,
} from '../lib/regularizers';
import { formatShape, toContiguous, type DType, type Shape, type Tensor } from '../lib/tensor';
import { asRows } from './last-axis-input';
import { Layer, type LayerConfig, type LayerOptions, type Param } from './layer';
import type { Mask } from './mask';

/** Options of {@link Embedding}. */
export interface EmbeddingOptions extends LayerOptions {
  /** The vocabulary size: indices run over `[0, inputDim)`; a positive integer. */
  inputDim: number;
  /** The length of each embedding vector; a positive integer. */
  outputDim: number;
  /**
   * How the table `E` starts: a name, an Initializer or `{ className, config }`.
   * @defaultValue 'randomUniform' (uniform in `[-0.05, 0.05)`, as Keras's `RandomUniform()`)
   */
  embeddingsInitializer?: InitializerIdentifier;
  /** A penalty on `E` added to the loss (`l2(1e-4)`, `'l2'`, `{ className, config }`). @defaultValue none */
  embeddingsRegularizer?: RegularizerIdentifier;
  /**
   * When true, index 0 is padding: the output carries a mask `[batch, time]` that is 0 where
   * the index is 0, for the layers after it and the loss (so `inputDim` should be the
   * vocabulary size + 1). Needs input `[batch, time]`. @defaultValue false
   */
  maskZero?: boolean;
  /**
   * The length of the index sequences (TensorFlow.js's `inputLength`): a positive integer, or
   * an array of them for input of rank > 2. When no `inputShape` is given it becomes the input
   * shape; otherwise the input must agree with it. @defaultValue any length
   */
  inputLength?: number | number[];
}

/** The JSON form of an {@link Embedding}: its options with defaults resolved. */
export interface EmbeddingConfig extends LayerConfig {
  inputDim: number;
  outputDim: number;
  embeddingsInitializer: string | SerializedInitializer;
  /** Present only when a regularizer was given. */
  embeddingsRegularizer?: SerializedRegularizer;
  maskZero: boolean;
  /** Present only when it was given. */
  inputLength?: number | number[];
}

/**
 * A lookup table `E` (weight name `embeddings`, `[inputDim, outputDim]`): each index `i` of the
 * input becomes row `E_i`, `Y_{…, :} = E_{X_…, :}` (Keras's `Embedding`). The indices are
 * integers held in a float tensor; each must be in `[0, inputDim)`. Forward caches the indices
 * when training.
 *
 * Backward: `∂Y_{n,:}/∂E_{i,:} = [X_n = i]·I`, so `dE_i = Σ_{n: X_n = i} dOut_{n,:}`, a
 * scatter-add of the rows of `dOut` into the rows of their indices (a repeated index gets the
 * sum). The indices are not differentiable: `dAPrev` is zeros.
 *
 * Input: `[batch, …]` of rank ≥ 2 (`[batch, time]` with `maskZero`). Output: `[batch, …, outputDim]`.
 *
 * @throws ConfigError for an `inputDim` or `outputDim` that is not a positive integer, a bad
 * initializer, regularizer, `maskZero` or `inputLength`.
 * @throws DataError from forward for an index that is not an integer in `[0, inputDim)`.
 * @throws ShapeError for input of rank < 2, of rank ≠ 2 with `maskZero`, or that contradicts `inputLength`.
 * @example
 * ```ts
 * const embed = new Embedding({ inputDim: 100, outputDim: 8, maskZero: true });
 * embed.forward(tensor([[4, 7, 0]])); // [1, 3, 8]; mask [[1, 1, 0]]
 * ```
 */
export class Embedding extends Layer {
  static override readonly className: string = 'Embedding';
  static override readonly optionKeys: readonly string[] = ['inputDim', 'outputDim', 'embeddingsInitializer', 'embeddingsRegularizer', 'maskZero', 'inputLength'];

  /** The vocabulary size. */
  readonly inputDim: number;
  /** The length of each embedding vector. */
  readonly outputDim: number;
  /** How `E` starts. */
  readonly embeddingsInitializer: Initializer;
  /** The penalty on `E`, or `null`. */
  readonly embeddingsRegularizer: Regularizer | null;
  /** Whether index 0 is masked as padding. */
  readonly maskZero: boolean;
  /** The declared sequence shape, or `null` for any. */
  readonly inputLength: readonly number[] | null;

  /** Whether `inputLength` was given as one number (how getConfig writes it back). */
  private readonly isScalarLength: boolean;
  private E: Param | null = null;
  /** The indices of the latest forward as integers, reused while their count stays. */
  private indices = new Int32Array(0);

  constructor(options: EmbeddingOptions = {} as EmbeddingOptions) {
    super(withInputLengthShape(options));
    const { inputDim, outputDim, embeddingsInitializer = 'randomUniform', maskZero = false, inputLength } = options;
    for (const [key, value] of [['inputDim', inputDim], ['outputDim', outputDim]] as const) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
        throw new ConfigError(`Embedding: ${key} must be a positive integer, got ${formatValue(value)}`);
      }
    }
    if (typeof maskZero !== 'boolean') throw new ConfigError(`Embedding: maskZero must be a boolean, got ${formatJson(maskZero)}`);
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.maskZero = maskZero;
    this.embeddingsInitializer = getInitializer(embeddingsInitializer, 'Embedding');
    this.embeddingsRegularizer = options.embeddingsRegularizer === undefined ? null : getRegularizer(options.embeddingsRegularizer, 'Embedding');
    this.inputLength = inputLength === undefined ? null : checkInputLength(inputLength);
    this.isScalarLength = typeof inputLength === 'number';
    const declared = this.batchInputShape;
    if (this.inputLength && declared && !lengthMatches(this.inputLength, declared)) {
      throw new ConfigError(`Embedding: inputLength ${formatJson(inputLength)} contradicts the input shape ${formatShape(declared)}`);
    }
  }

  /** `new Embedding(config)`: rebuilds a layer from {@link Embedding.getConfig}. */
  static fromConfig(config: EmbeddingConfig): Embedding {
    return new Embedding(config);
  }

  /** With `maskZero`, the layer makes a mask (Keras's `supports_masking = mask_zero`). */
  override get supportsMasking(): boolean {
    return this.maskZero;
  }

  /** Input: `[batch, …]`. Output: `[batch, …, outputDim]`. */
  computeOutputShape(inputShape: Shape): Shape {
    this.checkIndexShape(inputShape);
    return [...inputShape, this.outputDim];
  }

  override getConfig(): EmbeddingConfig {
    const config: EmbeddingConfig = {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: serializeInitializer(this.embeddingsInitializer),
      maskZero: this.maskZero,
    };
    if (this.embeddingsRegularizer) config.embeddingsRegularizer = serializeRegularizer(this.embeddingsRegularizer);
    if (this.inputLength) config.inputLength = this.isScalarLength ? this.inputLength[0] : this.inputLength.slice();
    return config;
  }

  /**
   * With `maskZero`, `m_bt = [X_bt ≠ 0]` (`[batch, time]`) from the input itself; otherwise
   * `null` (an Embedding starts a sequence, so there is no input mask to pass on).
   */
  override computeMask(inputs: readonly Tensor[], masks: readonly (Mask | null)[]): Mask | null {
    void masks;
    if (!this.maskZero) return null;
    const x = toContiguous(inputs[0]);
    if (x.shape.length !== 2) return null;
    const mask = ndarray(new Uint8Array(x.size), [x.shape[0], x.shape[1]]);
    for (let i = 0; i < x.size; i++) mask.data[i] = x.data[x.offset + i] !== 0 ? 1 : 0;
    return mask;
  }

  /** Any length on every axis but the batch (or `inputLength`), with the rank fixed at build. */
  protected override inputSpec(inputShape: Shape): Shape {
    this.checkIndexShape(inputShape);
    return [null, ...inputShape.slice(1).map((_, k) => this.inputLength?.[k] ?? null)];
  }

  /** Declares `embeddings` `E: [inputDim, outputDim]`; it does not depend on the input shape. */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void inputShape;
    void dtype;
    this.E = this.addWeight('embeddings', [this.inputDim, this.outputDim], this.embeddingsInitializer, { mathName: 'E', regularizer: this.embeddingsRegularizer });
  }

  /** Checks every index, then `Y_n = E_{X_n}` row by row into the reused `[…, outputDim]` buffer. */
  protected call(x: Tensor): Tensor {
    const n = x.size;
    if (this.indices.length !== n) this.indices = new Int32Array(n);
    const indices = this.indices;
    const xd = x.data;
    for (let i = 0; i < n; i++) {
      const v = xd[x.offset + i];
      if (!Number.isInteger(v) || v < 0 || v >= this.inputDim) {
        throw new DataError(`${this.describe()}: indices must be integers in [0, ${this.inputDim}) (inputDim ${this.inputDim}), got ${formatValue(v)} at flat position ${i} of ${formatShape(x.shape)}`);
      }
      indices[i] = v;
    }
    const Y = this.buffer('Y', [...x.shape, this.outputDim]);
    gatherRows(asRows(Y), (this.E as Param).value, indices, 0);
    return Y;
  }

  /**
   * `dE = 0`, then `dE_{X_n} += dOut_n` for every position `n` (the scatter-add: the derivative
   * of a row lookup is the row's indicator); a regularizer's gradient is added by the base class.
   * `dAPrev` is zeros: an index has no derivative.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const dE = (this.E as Param).grad;
    dE.data.fill(0, dE.offset, dE.offset + dE.size);
    scatterAddRows(dE, asRows(dOut), this.indices);
    if (!needDAPrev) return null;
    const dAPrev = this.buffer('dAPrev', dOut.shape.slice(0, -1));
    dAPrev.data.fill(0, dAPrev.offset, dAPrev.offset + dAPrev.size);
    return dAPrev;
  }

  /** @throws ShapeError for rank < 2, rank ≠ 2 with `maskZero`, or axes that contradict `inputLength`. */
  private checkIndexShape(inputShape: Shape): void {
    if (!isArray(inputShape) || inputShape.length < 2) {
      throw new ShapeError(`${this.describe()}: input must be indices [batch, …] of rank at least 2: expected [?, ?], got ${formatShape(inputShape)}`);
    }
    if (this.maskZero && inputShape.length !== 2) {
      throw new ShapeError(`${this.describe()}: with maskZero the input must be [batch, time]: expected rank 2, got ${formatShape(inputShape)}`);
    }
    if (this.inputLength && !lengthMatches(this.inputLength, inputShape)) {
      throw new ShapeError(`${this.describe()}: input does not match inputLength: expected ${formatShape([null, ...this.inputLength])}, got ${formatShape(inputShape)}`);
    }
  }
}

/** `inputLength` as an array of positive integers. @throws ConfigError for anything else. */
function checkInputLength(inputLength: unknown): number[] {
  const dims = typeof inputLength === 'number' ? [inputLength] : inputLength;
  if (!isArray(dims) || dims.length === 0 || !dims.every((d) => typeof d === 'number' && Number.isInteger(d) && d > 0)) {
    throw new ConfigError(`Embedding: inputLength must be a positive integer or a non-empty array of them, got ${formatJson(inputLength)}`);
  }
  return dims.slice() as number[];
}

/** True when `shape` (batch first) has `length`'s rank after the batch, with each known axis equal. */
function lengthMatches(length: readonly number[], shape: Shape): boolean {
  return shape.length === length.length + 1 && length.every((d, k) => shape[k + 1] === null || shape[k + 1] === d);
}

/**
 * The options with `inputShape` taken from `inputLength` when only the latter is given (as
 * TensorFlow.js does), so that an Embedding first in a model fixes the model's input shape.
 * Anything else is returned unchanged for the base constructor to check.
 */
function withInputLengthShape(options: EmbeddingOptions): EmbeddingOptions {
  if (!isReadableObject(options) || isArray(options)) return options;
  const { inputLength, inputShape, batchInputShape } = options;
  if (inputLength === undefined || inputShape !== undefined || batchInputShape !== undefined) return options;
  return { ...options, inputShape: checkInputLength(inputLength) };
}
