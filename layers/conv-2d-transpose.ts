/** {@link Conv2DTranspose}: the transposed 2-D convolution, which upsamples by its strides. */
import { addBias, col2im, convGeometry, im2col, matmul, sumColumns, type ConvGeometry } from '../lib/kernels';
import { reshape, type DType, type Shape, type Tensor } from '../lib/tensor';
import { BaseConv, type ConvConfig, type ConvOptions } from './base-conv';
import { asImageWindow, spatialInputSpec } from './conv-options';

/** One axis of a transposed convolution's output: `(in − 1)·s + (k − 1)·d + 1` for `'valid'`, `in·s` for `'same'` (Keras's rule). */
function transposedSize(inSize: number, kernel: number, stride: number, dilation: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? inSize * stride : (inSize - 1) * stride + (kernel - 1) * dilation + 1;
}

/**
 * The transposed convolution (sometimes called deconvolution), channels last: the adjoint of a
 * {@link Conv2D} from `filters` channels to `inChannels`, so its forward is that convolution's
 * input gradient. With `W` (`kernel`) `[kh, kw, filters, inChannels]` as in Keras, viewed as
 * `[kh·kw·filters, inChannels]`: `cols = X·Wᵀ` and `Z = col2im(cols) + b`, where `col2im`
 * sums each input pixel's `kh × kw` patch into the (strided) output; then `Y = activation(Z)`.
 * Output sizes follow Keras: `in·s` for `'same'`, `(in − 1)·s + k̂` for `'valid'`
 * (`outputPadding` is not supported).
 *
 * Input: `[batch, height, width, inChannels]`. Output: `[batch, outHeight, outWidth, filters]`.
 * @throws ConfigError as {@link Conv2D} does.
 * @example
 * ```ts
 * const up = new Conv2DTranspose({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', inputShape: [7, 7, 32] }); // output [?, 14, 14, 16]
 * ```
 */
export class Conv2DTranspose extends BaseConv {
  static override readonly className: string = 'Conv2DTranspose';

  private transposeGeometry: ConvGeometry | null = null;
  private X: Tensor | null = null;

  constructor(options: ConvOptions = {} as ConvOptions) {
    super(options, 2);
  }

  /** `new Conv2DTranspose(config)`: rebuilds a layer from {@link BaseConv.getConfig}. */
  static fromConfig(config: ConvConfig): Conv2DTranspose {
    return new Conv2DTranspose(config);
  }

  /** Input: `[batch, h, w, inChannels]`. Output: `[batch, h', w', filters]` with the sizes above. */
  override computeOutputShape(inputShape: Shape): Shape {
    spatialInputSpec(this, inputShape, 2);
    const { size, strides, dilation, padding } = this.window;
    const spatial = inputShape.slice(1, 3).map((d, i) => (d === null ? null : transposedSize(d, size[i], strides[i], dilation[i], padding)));
    return [inputShape[0], ...spatial, this.filters];
  }


  /** Creates `W` (`kernel`) and `b` (`bias`) from the initializers, in the kernel heap. */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void dtype;
    const inChannels = inputShape[3] as number;
    this.paramList = [this.addWeight('kernel', [...this.window.size, this.filters, inChannels], this.kernelInitializer, { mathName: 'W', regularizer: this.kernelRegularizer })];
    if (this.useBias) this.paramList.push(this.addWeight('bias', [this.filters], this.biasInitializer, { mathName: 'b', regularizer: this.biasRegularizer }));
  }

  /** `cols = X·Wᵀ`, `Z = col2im(cols) + b` into the reused output buffer, then the activation; caches `X` when training. */
  protected override call(x: Tensor, training: boolean): Tensor {
    const [W, b] = this.paramList;
    const [batch, , , inChannels] = x.shape;
    const outShape = this.computeOutputShape(x.shape) as number[];
    const g = convGeometry(outShape, asImageWindow(this.window));
    const rows = batch * g.outH * g.outW, depth = W.value.size / inChannels;
    const cols = matmul(this.buffer('cols', [rows, depth]), reshape(x, [rows, inChannels]), reshape(W.value, [depth, inChannels]).transpose(1, 0));
    const Z = col2im(this.buffer('Z', outShape), cols, g);
    const Z2 = reshape(Z, [Z.size / this.filters, this.filters]);
    if (b) addBias(Z2, Z2, b.value);
    this.transposeGeometry = g;
    this.X = training ? x : null;
    return this.composed ? this.composed.forward(Z, training) : Z;
  }

  /**
   * Forward is `Z = Pᵀ·(X·Wᵀ) + b` with `P = im2col` over the output, so with `dZ = ∂L/∂Z`
   * and `dCols = P·dZ = im2col(dZ)`: `∂L/∂W = dColsᵀ·X` (`[kh·kw·filters, inChannels]`),
   * `∂L/∂b` the column sums of `dZ`, and `∂L/∂X = dCols·W`; regularizers add their gradients.
   */
  protected override backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const dZ = this.composed ? (this.composed.backward(dOut).dAPrev as Tensor) : dOut;
    const [W, b] = this.paramList;
    const X = this.X as Tensor, g = this.transposeGeometry as ConvGeometry;
    const inChannels = X.shape[3], rows = X.size / inChannels, depth = W.value.size / inChannels;
    const dCols = im2col(this.buffer('dCols', [rows, depth]), dZ, g);
    const X2 = reshape(X, [rows, inChannels]);
    matmul(reshape(W.grad, [depth, inChannels]), dCols.transpose(1, 0), X2);
    if (b) sumColumns(b.grad, reshape(dZ, [dZ.size / this.filters, this.filters]));
    if (!needDAPrev) return null;
    const dAPrev = this.buffer('dAPrev', X.shape);
    matmul(reshape(dAPrev, [rows, inChannels]), dCols, reshape(W.value, [depth, inChannels]));
    return dAPrev;
  }
}
