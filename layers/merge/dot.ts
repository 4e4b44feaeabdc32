/** {@link Dot}: the dot product of two inputs along one axis of each, sample by sample. */
import { formatJson, isArray } from '../../lib/checks';
import { ConfigError, ShapeError } from '../../lib/errors';
import { formatShape, type Shape, type Tensor } from '../../lib/tensor';
import type { LayerConfig, LayerOptions } from '../layer';
import { MergeLayer } from './merge-layer';

/** Options of {@link Dot}. */
export interface DotOptions extends LayerOptions {
  /**
   * The axis to contract, counting the batch axis as 0 (as Keras does; negative counts from
   * the end): one number for both inputs, or `[axisOfInput0, axisOfInput1]`. Never the batch axis.
   */
  axes: number | readonly [number, number];
  /**
   * Whether to L2-normalise each input along its dot axis first, so the output is the cosine
   * similarity (`x / sqrt(max(Σ x², 1e-7))`, as TensorFlow.js's `l2Normalize`). @defaultValue false
   */
  normalize?: boolean;
}

/** The JSON form of a {@link Dot}. */
export interface DotConfig extends LayerConfig {
  axes: number | [number, number];
  normalize: boolean;
}

/** The square-sum floor of the normalisation, TensorFlow.js's `epsilon()`. */
const NORM_EPSILON = 1e-7;

/**
 * How one input's sample is laid out around its dot axis: `free` positions (1 for a rank-2
 * input) each hold a vector of `depth` values, `depthStride` apart; vector `i` starts at
 * `i · freeStride`; a sample has `size` values.
 */
interface Geometry {
  readonly free: number;
  readonly depth: number;
  readonly depthStride: number;
  readonly freeStride: number;
  readonly size: number;
}

/**
 * The batched dot product of two inputs, as Keras's `Dot` (its `batch_dot`): for each sample
 * `b`, every vector of input 0 along its dot axis meets every vector of input 1 along its own:
 * `Y[b, i, j] = Σ_k A[b, i, k] · B[b, j, k]`, where `i` runs over input 0's other non-batch
 * axis (none for rank 2) and `j` over input 1's.
 *
 * - `[batch, d]` and `[batch, d]`, `axes: 1`: `Y[b] = Σ_k A[b, k]·B[b, k]`, shape `[batch, 1]`.
 * - `[batch, n, d]` and `[batch, m, d]`, `axes: 2`: `Y = A·Bᵀ` per sample, `[batch, n, m]`
 *   (attention scores).
 * - `[batch, n, d]` and `[batch, d, m]`, `axes: [2, 1]`: the batched matrix product `[batch, n, m]`.
 *
 * With `normalize`, `A` and `B` are the inputs divided by their L2 norms along the dot axes
 * first, so `Y` is a cosine similarity. Forward caches `A`, `B` (and the norms) when training.
 *
 * Input: two tensors of rank 2 or 3 whose dot axes have one size. Output: input 0's shape
 * without its dot axis followed by input 1's without its batch and dot axes (`[batch, 1]` when
 * that leaves only the batch).
 * @throws ConfigError for `axes` that are not a non-zero integer or two of them, a non-boolean
 * `normalize`, or other than two inputs.
 * @throws ShapeError for inputs of rank other than 2 or 3, an axis outside an input or at its
 * batch, or dot axes of different sizes, naming the layer and both shapes.
 * @example
 * ```ts
 * new Dot({ axes: 1 }).forwardInputs([tensor([[1, 2]]), tensor([[3, 4]])]); // [[11]]
 * new Dot({ axes: 1, normalize: true }).forwardInputs([tensor([[3, 4]]), tensor([[4, 3]])]); // [[0.96]]
 * ```
 */
export class Dot extends MergeLayer {
  static override readonly className: string = 'Dot';
  static override readonly optionKeys: readonly string[] = ['axes', 'normalize'];

  /** The dot axes as given. */
  readonly axes: number | readonly [number, number];
  /** Whether the inputs are L2-normalised along their dot axes first. */
  readonly normalize: boolean;

  /** The geometry of each input in the last forward. */
  private geometries: [Geometry, Geometry] | null = null;
  /** What the last training forward multiplied (the inputs, or their normalised copies). */
  private factorsSeen: Tensor[] = [];

  constructor(options: DotOptions = {} as DotOptions) {
    super(options);
    const { axes, normalize = false } = options;
    const isAxis = (a: unknown): boolean => typeof a === 'number' && Number.isInteger(a) && a !== 0;
    if (!(isAxis(axes) || (isArray(axes) && axes.length === 2 && axes.every(isAxis)))) {
      throw new ConfigError(`Dot: axes must be a non-zero integer or two of them [axisOfInput0, axisOfInput1] (0 is the batch axis), got ${formatJson(axes)}`);
    }
    if (typeof normalize !== 'boolean') throw new ConfigError(`Dot: normalize must be a boolean, got ${formatJson(normalize)}`);
    this.axes = typeof axes === 'number' ? axes : [axes[0], axes[1]];
    this.normalize = normalize;
  }

  /** `new Dot(config)`: rebuilds a layer from {@link Dot.getConfig}. */
  static fromConfig(config: DotConfig): Dot {
    return new Dot(config);
  }

  override getConfig(): DotConfig {
    const axes = this.axes;
    return { ...super.getConfig(), axes: typeof axes === 'number' ? axes : [axes[0], axes[1]], normalize: this.normalize };
  }

  /** Exactly two inputs. */
  protected override inputCount(): readonly [number, number] {
    return [2, 2];
  }

  /** Input 0's shape without its dot axis, then input 1's without its batch and dot axes (`[batch, 1]` when nothing is left). */
  protected computeMergedShape(inputShapes: readonly Shape[]): Shape {
    const [s0, s1] = inputShapes;
    const both = (): string => `${formatShape(s0)} and ${formatShape(s1)}`;
    const [a0, a1] = inputShapes.map((shape, k) => {
      if (shape.length !== 2 && shape.length !== 3) {
        throw new ShapeError(`${this.describe()}: input ${k} must have rank 2 or 3: expected [?, d] or [?, n, d], got ${formatShape(shape)}; inputs ${both()}`);
      }
      const axis = this.axisOf(k, shape.length);
      if (axis < 1 || axis >= shape.length) {
        throw new ShapeError(`${this.describe()}: axis ${this.givenAxis(k)} of input ${k} must be a non-batch axis: expected an axis in 1..${shape.length - 1} of ${formatShape(shape)}; inputs ${both()}`);
      }
      return axis;
    });
    if (s0[a0] !== null && s1[a1] !== null && s0[a0] !== s1[a1]) {
      throw new ShapeError(`${this.describe()}: the dot axes must have one size: input 0 axis ${a0} is ${s0[a0]}, input 1 axis ${a1} is ${s1[a1]}; got ${both()}`);
    }
    const out = [...s0.filter((_, i) => i !== a0), ...s1.filter((_, i) => i !== a1 && i !== 0)];
    return out.length === 1 ? [out[0], 1] : out;
  }

  /** `Y[b, i, j] = Σ_k A[b, i, k]·B[b, j, k]` into the reused output buffer, after normalising `A` and `B` if asked. */
  protected callMany(inputs: readonly Tensor[], training: boolean): Tensor {
    const geometries = inputs.map((x, k) => this.geometry(x.shape, k));
    const [g0, g1] = geometries;
    this.geometries = [g0, g1];
    const [A, B] = this.normalize
      ? inputs.map((x, k) => normalizeVectors(this.buffer(`U${k}`, x.shape), this.buffer(`S${k}`, [x.shape[0], geometries[k].free]), x, geometries[k]))
      : inputs;
    // The free axes of rank-3 inputs, in order; `[batch, 1]` when both inputs are rank 2.
    const batch = inputs[0].shape[0];
    const freeAxes = inputs.flatMap((x, k) => (x.shape.length === 3 ? [geometries[k].free] : []));
    const outShape = [batch, ...(freeAxes.length === 0 ? [1] : freeAxes)];
    const y = this.buffer('Y', outShape);
    const ad = A.data, bd = B.data, yd = y.data;
    let yp = y.offset;
    for (let b = 0; b < batch; b++) {
      const aSample = A.offset + b * g0.size, bSample = B.offset + b * g1.size;
      for (let i = 0; i < g0.free; i++) {
        const aStart = aSample + i * g0.freeStride;
        for (let j = 0; j < g1.free; j++) {
          let sum = 0;
          for (let k = 0, ap = aStart, bp = bSample + j * g1.freeStride; k < g0.depth; k++, ap += g0.depthStride, bp += g1.depthStride) sum += ad[ap] * bd[bp];
          yd[yp++] = sum;
        }
      }
    }
    this.factorsSeen = training ? [A, B] : [];
    return y;
  }

  /**
   * From `Y[b, i, j] = Σ_k A[b, i, k]·B[b, j, k]`:
   * - `dA[b, i, k] = Σ_j dOut[b, i, j]·B[b, j, k]` and `dB[b, j, k] = Σ_i dOut[b, i, j]·A[b, i, k]`;
   * - with `normalize`, `A = X / s` with `s = sqrt(max(Σ_k X², ε))` per vector, whose Jacobian
   *   is `(I − A·Aᵀ) / s` (just `I / s` where the floor `ε` holds `s` constant), so
   *   `dX = (dA − A·(dA·A)) / s` vector by vector.
   */
  protected backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[] {
    const [g0, g1] = this.geometries as [Geometry, Geometry];
    const [A, B] = this.factorsSeen;
    const batch = dOut.shape[0];
    const gd = dOut.data;
    return [0, 1].map((k) => {
      if (!needInputGradients[k]) return null;
      // The input whose gradient this is (`mine`), and the other factor it multiplied.
      const [mine, other, gm, go] = k === 0 ? [A, B, g0, g1] : [B, A, g1, g0];
      const dx = this.buffer(`dX${k}`, mine.shape);
      const dd = dx.data, od = other.data;
      dd.fill(0, dx.offset, dx.offset + dx.size);
      let gp = dOut.offset;
      for (let b = 0; b < batch; b++) {
        const dSample = dx.offset + b * gm.size, oSample = other.offset + b * go.size;
        // dOut[b] is [free0, free1]; for input 1 its rows are walked as columns.
        for (let i = 0; i < g0.free; i++) {
          for (let j = 0; j < g1.free; j++) {
            const g = gd[gp++];
            const mineFree = k === 0 ? i : j, otherFree = k === 0 ? j : i;
            for (let t = 0, dp = dSample + mineFree * gm.freeStride, op = oSample + otherFree * go.freeStride; t < gm.depth; t++, dp += gm.depthStride, op += go.depthStride) dd[dp] += g * od[op];
          }
        }
      }
      if (this.normalize) normalizeBackward(dx, mine, this.buffer(`S${k}`, [batch, gm.free]), gm);
      return dx;
    });
  }

  /** The dot axis of input `k` as given (negative counts from the end). */
  private givenAxis(k: number): number {
    return typeof this.axes === 'number' ? this.axes : this.axes[k];
  }

  /** The dot axis of input `k` of rank `rank`, counted from 0 (the batch). */
  private axisOf(k: number, rank: number): number {
    const given = this.givenAxis(k);
    return given < 0 ? rank + given : given;
  }

  /** The layout of input `k` of `shape` around its dot axis (contiguous, row-major). */
  private geometry(shape: readonly number[], k: number): Geometry {
    const axis = this.axisOf(k, shape.length);
    const depth = shape[axis];
    if (shape.length === 2) return { free: 1, depth, depthStride: 1, freeStride: 0, size: depth };
    // Rank 3: the free axis is the non-batch axis that is not the dot axis (2 when axis is 1, and 1 when it is 2).
    const free = shape[3 - axis];
    return axis === 1
      ? { free, depth, depthStride: free, freeStride: 1, size: free * depth }
      : { free, depth, depthStride: 1, freeStride: depth, size: free * depth };
  }
}

/**
 * `u = x / sqrt(max(Σ_k x², ε))` for every vector along the dot axis; each vector's `Σ_k x²`
 * goes to `squares` (`[batch, free]`) for backward. Returns `u`.
 */
function normalizeVectors(u: Tensor, squares: Tensor, x: Tensor, g: Geometry): Tensor {
  const xd = x.data, ud = u.data, sd = squares.data;
  const batch = x.shape[0];
  let sp = squares.offset;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < g.free; i++, sp++) {
      const start = b * g.size + i * g.freeStride;
      let sum = 0;
      for (let k = 0, p = x.offset + start; k < g.depth; k++, p += g.depthStride) sum += xd[p] * xd[p];
      const norm = Math.sqrt(Math.max(sum, NORM_EPSILON));
      sd[sp] = sum;
      for (let k = 0, p = x.offset + start, q = u.offset + start; k < g.depth; k++, p += g.depthStride, q += g.depthStride) ud[q] = xd[p] / norm;
    }
  }
  return u;
}

/**
 * Turns `dU` (in `d`, in place) into `dX` for `u = x / s`, `s = sqrt(max(Σ x², ε))`:
 * `dX = (dU − u·(dU·u)) / s`, or `dU / s` where the floor `ε` held `s` constant.
 */
function normalizeBackward(d: Tensor, u: Tensor, squares: Tensor, g: Geometry): void {
  const dd = d.data, ud = u.data, sd = squares.data;
  const batch = d.shape[0];
  let sp = squares.offset;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < g.free; i++, sp++) {
      const start = b * g.size + i * g.freeStride;
      const isFloored = !(sd[sp] > NORM_EPSILON);
      const norm = Math.sqrt(Math.max(sd[sp], NORM_EPSILON));
      let projection = 0;
      if (!isFloored) for (let k = 0, p = d.offset + start, q = u.offset + start; k < g.depth; k++, p += g.depthStride, q += g.depthStride) projection += dd[p] * ud[q];
      for (let k = 0, p = d.offset + start, q = u.offset + start; k < g.depth; k++, p += g.depthStride, q += g.depthStride) dd[p] = (dd[p] - projection * ud[q]) / norm;
    }
  }
}
