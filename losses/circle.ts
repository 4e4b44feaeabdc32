/** The Circle loss (Sun et al., 2020) between integer labels and L2-normalized embeddings, for metric learning. */
import { ConfigError, DataError, ShapeError } from '../lib/errors';
import { formatValue } from '../lib/safe-format';
import { formatShape, type Tensor } from '../lib/tensor';
import { Loss, type LossOptions } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link Circle}. */
export interface CircleOptions extends LossOptions {
  /** The scale `γ > 0` of every similarity score. @defaultValue 80 */
  gamma?: number;
  /** The relaxation `m`: below this distance negatives are up-weighted and positives down-weighted. @defaultValue 0.4 */
  margin?: number;
  /** Leave each sample's pair with itself out of its positives. @defaultValue true */
  removeDiagonal?: boolean;
}

/** The JSON form of {@link CircleOptions}, defaults resolved. */
export interface CircleConfig {
  [option: string]: unknown;
  gamma: number;
  margin: number;
  removeDiagonal: boolean;
}

/** The resolved options the Circle computation reads. */
interface CircleParameters {
  readonly gamma: number;
  readonly margin: number;
  readonly removeDiagonal: boolean;
}

/** `log(1 + eˣ)` without overflow. */
const softplus = (x: number): number => (x > 0 ? x + math.log1p(math.exp(-x)) : math.log1p(math.exp(x)));
/** `1/(1 + e^(−x))`. */
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + math.exp(-x)) : math.exp(x) / (1 + math.exp(x)));

/**
 * One pair's terms: with the distance `d = max(1 − s, 0)` of the similarity `s`, the positive
 * logit `a = −γ·max(m + d, 0)·(m − d)` and the negative logit `b = γ·max(1 + m − d, 0)·(1 − m − d)`,
 * and their derivatives with respect to `s` (through `d`, whose derivative is −1 where `1 − s > 0`).
 */
function pairTerms(s: number, p: CircleParameters): { a: number; b: number; da: number; db: number } {
  const { gamma, margin } = p;
  const isClipped = !(1 - s > 0);
  const d = isClipped ? 0 : 1 - s;
  const positiveWeight = margin + d, negativeWeight = 1 + margin - d;
  const a = positiveWeight > 0 ? -gamma * positiveWeight * (margin - d) : 0;
  const b = negativeWeight > 0 ? gamma * negativeWeight * (1 - margin - d) : 0;
  // a = γ(d² − m²) so ∂a/∂d = 2γd; b = γ((1 − d)² − m²) so ∂b/∂d = −2γ(1 − d); ∂d/∂s = −1.
  const dd = isClipped ? 0 : -1;
  const da = positiveWeight > 0 ? 2 * gamma * d * dd : 0;
  const db = negativeWeight > 0 ? -2 * gamma * (1 - d) * dd : 0;
  return { a, b, da, db };
}

/**
 * Per-sample Circle losses of `x` (`[N, D]`, labels `y`) against reference embeddings `ref`
 * (`[R, D]`, labels `refY`), Keras's `keras.losses.circle`, into `out` (length `N`); when `grad`
 * is given, also `G[i, j] = scale_i·∂ℓ_i/∂s_ij` (`[N, R]`) of the similarities `s = x·refᵀ`.
 * `x`, `ref` are contiguous row-major data with offsets.
 */
export function circleLosses(
  x: ArrayLike<number>, xOffset: number, y: ArrayLike<number>, ref: ArrayLike<number>, refOffset: number, refY: ArrayLike<number>,
  n: number, r: number, dim: number, p: CircleParameters, out: Float64Array, grad?: { scale: Float64Array; g: Float64Array },
): void {
  const a = new Float64Array(r), b = new Float64Array(r), da = new Float64Array(r), db = new Float64Array(r);
  const isPositive = new Uint8Array(r), isNegative = new Uint8Array(r);
  for (let i = 0; i < n; i++) {
    let pMax = -Infinity, nMax = -Infinity;
    for (let j = 0; j < r; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += x[xOffset + i * dim + k] * ref[refOffset + j * dim + k];
      const t = pairTerms(s, p);
      a[j] = t.a; b[j] = t.b; da[j] = t.da; db[j] = t.db;
      const same = y[i] === refY[j];
      isPositive[j] = same && !(p.removeDiagonal && i === j) ? 1 : 0;
      isNegative[j] = same ? 0 : 1;
      if (isPositive[j] && t.a > pMax) pMax = t.a;
      if (isNegative[j] && t.b > nMax) nMax = t.b;
    }
    if (pMax === -Infinity || nMax === -Infinity) {
      // logsumexp over no pair is −∞, and softplus(−∞) = 0: no positive or no negative, no loss.
      out[i] = 0;
      if (grad) grad.g.fill(0, i * r, (i + 1) * r);
      continue;
    }
    let pSum = 0, nSum = 0;
    for (let j = 0; j < r; j++) {
      if (isPositive[j]) pSum += math.exp(a[j] - pMax);
      if (isNegative[j]) nSum += math.exp(b[j] - nMax);
    }
    const pLse = pMax + math.log(pSum), nLse = nMax + math.log(nSum);
    out[i] = softplus(pLse + nLse);
    if (!grad) continue;
    // ℓ = softplus(P + N): ∂ℓ/∂a_j = σ(P + N)·softmax_P(a)_j, ∂ℓ/∂b_j = σ(P + N)·softmax_N(b)_j.
    const outer = grad.scale[i] * sigmoid(pLse + nLse);
    for (let j = 0; j < r; j++) {
      let gij = 0;
      if (isPositive[j]) gij += math.exp(a[j] - pLse) * da[j];
      if (isNegative[j]) gij += math.exp(b[j] - nLse) * db[j];
      grad.g[i * r + j] = outer * gij;
    }
  }
}

/**
 * The Circle loss (Keras's `Circle`), for metric learning on L2-normalized embeddings (a Dense
 * layer without activation, then `UnitNormalization`), with integer labels. For each pair of
 * samples `i, j` of the batch, with the cosine distance `d_ij = max(1 − x_i·x_j, 0)`, the margin
 * `m` and the scale `γ`:
 * - positives (`y_i = y_j`, `i ≠ j` with `removeDiagonal`): `a_ij = −γ·max(m + d_ij, 0)·(m − d_ij)`;
 * - negatives (`y_i ≠ y_j`): `b_ij = γ·max(1 + m − d_ij, 0)·(1 − m − d_ij)`;
 * - `ℓ_i = softplus(logsumexp_j a_ij + logsumexp_j b_ij)`, 0 for a sample with no positive or
 *   no negative.
 *
 * As in Keras, the zero losses are masked out: the default reduction divides `Σ_i w_i·ℓ_i` by
 * the number of samples with `ℓ_i > 0`, not by `N`. The loss couples the samples of a batch.
 *
 * Gradient: with `s_ij = x_i·x_j` and `G_ij = Σ` of `w_i/V·σ(P_i + N_i)·softmax(a_i)_j·∂a_ij/∂s_ij`
 * and the same for `b` (`∂a/∂s = −2γ·d`, `∂b/∂s = 2γ·(1 − d)` where `1 − s > 0`, else 0),
 * `∂L/∂X = (G + Gᵀ)·X`.
 *
 * Shapes: yPred is `[N, D]`; yTrue is `[N]` or `[N, 1]` holding integers; the gradient is `[N, D]`.
 *
 * @throws ConfigError when `gamma` is not a positive number, `margin` not finite or `removeDiagonal` not a boolean.
 * @throws ShapeError (from forward) when yTrue is not `[N]` or `[N, 1]` or yPred is not rank 2.
 * @throws DataError (from forward) naming the sample when a label is not an integer.
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: new Circle({ gamma: 80, margin: 0.4 }) });
 * ```
 */
export class Circle extends Loss {
  static override readonly className: string = 'Circle';
  static override readonly optionKeys: readonly string[] = ['gamma', 'margin', 'removeDiagonal'];

  /** `γ`. */
  readonly gamma: number;
  /** `m`. */
  readonly margin: number;
  /** Whether self-pairs are left out of the positives. */
  readonly removeDiagonal: boolean;

  constructor(options: CircleOptions = {}) {
    super(options);
    const gamma = options.gamma ?? 80, margin = options.margin ?? 0.4, removeDiagonal = options.removeDiagonal ?? true;
    if (typeof gamma !== 'number' || !(gamma > 0 && gamma < Infinity)) throw new ConfigError(`Circle: gamma must be a positive number, got ${formatValue(gamma)}`);
    if (typeof margin !== 'number' || !Number.isFinite(margin)) throw new ConfigError(`Circle: margin must be a finite number, got ${formatValue(margin)}`);
    if (typeof removeDiagonal !== 'boolean') throw new ConfigError(`Circle: removeDiagonal must be a boolean, got ${formatValue(removeDiagonal)}`);
    this.gamma = gamma;
    this.margin = margin;
    this.removeDiagonal = removeDiagonal;
    this.isMaskedWhereZero = true;
  }

  /** `new Circle(config)`. */
  static fromConfig(config: CircleOptions): Circle {
    return new Circle(config);
  }

  override getConfig(): CircleConfig {
    return { ...super.getConfig(), gamma: this.gamma, margin: this.margin, removeDiagonal: this.removeDiagonal };
  }

  /** yPred is `[N, D]`; yTrue holds one integer label per sample: `[N]` or `[N, 1]`. */
  protected override checkLabels(predShape: readonly number[], trueShape: readonly number[], shownPred: readonly number[] = predShape): void {
    if (shownPred.length !== 2) throw new ShapeError(`${this.className}: yPred must be embeddings [N, D]: expected [?, ?], got ${formatShape(shownPred)}`);
    const n = predShape[0];
    if (!(trueShape[0] === n && (trueShape.length === 1 || (trueShape.length === 2 && trueShape[1] === 1)))) {
      throw new ShapeError(`${this.className}: yTrue must hold one integer label per sample of yPred ${formatShape(predShape)}: expected [${n}] or [${n}, 1], got ${formatShape(trueShape)}`);
    }
  }

  protected override takesClassIndices(): boolean {
    return true;
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, dim] = yPred.shape;
    const labels = this.labels(yTrue, n);
    circleLosses(yPred.data, yPred.offset, labels, yPred.data, yPred.offset, labels, n, n, dim, this, out);
  }

  // The references are the batch itself, so s = X·Xᵀ and ∂L/∂X = G·X + Gᵀ·X.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, dim] = yPred.shape;
    const labels = this.labels(yTrue, n);
    const g = new Float64Array(n * n);
    circleLosses(yPred.data, yPred.offset, labels, yPred.data, yPred.offset, labels, n, n, dim, this, new Float64Array(n), { scale, g });
    const x = yPred.data, xo = yPred.offset, o = out.data, oo = out.offset;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < dim; k++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += (g[i * n + j] + g[j * n + i]) * x[xo + j * dim + k];
        o[oo + i * dim + k] = sum;
      }
    }
    return out;
  }

  /** The labels as numbers. @throws DataError unless each is an integer. */
  private labels(yTrue: Tensor, n: number): Float64Array {
    const labels = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = yTrue.data[yTrue.offset + i];
      if (!Number.isInteger(v)) throw new DataError(`${this.className}: yTrue[${i}] is ${v}, not an integer label`);
      labels[i] = v;
    }
    return labels;
  }
}
