/** {@link RepeatVector}: repeats each sample's vector `n` times along a new axis. */
import { formatJson } from '../lib/checks';
import { ConfigError, ShapeError } from '../lib/errors';
import { formatShape, type Shape, type Tensor } from '../lib/tensor';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of {@link RepeatVector}. */
export interface RepeatVectorOptions extends LayerOptions {
  /** How many times to repeat each vector: a positive integer (the new axis's size). */
  n: number;
}

/** The JSON form of a {@link RepeatVector}. */
export interface RepeatVectorConfig extends LayerConfig {
  n: number;
}

/**
 * Repeats each sample's feature vector `n` times, as Keras's `RepeatVector` (the bridge from
 * an encoder's vector to a decoder's sequence): `Y[b, r, j] = X[b, j]` for `r < n`.
 *
 * Input: `[batch, features]`. Output: `[batch, n, features]`.
 * @throws ConfigError for an `n` that is not a positive integer.
 * @throws ShapeError for input of rank other than 2, naming the layer and both shapes.
 * @example
 * ```ts
 * new RepeatVector({ n: 2 }).forward(tensor([[1, 2]])); // [[[1, 2], [1, 2]]]
 * ```
 */
export class RepeatVector extends Layer {
  static override readonly className: string = 'RepeatVector';
  static override readonly optionKeys: readonly string[] = ['n'];

  /** How many times each vector is repeated. */
  readonly n: number;

  constructor(options: RepeatVectorOptions = {} as RepeatVectorOptions) {
    super(options);
    const { n } = options;
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
      throw new ConfigError(`RepeatVector: n must be a positive integer, got ${formatJson(n)}`);
    }
    this.n = n;
  }

  /** `new RepeatVector(config)`: rebuilds a layer from {@link RepeatVector.getConfig}. */
  static fromConfig(config: RepeatVectorConfig): RepeatVector {
    return new RepeatVector(config);
  }

  /** Input: `[batch, features]`. Output: `[batch, n, features]`. */
  computeOutputShape(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    return [inputShape[0], this.n, inputShape[1]];
  }

  override getConfig(): RepeatVectorConfig {
    return { ...super.getConfig(), n: this.n };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    return super.inputSpec(inputShape);
  }

  /** `Y[b, r, :] = X[b, :]` for each of the `n` repeats, into the reused output buffer. Backward needs nothing cached. */
  protected call(x: Tensor): Tensor {
    const [batch, features] = x.shape;
    const y = this.buffer('Y', [batch, this.n, features]);
    const xd = x.data, yd = y.data;
    let yp = y.offset;
    for (let b = 0, xRow = x.offset; b < batch; b++, xRow += features) {
      for (let r = 0; r < this.n; r++) {
        for (let j = 0, xp = xRow; j < features; j++) yd[yp++] = xd[xp++];
      }
    }
    return y;
  }

  /** Each `X[b, j]` feeds `n` outputs with derivative 1, so `dAPrev[b, j] = Σ_r dOut[b, r, j]`. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const [batch, , features] = dOut.shape;
    const dAPrev = this.buffer('dAPrev', [batch, features]);
    const gd = dOut.data, dd = dAPrev.data;
    dd.fill(0, dAPrev.offset, dAPrev.offset + dAPrev.size);
    let gp = dOut.offset;
    for (let b = 0, dRow = dAPrev.offset; b < batch; b++, dRow += features) {
      for (let r = 0; r < this.n; r++) {
        for (let j = 0, dp = dRow; j < features; j++) dd[dp++] += gd[gp++];
      }
    }
    return dAPrev;
  }

  /** @throws ShapeError unless the input is `[batch, features]`. */
  private checkRank(inputShape: Shape): void {
    if (inputShape.length !== 2) {
      throw new ShapeError(`${this.describe()}: input must have rank 2: expected [?, features], got ${formatShape(inputShape)}`);
    }
  }
}
