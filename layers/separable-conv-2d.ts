/** {@link SeparableConv2D}: a depthwise convolution followed by a pointwise (1×1) one. */
import { formatJson } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import {
  getInitializer, serializeInitializer,
  type Initializer, type InitializerIdentifier, type SerializedInitializer,
} from '../lib/initializers';
import { addBias, convGeometry, depthwiseConv, depthwiseConvBackward, matmul, sumColumns, type ConvGeometry } from '../lib/kernels';
import {
  getRegularizer, serializeRegularizer,
  type Regularizer, type RegularizerIdentifier, type SerializedRegularizer,
} from '../lib/regularizers';
import { reshape, type DType, type Shape, type Tensor } from '../lib/tensor';
import { BaseConv, type ConvConfig, type ConvOptions } from './base-conv';
import { asImageWindow } from './conv-options';

/** Options of {@link SeparableConv2D}: those of {@link Conv2D} with the kernel split in two. */
export interface SeparableConv2DOptions extends Omit<ConvOptions, 'kernelInitializer' | 'kernelRegularizer'> {
  /** The depthwise output channels per input channel, `M`. @defaultValue 1 */
  depthMultiplier?: number;
  /** How the depthwise kernel starts. @defaultValue 'glorotUniform' */
  depthwiseInitializer?: InitializerIdentifier;
  /** How the pointwise kernel starts. @defaultValue 'glorotUniform' */
  pointwiseInitializer?: InitializerIdentifier;
  /** A penalty on the depthwise kernel. @defaultValue none */
  depthwiseRegularizer?: RegularizerIdentifier;
  /** A penalty on the pointwise kernel. @defaultValue none */
  pointwiseRegularizer?: RegularizerIdentifier;
}

/** The JSON form of a {@link SeparableConv2D}. */
export interface SeparableConv2DConfig extends Omit<ConvConfig, 'kernelInitializer' | 'kernelRegularizer'> {
  depthMultiplier: number;
  depthwiseInitializer: string | SerializedInitializer;
  pointwiseInitializer: string | SerializedInitializer;
  depthwiseRegularizer?: SerializedRegularizer;
  pointwiseRegularizer?: SerializedRegularizer;
}

/**
 * A depthwise separable 2-D convolution, channels last: `D = depthwise(X, Wd)` (each input
 * channel with its own `M` filters, see {@link DepthwiseConv2D}), then
 * `Z = D·Wp + b` over the channels (a 1×1 convolution, one GEMM), then `Y = activation(Z)`.
 * Weights as in Keras: `depthwise_kernel` `[kh, kw, inChannels, M]`, `pointwise_kernel`
 * `[1, 1, inChannels·M, filters]`, `bias` `[filters]`. Forward caches `X` and `D` when training.
 *
 * Input: `[batch, height, width, inChannels]`. Output: `[batch, outHeight, outWidth, filters]`.
 * @throws ConfigError as {@link Conv2D} does, and for a bad `depthMultiplier`.
 * @example
 * ```ts
 * const sep = new SeparableConv2D({ filters: 64, kernelSize: 3, padding: 'same', inputShape: [32, 32, 16] });
 * ```
 */
export class SeparableConv2D extends BaseConv {
  static override readonly className: string = 'SeparableConv2D';
  static override readonly optionKeys: readonly string[] = ['depthMultiplier', 'depthwiseInitializer', 'pointwiseInitializer', 'depthwiseRegularizer', 'pointwiseRegularizer'];

  /** The depthwise output channels per input channel. */
  readonly depthMultiplier: number;
  /** How the depthwise kernel starts. */
  readonly depthwiseInitializer: Initializer;
  /** How the pointwise kernel starts. */
  readonly pointwiseInitializer: Initializer;
  /** The penalty on the depthwise kernel, or `null`. */
  readonly depthwiseRegularizer: Regularizer | null;
  /** The penalty on the pointwise kernel, or `null`. */
  readonly pointwiseRegularizer: Regularizer | null;

  private separableGeometry: ConvGeometry | null = null;
  private X: Tensor | null = null;
  private D: Tensor | null = null;

  constructor(options: SeparableConv2DOptions = {} as SeparableConv2DOptions) {
    super(options as ConvOptions, 2);
    const owner = 'SeparableConv2D';
    const { depthMultiplier = 1, depthwiseInitializer = 'glorotUniform', pointwiseInitializer = 'glorotUniform' } = options;
    if (typeof depthMultiplier !== 'number' || !Number.isInteger(depthMultiplier) || depthMultiplier <= 0) {
      throw new ConfigError(`${owner}: depthMultiplier must be a positive integer, got ${formatJson(depthMultiplier)}`);
    }
    this.depthMultiplier = depthMultiplier;
    this.depthwiseInitializer = getInitializer(depthwiseInitializer, owner);
    this.pointwiseInitializer = getInitializer(pointwiseInitializer, owner);
    this.depthwiseRegularizer = options.depthwiseRegularizer === undefined ? null : getRegularizer(options.depthwiseRegularizer, owner);
    this.pointwiseRegularizer = options.pointwiseRegularizer === undefined ? null : getRegularizer(options.pointwiseRegularizer, owner);
  }

  /** `new SeparableConv2D(config)`: rebuilds a layer from {@link SeparableConv2D.getConfig}. */
  static fromConfig(config: SeparableConv2DConfig): SeparableConv2D {
    return new SeparableConv2D(config);
  }

  override getConfig(): ConvConfig {
    const { kernelInitializer, kernelRegularizer, ...rest } = super.getConfig();
    void kernelInitializer;
    void kernelRegularizer;
    const config: SeparableConv2DConfig = {
      ...rest,
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: serializeInitializer(this.depthwiseInitializer),
      pointwiseInitializer: serializeInitializer(this.pointwiseInitializer),
    };
    if (this.depthwiseRegularizer) config.depthwiseRegularizer = serializeRegularizer(this.depthwiseRegularizer);
    if (this.pointwiseRegularizer) config.pointwiseRegularizer = serializeRegularizer(this.pointwiseRegularizer);
    return config as unknown as ConvConfig;
  }


  /** Creates `Wd` (`depthwise_kernel`), `Wp` (`pointwise_kernel`) and `b` (`bias`), in the kernel heap. */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void dtype;
    const inChannels = inputShape[3] as number, M = this.depthMultiplier;
    this.paramList = [
      this.addWeight('depthwise_kernel', [...this.window.size, inChannels, M], this.depthwiseInitializer, { mathName: 'Wd', regularizer: this.depthwiseRegularizer }),
      this.addWeight('pointwise_kernel', [1, 1, inChannels * M, this.filters], this.pointwiseInitializer, { mathName: 'Wp', regularizer: this.pointwiseRegularizer }),
    ];
    if (this.useBias) this.paramList.push(this.addWeight('bias', [this.filters], this.biasInitializer, { mathName: 'b', regularizer: this.biasRegularizer }));
  }

  /** `D = depthwise(X, Wd)`, `Z = D·Wp + b` into reused buffers, then the activation; caches `X` and `D` when training. */
  protected override call(x: Tensor, training: boolean): Tensor {
    const [Wd, Wp, b] = this.paramList;
    const g = convGeometry(x.shape, asImageWindow(this.window));
    const width = g.channels * this.depthMultiplier, rows = g.batch * g.outH * g.outW;
    const D = depthwiseConv(this.buffer('D', [g.batch, g.outH, g.outW, width]), x, Wd.value, g, this.depthMultiplier);
    const Z = this.buffer('Z', [g.batch, g.outH, g.outW, this.filters]);
    const Z2 = matmul(reshape(Z, [rows, this.filters]), reshape(D, [rows, width]), reshape(Wp.value, [width, this.filters]));
    if (b) addBias(Z2, Z2, b.value);
    this.separableGeometry = g;
    this.X = training ? x : null;
    this.D = training ? D : null;
    return this.composed ? this.composed.forward(Z, training) : Z;
  }

  /**
   * With `dZ = ∂L/∂Z` as `[rows, filters]`: `∂L/∂Wp = Dᵀ·dZ`, `∂L/∂b` the column sums of `dZ`,
   * `dD = ∂L/∂D = dZ·Wpᵀ`, then `∂L/∂Wd` and `∂L/∂X` from `dD` as in {@link DepthwiseConv2D};
   * the base class adds the regularizers' gradients (declared with the weights).
   */
  protected override backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const dZ = this.composed ? (this.composed.backward(dOut).dAPrev as Tensor) : dOut;
    const [Wd, Wp, b] = this.paramList;
    const X = this.X as Tensor, D = this.D as Tensor;
    const width = D.shape[3], rows = D.size / width;
    const dZ2 = reshape(dZ, [rows, this.filters]), D2 = reshape(D, [rows, width]);
    matmul(reshape(Wp.grad, [width, this.filters]), D2.transpose(1, 0), dZ2);
    if (b) sumColumns(b.grad, dZ2);
    const dD = this.buffer('dD', D.shape);
    matmul(reshape(dD, [rows, width]), dZ2, reshape(Wp.value, [width, this.filters]).transpose(1, 0));
    const dAPrev = needDAPrev ? this.buffer('dAPrev', X.shape) : null;
    depthwiseConvBackward(Wd.grad, dAPrev, dD, X, Wd.value, this.separableGeometry as ConvGeometry, this.depthMultiplier);
    return dAPrev;
  }
}
