/** {@link Concatenate}: joins its inputs along one axis. */
import { formatJson } from '../../lib/checks';
import { ConfigError, ShapeError } from '../../lib/errors';
import { formatShape, type Shape, type Tensor } from '../../lib/tensor';
import type { LayerConfig, LayerOptions } from '../layer';
import { andMasks, concatMasksInTime, type Mask } from '../mask';
import { MergeLayer } from './merge-layer';

/** Options of {@link Concatenate}. */
export interface ConcatenateOptions extends LayerOptions {
  /**
   * The axis to join along, counting the batch axis as 0 (as Keras does); negative counts
   * from the end. Any axis but the batch. @defaultValue -1
   */
  axis?: number;
}

/** The JSON form of a {@link Concatenate}. */
export interface ConcatenateConfig extends LayerConfig {
  axis: number;
}

/**
 * Joins two or more inputs along `axis`, as Keras's `Concatenate`: for inputs
 * `[batch, …, d_k, …]` that agree on every other axis, the output is `[batch, …, Σ_k d_k, …]`,
 * input 0's slice first. With `axis: -1` on `[batch, f_k]` inputs, each output row is the
 * rows of the inputs side by side.
 *
 * In row-major memory, the axes before `axis` (the batch included) index `outer` blocks, and
 * in each block input `k` owns a run of `d_k · (product of the axes after axis)` consecutive
 * values; forward copies the runs into place and backward copies them back out, so
 * `dX_k` is the slice of `dOut` that `X_k` filled.
 *
 * Input: two or more `[batch, …]` tensors of one rank. Output: that rank, `Σ_k d_k` along `axis`.
 * @throws ConfigError for an `axis` that is not a non-zero integer.
 * @throws ShapeError for inputs of different ranks, an `axis` outside them or at the batch,
 * or inputs that differ on another axis, naming the layer and the shapes.
 * @example
 * ```ts
 * new Concatenate().forwardInputs([tensor([[1, 2]]), tensor([[3]])]); // [[1, 2, 3]]
 * new Concatenate({ axis: 1 }).computeOutputShapeOf([[null, 2, 5], [null, 3, 5]]); // [null, 5, 5]
 * ```
 */
export class Concatenate extends MergeLayer {
  static override readonly className: string = 'Concatenate';
  static override readonly optionKeys: readonly string[] = ['axis'];

  /** The axis as given (negative counts from the end). */
  readonly axis: number;

  /** The resolved axis of the last forward. */
  private axisSeen = 1;
  /** Each input's size `d_k` along the axis, in the last training forward. */
  private sizesSeen: number[] = [];

  constructor(options: ConcatenateOptions = {}) {
    super(options);
    const { axis = -1 } = options;
    if (typeof axis !== 'number' || !Number.isInteger(axis) || axis === 0) {
      throw new ConfigError(`Concatenate: axis must be a non-zero integer (0 is the batch axis), got ${formatJson(axis)}`);
    }
    this.axis = axis;
  }

  /** `new Concatenate(config)`: rebuilds a layer from {@link Concatenate.getConfig}. */
  static fromConfig(config: ConcatenateConfig): Concatenate {
    return new Concatenate(config);
  }

  /**
   * The output's mask, as Keras's `Concatenate.compute_mask`: joined along time (an unmasked
   * input counting as all data) when the inputs `[batch, time_k, …]` are joined on axis 1,
   * else the logical and of the inputs' masks; `null` when no input is masked.
   */
  override computeMask(inputs: readonly Tensor[], masks: readonly (Mask | null)[]): Mask | null {
    const rank = inputs[0].shape.length;
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    return axis === 1 && rank > 2 ? concatMasksInTime(masks, inputs) : andMasks(masks, this.describe());
  }

  override getConfig(): ConcatenateConfig {
    return { ...super.getConfig(), axis: this.axis };
  }

  /**
   * Inputs `[batch, …, d_k, …]` of one rank that agree off `axis`: the output has `Σ_k d_k`
   * along it (unknown when any `d_k` is).
   */
  protected computeMergedShape(inputShapes: readonly Shape[]): Shape {
    const rank = inputShapes[0].length;
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    const all = inputShapes.map(formatShape).join(', ');
    if (axis < 1 || axis >= rank) {
      throw new ShapeError(`${this.describe()}: axis ${this.axis} must be a non-batch axis of the inputs: expected inputs of rank > ${Math.abs(this.axis)}, got ${all}`);
    }
    const out = inputShapes[0].slice();
    for (let k = 1; k < inputShapes.length; k++) {
      const shape = inputShapes[k];
      if (shape.length !== rank) {
        throw new ShapeError(`${this.describe()}: input ${k} must have the rank of input 0: expected rank ${rank}, got ${formatShape(shape)}; inputs ${all}`);
      }
      const ok = shape.every((d, i) => i === 0 || i === axis || d === null || out[i] === null || d === out[i]);
      if (!ok) {
        const expected = formatShape(out.map((d, i) => (i === 0 || i === axis ? null : d)));
        throw new ShapeError(`${this.describe()}: input ${k} must match input 0 on every axis but ${axis}: expected ${expected} (any size on axis ${axis}), got ${formatShape(shape)}; inputs ${all}`);
      }
      for (let i = 1; i < rank; i++) if (i !== axis && out[i] === null) out[i] = shape[i];
      const d = shape[axis], total = out[axis];
      out[axis] = d === null || total === null ? null : total + d;
    }
    return out;
  }

  /** Copies each input's run of every outer block into the reused output buffer; remembers the sizes along `axis` when training. */
  protected callMany(inputs: readonly Tensor[], training: boolean): Tensor {
    const first = inputs[0].shape;
    const axis = this.axis < 0 ? first.length + this.axis : this.axis;
    const sizes = inputs.map((x) => x.shape[axis]);
    const shape = first.slice();
    shape[axis] = sizes.reduce((a, b) => a + b, 0);
    const y = this.buffer('Y', shape);
    const [outer, inner] = blocks(shape, axis);
    const width = shape[axis] * inner;
    const yd = y.data;
    let start = y.offset;
    inputs.forEach((x, k) => {
      const xd = x.data, run = sizes[k] * inner;
      let xp = x.offset;
      for (let r = 0, yRow = start; r < outer; r++, yRow += width) {
        for (let j = 0, yp = yRow; j < run; j++) yd[yp++] = xd[xp++];
      }
      start += run;
    });
    this.axisSeen = axis;
    this.sizesSeen = training ? sizes : [];
    return y;
  }

  /** `Y` is a rearrangement of the inputs' values, so `dX_k` is the slice of `dOut` that `X_k` filled. */
  protected backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[] {
    const axis = this.axisSeen;
    const [outer, inner] = blocks(dOut.shape, axis);
    const width = dOut.shape[axis] * inner;
    const gd = dOut.data;
    let start = dOut.offset;
    return this.sizesSeen.map((size, k) => {
      const run = size * inner, rowStart = start;
      start += run;
      if (!needInputGradients[k]) return null;
      const shape = dOut.shape.slice();
      shape[axis] = size;
      const dx = this.buffer(`dX${k}`, shape);
      const dd = dx.data;
      let dp = dx.offset;
      for (let r = 0, gRow = rowStart; r < outer; r++, gRow += width) {
        for (let j = 0, gp = gRow; j < run; j++) dd[dp++] = gd[gp++];
      }
      return dx;
    });
  }
}

/** `[outer, inner]`: the products of the axes before `axis` (the batch included) and after it. */
function blocks(shape: readonly number[], axis: number): [number, number] {
  let outer = 1, inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, inner];
}
