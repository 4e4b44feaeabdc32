/** The Connectionist Temporal Classification loss (Graves et al., 2006) over logits of label sequences. */
import { ShapeError, DataError } from '../lib/errors';
import { formatShape, type Tensor } from '../lib/tensor';
import { Loss, type LossOptions } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Keras's `log_epsilon`: the log-probability of an unreachable state, kept finite as Keras keeps it. */
const LOG_EPSILON = -1e5;

/** `log(eˣ + eʸ)`. */
function logAddExp(x: number, y: number): number {
  const m = x > y ? x : y;
  return m === -Infinity ? -Infinity : m + math.log(math.exp(x - m) + math.exp(y - m));
}

/** One sample's forward lattice: the states after every frame, kept for the gradient. */
interface Lattice {
  /** `log_softmax` of the logits, `[T, C]`. */
  readonly logProbs: Float64Array;
  /** The blank states `φ[n]`, `n = 0…N`, before frame 0 and after each frame: `[T + 1, N + 1]`. */
  readonly phi: Float64Array;
  /** The label states `e[n]`, `n = 0…N − 1`, likewise: `[T + 1, N]`. */
  readonly emit: Float64Array;
  /** `repeat[n] = 1` when `label[n] = label[n + 1]`. */
  readonly repeat: Float64Array;
  /** `φ_T` after the last epsilon transition, `[N + 1]`. */
  readonly last: Float64Array;
}

/**
 * The CTC lattice of one sample, as Keras 3 computes it (optax's `ctc_loss_with_forward_probs`,
 * keras/src/backend/numpy/nn.py): logits `x` `[T, C]` at `xo`, labels `label` `[N]`, blank 0.
 * Per frame, with `lp = log_softmax(x_t)`, `⊕` = logaddexp and `ε = −1e5`:
 * `φ'[n] = φ[n] ⊕ (e[n−1] + ε·r[n−1])` (n ≥ 1), `e[n] ← (φ'[n] ⊕ e[n]) + lp[label[n]]`,
 * `φ[n] ← (φ'[n] + lp[0]) ⊕ (e[n−1] + lp[0] + ε·(1 − r[n−1]))` (n ≥ 1), `φ[0] ← φ[0] + lp[0]`;
 * at the end `last[n] = φ[n] ⊕ e[n−1]`.
 */
function forwardLattice(x: ArrayLike<number>, xo: number, label: ArrayLike<number>, lo: number, steps: number, classes: number, n: number): Lattice {
  const logProbs = new Float64Array(steps * classes);
  for (let t = 0; t < steps; t++) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = math.max(max, x[xo + t * classes + k]);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += math.exp(x[xo + t * classes + k] - max);
    const logSum = max + math.log(sum);
    for (let k = 0; k < classes; k++) logProbs[t * classes + k] = x[xo + t * classes + k] - logSum;
  }
  const repeat = new Float64Array(n);
  for (let j = 0; j + 1 < n; j++) repeat[j] = label[lo + j] === label[lo + j + 1] ? 1 : 0;
  const phi = new Float64Array((steps + 1) * (n + 1)).fill(LOG_EPSILON, 1, n + 1);
  const emit = new Float64Array((steps + 1) * n).fill(LOG_EPSILON, 0, n);
  const phiU = new Float64Array(n + 1);
  for (let t = 0; t < steps; t++) {
    const p0 = t * (n + 1), p1 = p0 + n + 1, e0 = t * n, e1 = e0 + n;
    const blank = logProbs[t * classes];
    phiU[0] = phi[p0];
    for (let j = 1; j <= n; j++) phiU[j] = logAddExp(phi[p0 + j], emit[e0 + j - 1] + LOG_EPSILON * repeat[j - 1]);
    for (let j = 0; j < n; j++) {
      const lp = logProbs[t * classes + label[lo + j]];
      emit[e1 + j] = logAddExp(phiU[j] + lp, emit[e0 + j] + lp);
    }
    phi[p1] = phiU[0] + blank;
    for (let j = 1; j <= n; j++) phi[p1 + j] = logAddExp(phiU[j] + blank, emit[e0 + j - 1] + blank + LOG_EPSILON * (1 - repeat[j - 1]));
  }
  const last = new Float64Array(n + 1);
  const pT = steps * (n + 1), eT = steps * n;
  last[0] = phi[pT];
  for (let j = 1; j <= n; j++) last[j] = logAddExp(phi[pT + j], emit[eT + j - 1]);
  return { logProbs, phi, emit, repeat, last };
}

/**
 * Writes `scale·∂(−last[length])/∂x` of one sample into `out` at `oo` (`[T, C]`): the adjoint of
 * {@link forwardLattice}, frame by frame backwards. Each `z = a ⊕ b` passes `e^(a − z)` of its
 * gradient to `a` and `e^(b − z)` to `b`; `log_softmax` passes `g_k − softmax_k·Σ g`.
 */
function backwardLattice(
  lattice: Lattice, label: ArrayLike<number>, lo: number, length: number, steps: number, classes: number, n: number,
  scale: number, out: Float64Array | Float32Array, oo: number,
): void {
  const { logProbs, phi, emit, repeat, last } = lattice;
  let gPhi = new Float64Array(n + 1), gEmit = new Float64Array(n);
  let gPrevPhi = new Float64Array(n + 1), gPrevEmit = new Float64Array(n);
  const gPhiU = new Float64Array(n + 1), phiU = new Float64Array(n + 1), gLogProbs = new Float64Array(classes);
  const pT = steps * (n + 1), eT = steps * n;
  // loss = −last[length]; last[j] = φ_T[j] ⊕ e_T[j − 1].
  if (length === 0) gPhi[0] = -scale;
  else {
    gPhi[length] = -scale * math.exp(phi[pT + length] - last[length]);
    gEmit[length - 1] = -scale * math.exp(emit[eT + length - 1] - last[length]);
  }
  for (let t = steps - 1; t >= 0; t--) {
    const p0 = t * (n + 1), p1 = p0 + n + 1, e0 = t * n, e1 = e0 + n;
    const blank = logProbs[t * classes];
    phiU[0] = phi[p0];
    for (let j = 1; j <= n; j++) phiU[j] = logAddExp(phi[p0 + j], emit[e0 + j - 1] + LOG_EPSILON * repeat[j - 1]);
    gPrevPhi.fill(0);
    gPrevEmit.fill(0);
    gPhiU.fill(0);
    gLogProbs.fill(0);
    // φ_{t+1}[0] = φ'[0] + lp0; φ_{t+1}[j] = (φ'[j] + lp0) ⊕ (e_t[j−1] + lp0 + ε(1 − r)).
    gPhiU[0] += gPhi[0];
    gLogProbs[0] += gPhi[0];
    for (let j = 1; j <= n; j++) {
      const g = gPhi[j];
      if (g === 0) continue;
      const z = phi[p1 + j];
      const toU = g * math.exp(phiU[j] + blank - z);
      const toEmit = g * math.exp(emit[e0 + j - 1] + blank + LOG_EPSILON * (1 - repeat[j - 1]) - z);
      gPhiU[j] += toU;
      gPrevEmit[j - 1] += toEmit;
      gLogProbs[0] += toU + toEmit;
    }
    // e_{t+1}[j] = (φ'[j] + lp) ⊕ (e_t[j] + lp).
    for (let j = 0; j < n; j++) {
      const g = gEmit[j];
      if (g === 0) continue;
      const lp = logProbs[t * classes + label[lo + j]];
      const z = emit[e1 + j];
      const toU = g * math.exp(phiU[j] + lp - z), toEmit = g * math.exp(emit[e0 + j] + lp - z);
      gPhiU[j] += toU;
      gPrevEmit[j] += toEmit;
      gLogProbs[label[lo + j]] += toU + toEmit;
    }
    // φ'[0] = φ_t[0]; φ'[j] = φ_t[j] ⊕ (e_t[j−1] + ε·r).
    gPrevPhi[0] += gPhiU[0];
    for (let j = 1; j <= n; j++) {
      const g = gPhiU[j];
      if (g === 0) continue;
      gPrevPhi[j] += g * math.exp(phi[p0 + j] - phiU[j]);
      gPrevEmit[j - 1] += g * math.exp(emit[e0 + j - 1] + LOG_EPSILON * repeat[j - 1] - phiU[j]);
    }
    let total = 0;
    for (let k = 0; k < classes; k++) total += gLogProbs[k];
    for (let k = 0; k < classes; k++) out[oo + t * classes + k] = gLogProbs[k] - math.exp(logProbs[t * classes + k]) * total;
    [gPhi, gPrevPhi] = [gPrevPhi, gPhi];
    [gEmit, gPrevEmit] = [gPrevEmit, gEmit];
  }
}

/**
 * The CTC loss (Keras's `CTC`) of logits `yPred` `[N, T, C]` against integer label sequences
 * `yTrue` `[N, S]`, with class 0 the blank (and the padding) as in Keras. A sample's label
 * length `L` is its number of nonzero labels, and its target is its first `L` labels; every
 * sample uses all `T` frames. With `p_t = softmax(yPred_t)` and `B` the map that merges repeats
 * and then drops blanks:
 * `ℓ_i = −log Σ_{π ∈ B⁻¹(y_i)} Π_t p_t[π_t]`, summed over every path of `T` frames that
 * reads the target, computed by the forward recursion over the blank/label lattice that Keras
 * uses (an unreachable state has log-probability −1e5, not −∞, as in Keras); `L = (1/N) Σ_i w_i·ℓ_i`.
 *
 * Gradient: the adjoint of that recursion, which equals the classic
 * `∂ℓ/∂x_tk = p_t[k] − (1/P) Σ_{s: label(s) = k} α_t(s)·β_t(s)`.
 *
 * Shapes: yPred is `[N, T, C]`; yTrue is `[N, S]` holding integers in `[0, C − 1]`; the gradient is `[N, T, C]`.
 *
 * @throws ShapeError (from forward) unless yPred is rank 3 and yTrue is `[N, S]`, or when a mask is given.
 * @throws DataError (from forward) naming the sample when a label is not an integer in `[0, C − 1]`.
 * @example
 * ```ts
 * const loss = new CTC();
 * loss.forward(logits, labels); // logits [batch, frames, classes], labels [batch, maxLabelLength], 0 = blank
 * ```
 */
export class CTC extends Loss {
  static override readonly className: string = 'CTC';

  constructor(options: LossOptions = {}) {
    super(options);
    this.foldsRows = false;
  }

  /** `new CTC(config)`. */
  static fromConfig(config: LossOptions): CTC {
    return new CTC(config);
  }

  /** yPred is `[N, T, C]` and yTrue `[N, S]`. */
  override checkShapes(predShape: readonly number[], trueShape: readonly number[]): readonly number[] {
    if (predShape.length !== 3) {
      throw new ShapeError(`${this.className}: yPred must be logits [batch, frames, classes]: expected [?, ?, ?], got ${formatShape(predShape)}`);
    }
    if (trueShape.length !== 2 || trueShape[0] !== predShape[0]) {
      throw new ShapeError(`${this.className}: yTrue must be label sequences [batch, maxLabelLength] for yPred ${formatShape(predShape)}: expected [${predShape[0]}, ?], got ${formatShape(trueShape)}`);
    }
    return trueShape;
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [batch, steps, classes] = yPred.shape, n = yTrue.shape[1];
    for (let b = 0; b < batch; b++) {
      const length = this.labelLength(yTrue, b, classes);
      const lattice = forwardLattice(yPred.data, yPred.offset + b * steps * classes, yTrue.data, yTrue.offset + b * n, steps, classes, n);
      out[b] = -lattice.last[length];
    }
  }

  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [batch, steps, classes] = yPred.shape, n = yTrue.shape[1];
    for (let b = 0; b < batch; b++) {
      const length = this.labelLength(yTrue, b, classes);
      const lo = yTrue.offset + b * n;
      const lattice = forwardLattice(yPred.data, yPred.offset + b * steps * classes, yTrue.data, lo, steps, classes, n);
      backwardLattice(lattice, yTrue.data, lo, length, steps, classes, n, scale[b], out.data, out.offset + b * steps * classes);
    }
    return out;
  }

  /** The number of nonzero labels of sample `b`. @throws DataError for a label that is not an integer in `[0, classes − 1]`. */
  private labelLength(yTrue: Tensor, b: number, classes: number): number {
    const n = yTrue.shape[1];
    let length = 0;
    for (let j = 0; j < n; j++) {
      const v = yTrue.data[yTrue.offset + b * n + j];
      if (!(Number.isInteger(v) && v >= 0 && v < classes)) {
        throw new DataError(`${this.className}: yTrue[${b}, ${j}] is ${v}, not a class index in [0, ${classes - 1}] (yPred has ${classes} classes, 0 the blank)`);
      }
      if (v !== 0) length++;
    }
    return length;
  }
}
