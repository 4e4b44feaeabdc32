/** {@link DepthwiseConv2D}: a 2-D convolution with separate filters for each input channel. */
import { formatJson } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import {
  getInitializer, serializeInitializer,
  type Initializer, type InitializerIdentifier, type SerializedInitializer,
} from '../lib/initializers';
import { addBias, convGeometry, depthwiseConv, depthwiseConvBackward, sumColumns, type ConvGeometry, type Padding } from '../lib/kernels';
import {
  getRegularizer, serializeRegularizer,
  type Regularizer, type RegularizerIdentifier, type SerializedRegularizer,
} from '../lib/regularizers';
import { reshape, type DType, type Shape, type Tensor } from '../lib/tensor';
import { getActivation, Linear, serializeActivation, type ActivationIdentifier, type SerializedActivation } from './activations';
import {
  asImageWindow, checkDataFormat, intTuple, paddingOption, spatialInputSpec, spatialOutput,
  type DataFormat, type IntOrTuple, type ResolvedWindow,
} from './conv-options';
import { Layer, type LayerConfig, type LayerOptions, type Param } from './layer';

/** Options of {@link DepthwiseConv2D}. */
export interface DepthwiseConv2DOptions extends LayerOptions {
  /** The window: one size for both axes, or `[kh, kw]`. */
  kernelSize: IntOrTuple;
  /** The step between windows. @defaultValue 1 */
  strides?: IntOrTuple;
  /** `'valid'` or `'same'` (TensorFlow's rule). @defaultValue 'valid' */
  padding?: Padding;
  /** Only channels last is supported. @defaultValue 'channels_last' */
  dataFormat?: DataFormat;
  /** The gap between the window's taps. @defaultValue 1 */
  dilationRate?: IntOrTuple;
  /** The output channels per input channel, `M`. @defaultValue 1 */
  depthMultiplier?: number;
  /** The activation applied to `Z`. @defaultValue 'linear' */
  activation?: ActivationIdentifier;
  /** Whether to add the bias `b`. @defaultValue true */
  useBias?: boolean;
  /** How `W` starts. @defaultValue 'glorotUniform' */
  depthwiseInitializer?: InitializerIdentifier;
  /** How `b` starts. @defaultValue 'zeros' */
  biasInitializer?: InitializerIdentifier;
  /** A penalty on `W` added to the loss. @defaultValue none */
  depthwiseRegularizer?: RegularizerIdentifier;
  /** A penalty on `b` added to the loss. @defaultValue none */
  biasRegularizer?: RegularizerIdentifier;
}

/** The JSON form of a {@link DepthwiseConv2D}. */
export interface DepthwiseConv2DConfig extends LayerConfig {
  kernelSize: number[];
  strides: number[];
  padding: Padding;
  dataFormat: 'channels_last';
  dilationRate: number[];
  depthMultiplier: number;
  activation: string | SerializedActivation;
  useBias: boolean;
  depthwiseInitializer: string | SerializedInitializer;
  biasInitializer: string | SerializedInitializer;
  depthwiseRegularizer?: SerializedRegularizer;
  biasRegularizer?: SerializedRegularizer;
}

/**
 * A depthwise 2-D convolution, channels last: each input channel `c` is convolved with its own
 * `M` filters, `Z[n, oh, ow, c·M + m] = b[c·M + m] + Σ_{i,j} X[n, ih, iw, c]·W[i, j, c, m]`
 * (`ih`, `iw` as in {@link Conv2D}), then `Y = activation(Z)`. `W` (`depthwise_kernel`) is
 * `[kh, kw, inChannels, M]` and `b` (`bias`) `[inChannels·M]`, as in Keras. A direct loop:
 * with no reduction over channels it is not a GEMM. Forward caches `X` when training.
 *
 * Input: `[batch, height, width, inChannels]`. Output: `[batch, outHeight, outWidth, inChannels·M]`.
 * @throws ConfigError for a bad window option or `depthMultiplier`, or an unknown activation, initializer or regularizer.
 * @example
 * ```ts
 * const dw = new DepthwiseConv2D({ kernelSize: 3, padding: 'same', inputShape: [32, 32, 16] }); // output [?, 32, 32, 16]
 * ```
 */
export class DepthwiseConv2D extends Layer {
  static override readonly className: string = 'DepthwiseConv2D';
  static override readonly optionKeys: readonly string[] = ['kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate', 'depthMultiplier', 'activation', 'useBias', 'depthwiseInitializer', 'biasInitializer', 'depthwiseRegularizer', 'biasRegularizer'];

  /** The window, strides, dilation and padding. */
  readonly window: ResolvedWindow;
  /** The output channels per input channel. */
  readonly depthMultiplier: number;
  /** Whether the layer has a bias. */
  readonly useBias: boolean;
  /** The activation applied to `Z`. */
  readonly activation: Layer;
  /** How `W` starts. */
  readonly depthwiseInitializer: Initializer;
  /** How `b` starts. */
  readonly biasInitializer: Initializer;
  /** The penalty on `W`, or `null`. */
  readonly depthwiseRegularizer: Regularizer | null;
  /** The penalty on `b`, or `null`. */
  readonly biasRegularizer: Regularizer | null;

  private readonly composed: Layer | null;
  private paramList: Param[] = [];
  private geometry: ConvGeometry | null = null;
  private X: Tensor | null = null;

  constructor(options: DepthwiseConv2DOptions = {} as DepthwiseConv2DOptions) {
    super(options);
    const owner = 'DepthwiseConv2D';
    const { depthMultiplier = 1, activation = 'linear', useBias = true, depthwiseInitializer = 'glorotUniform', biasInitializer = 'zeros' } = options;
    if (typeof depthMultiplier !== 'number' || !Number.isInteger(depthMultiplier) || depthMultiplier <= 0) {
      throw new ConfigError(`${owner}: depthMultiplier must be a positive integer, got ${formatJson(depthMultiplier)}`);
    }
    if (typeof useBias !== 'boolean') throw new ConfigError(`${owner}: useBias must be a boolean, got ${formatJson(useBias)}`);
    checkDataFormat(options.dataFormat, owner);
    this.window = {
      size: intTuple(options.kernelSize, 2, 'kernelSize', owner),
      strides: intTuple(options.strides ?? 1, 2, 'strides', owner),
      dilation: intTuple(options.dilationRate ?? 1, 2, 'dilationRate', owner),
      padding: paddingOption(options.padding ?? 'valid', owner),
    };
    this.depthMultiplier = depthMultiplier;
    this.useBias = useBias;
    this.activation = getActivation(activation, { owner, name: `${this.name}_activation` });
    this.composed = this.activation instanceof Linear ? null : this.activation;
    this.depthwiseInitializer = getInitializer(depthwiseInitializer, owner);
    this.biasInitializer = getInitializer(biasInitializer, owner);
    this.depthwiseRegularizer = options.depthwiseRegularizer === undefined ? null : getRegularizer(options.depthwiseRegularizer, owner);
    this.biasRegularizer = options.biasRegularizer === undefined ? null : getRegularizer(options.biasRegularizer, owner);
  }

  /** `new DepthwiseConv2D(config)`: rebuilds a layer from {@link DepthwiseConv2D.getConfig}. */
  static fromConfig(config: DepthwiseConv2DConfig): DepthwiseConv2D {
    return new DepthwiseConv2D(config);
  }

  /** Input: `[batch, h, w, c]`. Output: `[batch, outH, outW, c·M]`. */
  computeOutputShape(inputShape: Shape): Shape {
    spatialInputSpec(this, inputShape, 2);
    const channels = inputShape[3] as number;
    return [inputShape[0], ...spatialOutput(inputShape.slice(1, 3), this.window), channels * this.depthMultiplier];
  }


  override getConfig(): DepthwiseConv2DConfig {
    const config: DepthwiseConv2DConfig = {
      ...super.getConfig(),
      kernelSize: this.window.size.slice(),
      strides: this.window.strides.slice(),
      padding: this.window.padding,
      dataFormat: 'channels_last',
      dilationRate: this.window.dilation.slice(),
      depthMultiplier: this.depthMultiplier,
      activation: serializeActivation(this.activation),
      useBias: this.useBias,
      depthwiseInitializer: serializeInitializer(this.depthwiseInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
    };
    if (this.depthwiseRegularizer) config.depthwiseRegularizer = serializeRegularizer(this.depthwiseRegularizer);
    if (this.biasRegularizer) config.biasRegularizer = serializeRegularizer(this.biasRegularizer);
    return config;
  }


  protected override inputSpec(inputShape: Shape): Shape {
    return spatialInputSpec(this, inputShape, 2);
  }

  /** Creates `W` (`depthwise_kernel`) and `b` (`bias`) from the initializers, in the kernel heap. */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void dtype;
    const channels = inputShape[3] as number;
    this.paramList = [this.addWeight('depthwise_kernel', [...this.window.size, channels, this.depthMultiplier], this.depthwiseInitializer, { mathName: 'W', regularizer: this.depthwiseRegularizer })];
    if (this.useBias) this.paramList.push(this.addWeight('bias', [channels * this.depthMultiplier], this.biasInitializer, { mathName: 'b', regularizer: this.biasRegularizer }));
  }

  /** `Z = depthwise(X, W) + b` into the reused output buffer, then the activation; caches `X` when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    const [W, b] = this.paramList;
    const g = convGeometry(x.shape, asImageWindow(this.window));
    const width = g.channels * this.depthMultiplier;
    const Z = depthwiseConv(this.buffer('Z', [g.batch, g.outH, g.outW, width]), x, W.value, g, this.depthMultiplier);
    if (b) {
      const Z2 = reshape(Z, [Z.size / width, width]);
      addBias(Z2, Z2, b.value);
    }
    this.geometry = g;
    this.X = training ? x : null;
    return this.composed ? this.composed.forward(Z, training) : Z;
  }

  /**
   * With `dZ = ∂L/∂Z`: `∂L/∂W[i, j, c, m] = Σ_{n,oh,ow} dZ[n, oh, ow, c·M + m]·X[n, ih, iw, c]`,
   * `∂L/∂b_k = Σ_{n,oh,ow} dZ[n, oh, ow, k]`, and
   * `∂L/∂X[n, ih, iw, c] = Σ_{taps reading it} Σ_m dZ[n, oh, ow, c·M + m]·W[i, j, c, m]`;
   * the base class adds the regularizers' gradients (declared with the weights).
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const dZ = this.composed ? (this.composed.backward(dOut).dAPrev as Tensor) : dOut;
    const [W, b] = this.paramList;
    const X = this.X as Tensor;
    const dAPrev = needDAPrev ? this.buffer('dAPrev', X.shape) : null;
    depthwiseConvBackward(W.grad, dAPrev, dZ, X, W.value, this.geometry as ConvGeometry, this.depthMultiplier);
    if (b) sumColumns(b.grad, reshape(dZ, [dZ.size / b.value.size, b.value.size]));
    return dAPrev;
  }
}
