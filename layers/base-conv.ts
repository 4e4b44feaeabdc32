/**
 * {@link BaseConv}: the convolution `Z = conv(X, W) + b` over one or two spatial axes as one
 * GEMM on the patches matrix, shared by {@link Conv1D} and {@link Conv2D}.
 */
import { formatJson } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import {
  getInitializer, serializeInitializer,
  type Initializer, type InitializerIdentifier, type SerializedInitializer,
} from '../lib/initializers';
import {
  addBias, addBiasRelu, col2im, convGeometry, im2col, isPointwise, matmul, relu, reluBackward, sumColumns, type ConvGeometry, type Padding,
} from '../lib/kernels';
import {
  getRegularizer, serializeRegularizer,
  type Regularizer, type RegularizerIdentifier, type SerializedRegularizer,
} from '../lib/regularizers';
import { threadsForProduct } from '../lib/kernels/matmul';
import { reshape, type DType, type Shape, type Tensor } from '../lib/tensor';
import {
  getActivation, Linear, ReLU, serializeActivation,
  type ActivationIdentifier, type SerializedActivation,
} from './activations';
import {
  asImageShape, asImageWindow, checkDataFormat, intTuple, paddingOption, spatialInputSpec, spatialOutput,
  type DataFormat, type IntOrTuple, type ResolvedWindow,
} from './conv-options';
import { Layer, type LayerConfig, type LayerOptions, type Param } from './layer';

/** `Math` as a module constant: a global lookup is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * About how many bytes of patch rows and output rows one group of images takes in a
 * convolution's forward pass (see {@link BaseConv}'s `call`): small enough to stay in a core's
 * cache between `im2col`, the product and the bias pass.
 */
export const CHUNK_BYTES = 1 << 20;

/** The most images whose patches a prediction holds at once: a training batch of Keras's default 128 or less runs in one. */
const INFERENCE_CHUNK = 128;

/** Options of {@link Conv1D} and {@link Conv2D}. */
export interface ConvOptions extends LayerOptions {
  /** The number of output channels (filters); a positive integer. */
  filters: number;
  /** The window: one size for every spatial axis, or one per axis (`[kh, kw]`). */
  kernelSize: IntOrTuple;
  /** The step between windows, per spatial axis. @defaultValue 1 */
  strides?: IntOrTuple;
  /** `'valid'` (no padding) or `'same'` (output `⌈in / stride⌉`, TensorFlow's padding rule). @defaultValue 'valid' */
  padding?: Padding;
  /** Only channels last (NHWC) is supported. @defaultValue 'channels_last' */
  dataFormat?: DataFormat;
  /** The gap between the window's taps, per spatial axis (1: none). @defaultValue 1 */
  dilationRate?: IntOrTuple;
  /** The activation applied to `Z`, as Dense's `activation`. @defaultValue 'linear' */
  activation?: ActivationIdentifier;
  /** Whether to add the bias `b`. @defaultValue true */
  useBias?: boolean;
  /** How `W` starts. @defaultValue 'glorotUniform' */
  kernelInitializer?: InitializerIdentifier;
  /** How `b` starts. @defaultValue 'zeros' */
  biasInitializer?: InitializerIdentifier;
  /** A penalty on `W` added to the loss. @defaultValue none */
  kernelRegularizer?: RegularizerIdentifier;
  /** A penalty on `b` added to the loss. @defaultValue none */
  biasRegularizer?: RegularizerIdentifier;
}

/** The JSON form of {@link Conv1D} and {@link Conv2D}: options with defaults resolved, tuples as arrays. */
export interface ConvConfig extends LayerConfig {
  filters: number;
  kernelSize: number[];
  strides: number[];
  padding: Padding;
  dataFormat: 'channels_last';
  dilationRate: number[];
  activation: string | SerializedActivation;
  useBias: boolean;
  kernelInitializer: string | SerializedInitializer;
  biasInitializer: string | SerializedInitializer;
  kernelRegularizer?: SerializedRegularizer;
  biasRegularizer?: SerializedRegularizer;
}

/**
 * A convolution over `rank` spatial axes, channels last: `Z = conv(X, W) + b`, then
 * `Y = activation(Z)`, computed as `Z = cols · W` where `cols = im2col(X)` is the patches
 * matrix `[batch·outPositions, kernelSize·inChannels]` and `W` the kernel viewed as
 * `[kernelSize·inChannels, filters]`; a 1×1 stride-1 convolution skips `im2col` (`cols = X`).
 * Float32 products run on the WebAssembly SIMD GEMM, float64 in TypeScript. Forward caches
 * `cols` when training.
 */
export abstract class BaseConv extends Layer {
  static override readonly optionKeys: readonly string[] = ['filters', 'kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer', 'kernelRegularizer', 'biasRegularizer'];
  /** The number of output channels. */
  readonly filters: number;
  /** The window, strides, dilation and padding, one entry per spatial axis. */
  readonly window: ResolvedWindow;
  /** Whether the layer has a bias. */
  readonly useBias: boolean;
  /** The activation applied to `Z` (a {@link Linear} for none). */
  readonly activation: Layer;
  /** How `W` starts. */
  readonly kernelInitializer: Initializer;
  /** How `b` starts. */
  readonly biasInitializer: Initializer;
  /** The penalty on `W`, or `null`. */
  readonly kernelRegularizer: Regularizer | null;
  /** The penalty on `b`, or `null`. */
  readonly biasRegularizer: Regularizer | null;

  private readonly rank: number;
  /** The activation that forward runs, or `null` for linear. */
  protected readonly composed: Layer | null;
  /**
   * True for a plain ReLU activation (`'relu'`, no options): this class's forward writes
   * `max(0, Z + b)` in one pass over the output ({@link addBiasRelu}) instead of adding the bias
   * and running the ReLU layer after, and its backward applies `dZ = dOut ⊙ [Y > 0]` itself; the
   * same bits either way. (Subclasses with their own forward use {@link composed}.)
   */
  private readonly isFusedRelu: boolean;
  /** `[W, b]` once built. */
  protected paramList: Param[] = [];
  private geometry: ConvGeometry | null = null;
  private cols: Tensor | null = null;
  /** The fused ReLU's output, cached for backward when training. */
  private fusedOutput: Tensor | null = null;
  private inputShapeSeen: readonly number[] | null = null;

  constructor(options: ConvOptions, rank: number) {
    super(options);
    const owner = this.className;
    const { filters, activation = 'linear', useBias = true, kernelInitializer = 'glorotUniform', biasInitializer = 'zeros' } = options;
    if (typeof filters !== 'number' || !Number.isInteger(filters) || filters <= 0) {
      throw new ConfigError(`${owner}: filters must be a positive integer, got ${typeof filters === 'number' ? String(filters) : formatJson(filters)}`);
    }
    if (typeof useBias !== 'boolean') throw new ConfigError(`${owner}: useBias must be a boolean, got ${formatJson(useBias)}`);
    checkDataFormat(options.dataFormat, owner);
    this.rank = rank;
    this.filters = filters;
    this.window = {
      size: intTuple(options.kernelSize, rank, 'kernelSize', owner),
      strides: intTuple(options.strides ?? 1, rank, 'strides', owner),
      dilation: intTuple(options.dilationRate ?? 1, rank, 'dilationRate', owner),
      padding: paddingOption(options.padding ?? 'valid', owner),
    };
    this.useBias = useBias;
    this.activation = getActivation(activation, { owner, name: `${this.name}_activation` });
    const act = this.activation;
    this.isFusedRelu = act instanceof ReLU && act.maxValue === null && act.negativeSlope === 0 && act.threshold === 0;
    this.composed = act instanceof Linear ? null : act;
    this.kernelInitializer = getInitializer(kernelInitializer, owner);
    this.biasInitializer = getInitializer(biasInitializer, owner);
    this.kernelRegularizer = options.kernelRegularizer === undefined ? null : getRegularizer(options.kernelRegularizer, owner);
    this.biasRegularizer = options.biasRegularizer === undefined ? null : getRegularizer(options.biasRegularizer, owner);
  }

  /** Input: `[batch, …spatial, inChannels]`. Output: `[batch, …outSpatial, filters]`. */
  computeOutputShape(inputShape: Shape): Shape {
    spatialInputSpec(this, inputShape, this.rank);
    return [inputShape[0], ...spatialOutput(inputShape.slice(1, -1), this.window), this.filters];
  }


  override getConfig(): ConvConfig {
    const config: ConvConfig = {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.window.size.slice(),
      strides: this.window.strides.slice(),
      padding: this.window.padding,
      dataFormat: 'channels_last',
      dilationRate: this.window.dilation.slice(),
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
    return spatialInputSpec(this, inputShape, this.rank);
  }

  /** Creates `W` (`kernel`) and `b` (`bias`) from the initializers, in the kernel heap. */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void dtype;
    const inChannels = inputShape[inputShape.length - 1] as number;
    this.paramList = [this.addWeight('kernel', [...this.window.size, inChannels, this.filters], this.kernelInitializer, { mathName: 'W', regularizer: this.kernelRegularizer })];
    if (this.useBias) this.paramList.push(this.addWeight('bias', [this.filters], this.biasInitializer, { mathName: 'b', regularizer: this.biasRegularizer }));
  }

  /**
   * `cols = im2col(X)`, `Z = cols · W + b` into the reused output buffer, then the activation (a
   * plain ReLU in the same pass as the bias); caches `cols` when training.
   *
   * The batch goes through in groups of images whose patches and output rows take about
   * {@link CHUNK_BYTES}: each group's `im2col`, product and bias pass run back to back while its
   * rows are still in cache, instead of each pass streaming the whole batch's patches (70 MB for
   * the MNIST convnet's second layer at batch 500) through memory. Rows of a product do not depend
   * on each other, so the result is the same bits. Training keeps the whole batch's patches for
   * backward and groups only a product that runs on one thread (one on several threads is cut
   * into row blocks already, and each small group would pay the threads' hand-over). Predicting,
   * the patches buffer holds one group, of at most {@link INFERENCE_CHUNK} images (that many per
   * threaded product), so a large predict batch takes no more patch memory than a training batch.
   */
  protected call(x: Tensor, training: boolean): Tensor {
    const [W, b] = this.paramList;
    const g = convGeometry(asImageShape(x.shape), asImageWindow(this.window));
    const rowsPerImage = g.outH * g.outW;
    const rows = g.batch * rowsPerImage;
    const depth = W.value.size / this.filters;
    const isDirect = isPointwise(g);
    const outShape = this.rank === 1 ? [g.batch, g.outW, this.filters] : [g.batch, g.outH, g.outW, this.filters];
    const Z = this.buffer('Z', outShape);
    const Z2 = reshape(Z, [rows, this.filters]);
    const W2 = reshape(W.value, [depth, this.filters]);
    const cacheGroup = math.max(1, math.floor(CHUNK_BYTES / (rowsPerImage * (depth + this.filters) * 4 || 1)));
    // A product that runs on several threads is cut into row blocks already, and small groups would
    // each pay the threads' hand-over (on a loaded machine, a late worker each time): whole batch in
    // training, groups of INFERENCE_CHUNK images predicting.
    const threaded = threadsForProduct(rows * depth * this.filters) > 1;
    const group = training ? (threaded ? g.batch : cacheGroup) : (threaded ? INFERENCE_CHUNK : math.min(cacheGroup, INFERENCE_CHUNK));
    const isWhole = isDirect || group >= g.batch;
    // Training and whole-batch products keep every patch row; a grouped prediction reuses one group's.
    const cols = isDirect ? reshape(x, [rows, depth])
      : this.buffer(training || isWhole ? 'cols' : 'groupCols', [training || isWhole ? rows : group * rowsPerImage, depth]);
    for (let n0 = 0; n0 < g.batch; n0 += isWhole ? g.batch : group) {
      const count = isWhole ? g.batch : math.min(group, g.batch - n0);
      const r0 = n0 * rowsPerImage, r1 = r0 + count * rowsPerImage;
      const zRows = isWhole ? Z2 : Z2.hi(r1).lo(r0);
      let patches = cols;
      if (!isWhole) patches = training ? cols.hi(r1).lo(r0) : cols.hi(r1 - r0);
      if (!isDirect) im2col(patches, isWhole ? x : x.hi(n0 + count).lo(n0), isWhole ? g : { ...g, batch: count });
      matmul(zRows, patches, W2);
      if (this.isFusedRelu) {
        if (b) addBiasRelu(zRows, zRows, b.value);
        else relu(zRows, zRows);
      } else if (b) {
        addBias(zRows, zRows, b.value);
      }
    }
    this.geometry = g;
    this.cols = training ? cols : null;
    this.fusedOutput = training && this.isFusedRelu ? Z : null;
    this.inputShapeSeen = training ? x.shape : null;
    return this.composed && !this.isFusedRelu ? this.composed.forward(Z, training) : Z;
  }

  /**
   * With `Z = cols·W + b` (`cols = im2col(X)`, a linear map `P·X`) and `dZ = ∂L/∂Z` viewed as
   * `[rows, filters]`:
   * - `∂L/∂W = colsᵀ·dZ` (`[kernelSize·inChannels, filters]`, the kernel's own layout);
   * - `∂L/∂b_f = Σ_rows dZ_{r,f}`, the column sums of `dZ`;
   * - `∂L/∂X = Pᵀ·(dZ·Wᵀ) = col2im(dZ·Wᵀ)`: each patch gradient summed back onto the pixels
   *   it was read from (for a 1×1 stride-1 kernel `P` is the identity and `dAPrev = dZ·Wᵀ`);
   * - a regularizer's penalty gradient is added to `dW` (and `db`) by the base class, as in Dense.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    // The fused ReLU: ∂Y/∂Z = [Y > 0] (0 at the kink, as TensorFlow).
    const dZ = this.isFusedRelu ? reluBackward(this.buffer('dZ', dOut.shape), dOut, this.fusedOutput as Tensor)
      : this.composed ? (this.composed.backward(dOut).dAPrev as Tensor) : dOut;
    const [W, b] = this.paramList;
    const cols = this.cols as Tensor, g = this.geometry as ConvGeometry;
    const [rows, depth] = cols.shape;
    const dZ2 = reshape(dZ, [rows, this.filters]);
    matmul(reshape(W.grad, [depth, this.filters]), cols.transpose(1, 0), dZ2);
    if (b) sumColumns(b.grad, dZ2);
    if (!needDAPrev) return null;
    const dAPrev = this.buffer('dAPrev', this.inputShapeSeen as readonly number[]);
    const Wt = reshape(W.value, [depth, this.filters]).transpose(1, 0);
    if (isPointwise(g)) matmul(reshape(dAPrev, [rows, depth]), dZ2, Wt);
    else col2im(dAPrev, matmul(this.buffer('dCols', [rows, depth]), dZ2, Wt), g);
    return dAPrev;
  }
}
