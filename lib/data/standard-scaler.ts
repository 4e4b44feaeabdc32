/** Per-feature standardization to zero mean and unit variance (scikit-learn's `StandardScaler`). */
import { DataError, ShapeError, StateError } from '../errors';
import { isArray, isReadableObject, kindOf, requireTensor } from '../checks';
import { dtypeOf, findNonFinite, formatShape, zeros, type Tensor } from '../tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** The JSON form of a {@link StandardScaler}: its fitted statistics, or `null` before `fit`. */
export interface StandardScalerJSON {
  className: 'StandardScaler';
  /** Per-column means `[D]`. */
  mean: number[] | null;
  /** Per-column scales `[D]`: the population standard deviations, with 1 for constant columns. */
  scale: number[] | null;
}

/**
 * Standardizes each column of a `[N, D]` tensor: `z = (x − mean) / scale`, where `mean` and
 * `scale` are the column's mean and population standard deviation `√(Σ (x − mean)² / N)` over
 * the rows seen by {@link StandardScaler.fit}. A constant column gets `scale = 1` (as in
 * scikit-learn), so it maps to 0 instead of dividing by zero.
 *
 * Fit on the training set only, then transform training and test sets with the same statistics.
 * Statistics are computed in float64 whatever the input dtype; outputs keep the input's dtype.
 *
 * @example
 * ```ts
 * const scaler = new StandardScaler();
 * const xTrainScaled = scaler.fitTransform(xTrain);
 * const xTestScaled = scaler.transform(xTest);
 * ```
 */
export class StandardScaler {
  static readonly className = 'StandardScaler';
  private fittedMean: Float64Array | null = null;
  private fittedScale: Float64Array | null = null;

  /** Per-column means `[D]`, a copy. @throws StateError before `fit`. */
  get mean(): number[] {
    return Array.from(this.fitted('mean')[0]);
  }

  /** Per-column scales `[D]` (standard deviations, 1 for constant columns), a copy. @throws StateError before `fit`. */
  get scale(): number[] {
    return Array.from(this.fitted('scale')[1]);
  }

  /** True once `fit` has run (or the scaler was restored with statistics). */
  get isFitted(): boolean {
    return this.fittedMean !== null;
  }

  /**
   * Computes the per-column mean and scale of `x` `[N, D]`, replacing any earlier fit. Returns `this`.
   * @throws ShapeError when `x` is not rank 2.
   * @throws DataError when `x` has no rows or holds NaN/Infinity.
   */
  fit(x: Tensor): this {
    checkRank2('fit', x);
    const [n, d] = x.shape;
    if (n === 0) throw new DataError(`StandardScaler.fit: x is empty: expected at least 1 row, got ${formatShape(x.shape)}`);
    const bad = findNonFinite(x);
    if (bad) throw new DataError(`StandardScaler.fit: x must be finite: x[${bad.join(', ')}] is ${x.get(bad[0], bad[1])}`);
    const mean = new Float64Array(d);
    const variance = new Float64Array(d);
    const data = x.data, rowStride = x.stride[0], colStride = x.stride[1];
    // Two passes (mean, then squared deviations) avoid the cancellation of E[x²] − E[x]².
    for (let i = 0, row = x.offset; i < n; i++, row += rowStride) {
      for (let j = 0, p = row; j < d; j++, p += colStride) mean[j] += data[p];
    }
    for (let j = 0; j < d; j++) mean[j] /= n;
    for (let i = 0, row = x.offset; i < n; i++, row += rowStride) {
      for (let j = 0, p = row; j < d; j++, p += colStride) {
        const dev = data[p] - mean[j];
        variance[j] += dev * dev;
      }
    }
    const scale = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const v = variance[j] / n;
      // scikit-learn's _is_constant_feature: a variance within rounding error of 0 means a constant column.
      const eps = Number.EPSILON;
      const isConstant = v <= n * eps * v + (n * mean[j] * eps) ** 2;
      scale[j] = isConstant ? 1 : math.sqrt(v);
    }
    this.fittedMean = mean;
    this.fittedScale = scale;
    return this;
  }

  /**
   * `z[i, j] = (x[i, j] − mean[j]) / scale[j]`. Input `[M, D]`, output a new `[M, D]` tensor of `x`'s dtype.
   * @throws StateError before `fit`.
   * @throws ShapeError when `x` is not `[?, D]`.
   */
  transform(x: Tensor): Tensor {
    return this.apply('transform', x, false);
  }

  /** `fit(x)` then `transform(x)`. Input `[N, D]`, output a new `[N, D]` tensor. */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /**
   * Undoes {@link StandardScaler.transform}: `x[i, j] = z[i, j] · scale[j] + mean[j]`.
   * Input `[M, D]`, output a new `[M, D]` tensor of `z`'s dtype.
   * @throws StateError before `fit`.
   * @throws ShapeError when `z` is not `[?, D]`.
   */
  inverseTransform(z: Tensor): Tensor {
    return this.apply('inverseTransform', z, true);
  }

  /** The fitted statistics as plain JSON, for saving with a model. */
  toJSON(): StandardScalerJSON {
    return {
      className: 'StandardScaler',
      mean: this.fittedMean && Array.from(this.fittedMean),
      scale: this.fittedScale && Array.from(this.fittedScale),
    };
  }

  /**
   * A scaler restored from {@link StandardScaler.toJSON}'s output.
   * @throws DataError when `json` is not `{ mean, scale }` with two arrays of numbers (or nulls),
   * or `mean` and `scale` differ in length.
   */
  static fromJSON(json: StandardScalerJSON): StandardScaler {
    if (!isReadableObject(json)) throw new DataError(`StandardScaler.fromJSON: expected { mean, scale }, got ${kindOf(json)}`);
    const scaler = new StandardScaler();
    if (json.mean === null || json.scale === null) return scaler;
    if (!isNumberArray(json.mean) || !isNumberArray(json.scale)) {
      throw new DataError(`StandardScaler.fromJSON: mean and scale must be arrays of numbers (or null), got ${kindOf(json.mean)} and ${kindOf(json.scale)}`);
    }
    if (json.mean.length !== json.scale.length) {
      throw new DataError(
        `StandardScaler.fromJSON: mean and scale lengths differ: mean has ${json.mean.length}, scale has ${json.scale.length}`);
    }
    scaler.fittedMean = Float64Array.from(json.mean);
    scaler.fittedScale = Float64Array.from(json.scale);
    return scaler;
  }

  private fitted(method: string): [Float64Array, Float64Array] {
    if (!this.fittedMean || !this.fittedScale) {
      throw new StateError(`StandardScaler.${method}: the scaler is not fitted; call fit(x) first`);
    }
    return [this.fittedMean, this.fittedScale];
  }

  /** `(x − mean) / scale`, or `x · scale + mean` when `isInverse`, over any strides into a contiguous output. */
  private apply(method: string, x: Tensor, isInverse: boolean): Tensor {
    const [mean, scale] = this.fitted(method);
    checkRank2(method, x);
    const [n, d] = x.shape;
    if (d !== mean.length) {
      throw new ShapeError(
        `StandardScaler.${method}: x must have the ${mean.length} columns seen by fit: expected [?, ${mean.length}], got ${formatShape(x.shape)}`);
    }
    const out = zeros([n, d], dtypeOf(x));
    const od = out.data, data = x.data, rowStride = x.stride[0], colStride = x.stride[1];
    let o = 0;
    for (let i = 0, row = x.offset; i < n; i++, row += rowStride) {
      for (let j = 0, p = row; j < d; j++, p += colStride) {
        od[o++] = isInverse ? data[p] * scale[j] + mean[j] : (data[p] - mean[j]) / scale[j];
      }
    }
    return out;
  }
}

function isNumberArray(value: unknown): value is number[] {
  return isArray(value) && value.every((v) => typeof v === 'number');
}

function checkRank2(method: string, x: Tensor): void {
  requireTensor(x, `StandardScaler.${method}: x`);
  if (x.shape.length !== 2) {
    throw new ShapeError(`StandardScaler.${method}: x must be [N, D]: expected [?, ?], got ${formatShape(x.shape)}`);
  }
}
