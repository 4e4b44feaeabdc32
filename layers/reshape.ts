/** {@link Reshape}: gives each sample a new shape of the same size. */
import { formatJson, isArray } from '../lib/checks';
import { ConfigError, ShapeError } from '../lib/errors';
import { formatShape, reshape, type DType, type Shape, type Tensor } from '../lib/tensor';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of {@link Reshape}. */
export interface ReshapeOptions extends LayerOptions {
  /**
   * The shape of one sample, without the batch axis: positive integers, and at most one `-1`
   * for the axis inferred from the input's size (Keras's `target_shape`).
   */
  targetShape: readonly number[];
}

/** The JSON form of a {@link Reshape}. */
export interface ReshapeConfig extends LayerConfig {
  targetShape: number[];
}

/**
 * Reshapes `[batch, …]` to `[batch, …targetShape]` in row-major order, keeping the batch axis,
 * as Keras's `Reshape`; one `-1` in `targetShape` is inferred from the input. Forward and
 * backward are zero-copy views of the (contiguous) input and upstream gradient.
 *
 * Input: `[batch, …]` with `d1·d2·…` values per sample. Output: `[batch, …targetShape]`.
 * @throws ConfigError for a `targetShape` that is not positive integers with at most one `-1`.
 * @throws ShapeError from build when the input's sample size does not fit `targetShape`,
 * naming both shapes.
 * @example
 * ```ts
 * new Reshape({ targetShape: [28, 28] }).forward(x784); // [N, 784] → [N, 28, 28]
 * new Reshape({ targetShape: [-1, 2] });                // [N, 6] → [N, 3, 2]
 * ```
 */
export class Reshape extends Layer {
  static override readonly className: string = 'Reshape';
  static override readonly optionKeys: readonly string[] = ['targetShape'];

  /** The target sample shape as given (possibly with one `-1`). */
  readonly targetShape: readonly number[];

  /** The target sample shape with `-1` resolved, fixed at build. */
  private sampleShape: readonly number[] = [];
  /** The input shape of the last training forward, which backward restores. */
  private inputShapeSeen: readonly number[] | null = null;

  constructor(options: ReshapeOptions = {} as ReshapeOptions) {
    super(options);
    const { targetShape } = options;
    const isValid = isArray(targetShape) && targetShape.length > 0 &&
      targetShape.every((d) => Number.isInteger(d) && (d > 0 || d === -1)) &&
      targetShape.filter((d) => d === -1).length <= 1;
    if (!isValid) {
      throw new ConfigError(`Reshape: targetShape must be a non-empty array of positive integers with at most one -1, got ${formatJson(targetShape)}`);
    }
    this.targetShape = targetShape.slice();
  }

  /** `new Reshape(config)`: rebuilds a layer from {@link Reshape.getConfig}. */
  static fromConfig(config: ReshapeConfig): Reshape {
    return new Reshape(config);
  }

  /** Input: `[batch, d1, d2, …]`. Output: `[batch, …targetShape]` with `-1` resolved. */
  computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], ...this.resolve(inputShape)];
  }

  override getConfig(): ReshapeConfig {
    return { ...super.getConfig(), targetShape: this.targetShape.slice() };
  }

  /** Resolves `-1` for the build shape (and throws the ShapeError when the sizes disagree). */
  protected override afterBuild(inputShape: Shape, dtype: DType): void {
    void dtype;
    this.sampleShape = this.resolve(inputShape);
  }

  /** A `[batch, …targetShape]` view of the input; remembers its shape when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    this.inputShapeSeen = training ? x.shape.slice() : null;
    return reshape(x, [x.shape[0], ...this.sampleShape]);
  }

  /** Reshaping moves no value, so `dAPrev` is `dOut` viewed with the input's shape. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    return needDAPrev ? reshape(dOut, this.inputShapeSeen as readonly number[]) : null;
  }

  /** The target sample shape for inputs of `inputShape`, with `-1` inferred. */
  private resolve(inputShape: Shape): number[] {
    let size = 1;
    for (let axis = 1; axis < inputShape.length; axis++) {
      const d = inputShape[axis];
      if (d === null) {
        throw new ShapeError(`${this.describe()}: every axis but the batch must be known: expected [?, d1, d2, …], got ${formatShape(inputShape)}`);
      }
      if (typeof d !== 'number') throw new ShapeError(`${this.describe()}: input axes must be numbers, got ${formatShape(inputShape)}`);
      size *= d;
    }
    const known = this.targetShape.reduce((n, d) => (d === -1 ? n : n * d), 1);
    const target = formatShape([null, ...this.targetShape]);
    const inferred = this.targetShape.indexOf(-1);
    if (inferred < 0) {
      if (known !== size) {
        throw new ShapeError(`${this.describe()}: cannot reshape input ${formatShape(inputShape)} (${size} values per sample) to targetShape ${target} (${known} values)`);
      }
      return this.targetShape.slice();
    }
    if (size % known !== 0) {
      throw new ShapeError(`${this.describe()}: cannot reshape input ${formatShape(inputShape)} (${size} values per sample) to targetShape ${target}: ${size} is not a multiple of ${known}`);
    }
    const resolved = this.targetShape.slice();
    resolved[inferred] = size / known;
    return resolved;
  }
}
