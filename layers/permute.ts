/** {@link Permute}: reorders the non-batch axes of each sample. */
import { formatJson, isArray } from '../lib/checks';
import { ConfigError, ShapeError } from '../lib/errors';
import { copyInto, formatShape, type Shape, type Tensor } from '../lib/tensor';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of {@link Permute}. */
export interface PermuteOptions extends LayerOptions {
  /**
   * The new order of the non-batch axes, 1-based as in Keras: `[2, 1]` swaps the two axes of a
   * `[batch, a, b]` input. A permutation of `1 … rank − 1`.
   */
  dims: readonly number[];
}

/** The JSON form of a {@link Permute}. */
export interface PermuteConfig extends LayerConfig {
  dims: number[];
}

/**
 * Permutes the non-batch axes, as Keras's `Permute`: output axis `i` is input axis
 * `dims[i − 1]`, so `Y[b, i_1, …, i_m] = X[b, j_1, …, j_m]` with `j_{dims[t]} = i_t`.
 * Forward copies the transposed view of the input into the reused output buffer (contiguous,
 * for the next layer); backward copies `dOut` back through the inverse permutation.
 *
 * Input: `[batch, d_1, …, d_m]`. Output: `[batch, d_dims[0], …, d_dims[m−1]]`.
 * @throws ConfigError for `dims` that are not a permutation of `1 … m`.
 * @throws ShapeError for input whose rank is not `dims.length + 1`, naming the layer and both shapes.
 * @example
 * ```ts
 * new Permute({ dims: [2, 1] }).computeOutputShape([null, 10, 64]); // [null, 64, 10]
 * ```
 */
export class Permute extends Layer {
  static override readonly className: string = 'Permute';
  static override readonly optionKeys: readonly string[] = ['dims'];

  /** The new order of the non-batch axes, 1-based. */
  readonly dims: readonly number[];

  /** Output axis `i` is input axis `forwardAxes[i]` (0-based, batch included). */
  private readonly forwardAxes: readonly number[];
  /** The inverse: input axis `a` is output axis `inverseAxes[a]`. */
  private readonly inverseAxes: readonly number[];

  constructor(options: PermuteOptions = {} as PermuteOptions) {
    super(options);
    const { dims } = options;
    const isPermutation = isArray(dims) && dims.length > 0 &&
      dims.every((d) => Number.isInteger(d)) && [...dims].sort((a, b) => a - b).every((d, i) => d === i + 1);
    if (!isPermutation) {
      throw new ConfigError(`Permute: dims must be a permutation of 1 … n (1-based, the batch axis excluded), e.g. [2, 1], got ${formatJson(dims)}`);
    }
    this.dims = dims.slice();
    this.forwardAxes = [0, ...dims];
    const inverse = new Array<number>(dims.length + 1).fill(0);
    this.forwardAxes.forEach((from, to) => { inverse[from] = to; });
    this.inverseAxes = inverse;
  }

  /** `new Permute(config)`: rebuilds a layer from {@link Permute.getConfig}. */
  static fromConfig(config: PermuteConfig): Permute {
    return new Permute(config);
  }

  /** Input: `[batch, d_1, …, d_m]`. Output: `[batch, d_dims[0], …]`. */
  computeOutputShape(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    return this.forwardAxes.map((axis) => inputShape[axis]);
  }

  override getConfig(): PermuteConfig {
    return { ...super.getConfig(), dims: this.dims.slice() };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    return super.inputSpec(inputShape);
  }

  /** `Y = X` with its axes permuted: the zero-copy transposed view, copied contiguous into the output buffer. */
  protected call(x: Tensor): Tensor {
    const view = x.transpose(...this.forwardAxes);
    return copyInto(this.buffer('Y', view.shape), view);
  }

  /** A permutation only moves values, so `dAPrev` is `dOut` with the inverse permutation applied. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const view = dOut.transpose(...this.inverseAxes);
    return copyInto(this.buffer('dAPrev', view.shape), view);
  }

  /** @throws ShapeError unless the input has one axis per entry of `dims`, plus the batch. */
  private checkRank(inputShape: Shape): void {
    if (inputShape.length !== this.dims.length + 1) {
      const expected = formatShape([null, ...this.dims.map(() => null)]);
      throw new ShapeError(`${this.describe()}: input must have rank ${this.dims.length + 1} for dims ${formatJson(this.dims)}: expected ${expected}, got ${formatShape(inputShape)}`);
    }
  }
}
