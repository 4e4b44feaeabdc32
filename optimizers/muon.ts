/** Muon: momentum orthogonalized by Newton–Schulz for weight matrices, AdamW for the rest. */
import { dtypeOf, type Tensor } from '../lib/tensor';
import { adamStep, axpby, axpyTransposed, kernelZeros, matmul, muonMomentum, scaleInPlace, sgdStep } from '../lib/kernels';
import type { Param } from '../layers/layer';
import { checkBoolean, checkFraction, checkNonNegative, checkPositive, describeValue } from './check-options';
import { ConfigError } from '../lib/errors';
import { optionsObject } from '../lib/checks';
import { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link Muon}. */
export interface MuonOptions extends OptimizerOptions {
  /** The momentum `μ` of the Muon path, in `[0, 1)`. @defaultValue 0.95 */
  momentum?: number;
  /** Orthogonalize `g + μ·m` (Nesterov) rather than `m`. @defaultValue true */
  nesterov?: boolean;
  /** The number of Newton–Schulz iterations. @defaultValue 5 */
  nsSteps?: number;
  /** The quintic's coefficients `a`, `b`, `c`. @defaultValue 3.4445, −4.7750, 2.0315 */
  muonA?: number;
  /** See `muonA`. @defaultValue -4.775 */
  muonB?: number;
  /** See `muonA`. @defaultValue 2.0315 */
  muonC?: number;
  /** Scale the orthogonalized update by `√max(R, C)·rmsRate` (Moonlight's rule); `null` leaves it. @defaultValue 0.2 */
  rmsRate?: number | null;
  /** `β1` of the AdamW path. @defaultValue 0.9 */
  adamBeta1?: number;
  /** `β2` of the AdamW path. @defaultValue 0.999 */
  adamBeta2?: number;
  /** `ε` of the AdamW path. @defaultValue 1e-7 */
  epsilon?: number;
  /** The AdamW path's learning rate as a multiple of `η`. @defaultValue 1 */
  adamLrRatio?: number;
  /** The weight decay of the AdamW path (`weightDecay` is the Muon path's, default 0.004). @defaultValue 0.004 */
  adamWeightDecay?: number | null;
}

/** The JSON form of {@link Muon}'s options. */
export interface MuonConfig extends OptimizerConfig {
  momentum: number;
  nesterov: boolean;
  nsSteps: number;
  muonA: number;
  muonB: number;
  muonC: number;
  rmsRate: number | null;
  adamBeta1: number;
  adamBeta2: number;
  epsilon: number;
  adamLrRatio: number;
  adamWeightDecay: number | null;
}

/** Muon's per-parameter state: the momentum, and for the AdamW path the second moment. */
export interface MuonState {
  /** The momentum (Muon path) or first moment (AdamW path) `m`. */
  m: Tensor;
  /** The second moment `v`, AdamW path only (else `null`). */
  v: Tensor | null;
  /** Scratch for the Newton–Schulz iteration (not saved: recomputed every step). */
  readonly scratch: { x: Tensor; a: Tensor; b: Tensor; next: Tensor } | null;
}

/**
 * Muon (Jordan et al., 2024) with Keras 3's update rule. Rank-2 weights `[R, C]` (Dense kernels)
 * take the Muon path; every other weight (biases, normalization scales) takes AdamW.
 * - Muon path: `m ← μ·m + g`; `G = g + μ·m` (Nesterov) or `m`; `O = NS(G)`, five steps of the
 *   quintic Newton–Schulz iteration `X ← a·X + (b·A + c·A²)·X`, `A = X·Xᵀ`, from
 *   `X = G/(‖G‖_F + 1e-7)` (on `Gᵀ` when `R > C`), an approximation of `U·Vᵀ` of `G = U·S·Vᵀ`;
 *   `W ← W − η·√max(R, C)·rmsRate·O`.
 * - AdamW path, with `η' = η·adamLrRatio`: `m ← m + (1 − β1)(g − m)`, `v ← v + (1 − β2)(g² − v)`,
 *   `W ← W − η'·√(1 − β2^t)/(1 − β1^t)·m/(√v + ε)`.
 * - Weight decay before the update: `weightDecay` (0.004) on the Muon path, `adamWeightDecay`
 *   (0.004) on the AdamW path.
 *
 * Keras's `exclude_layers` and `exclude_embeddings` have no counterpart (a layerwise parameter
 * knows its weight name, not its layer path, and there are no embeddings). The products run
 * through the {@link matmul} kernel and the element-wise steps through {@link muonMomentum},
 * {@link axpby} and {@link adamStep}: WebAssembly SIMD for float32, TypeScript loops for float64.
 *
 * @throws ConfigError for an option out of range.
 * @example
 * ```ts
 * model.compile({ optimizer: new Muon({ learningRate: 0.02 }), loss: 'categoricalCrossentropy' });
 * ```
 */
export class Muon extends Optimizer<MuonState> {
  static override readonly className = 'Muon';
  static override readonly optionKeys: readonly string[] = ['momentum', 'nesterov', 'nsSteps', 'muonA', 'muonB', 'muonC', 'rmsRate', 'adamBeta1', 'adamBeta2', 'epsilon', 'adamLrRatio', 'adamWeightDecay'];

  /** `μ`. */
  readonly momentum: number;
  /** Whether the Nesterov form is orthogonalized. */
  readonly nesterov: boolean;
  /** Newton–Schulz iterations. */
  readonly nsSteps: number;
  /** The quintic's `a`. */
  readonly muonA: number;
  /** The quintic's `b`. */
  readonly muonB: number;
  /** The quintic's `c`. */
  readonly muonC: number;
  /** The update's RMS scale, or `null`. */
  readonly rmsRate: number | null;
  /** AdamW path `β1`. */
  readonly adamBeta1: number;
  /** AdamW path `β2`. */
  readonly adamBeta2: number;
  /** AdamW path `ε`. */
  readonly epsilon: number;
  /** AdamW path learning-rate ratio. */
  readonly adamLrRatio: number;
  /** AdamW path weight decay, or `null`. */
  readonly adamWeightDecay: number | null;

  constructor(options: MuonOptions = {}) {
    const o = optionsObject(options, 'Muon');
    super({ ...o, weightDecay: o.weightDecay === undefined ? 0.004 : o.weightDecay }, 0.001);
    this.momentum = checkFraction(this.className, 'momentum', o.momentum ?? 0.95);
    this.nesterov = checkBoolean(this.className, 'nesterov', o.nesterov ?? true);
    const steps = o.nsSteps ?? 5;
    if (!(typeof steps === 'number' && Number.isInteger(steps) && steps >= 0 && steps <= 100)) {
      throw new ConfigError(`Muon: nsSteps must be an integer in [0, 100], got ${describeValue(steps)}`);
    }
    this.nsSteps = steps;
    const finite = (name: string, v: unknown): number => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConfigError(`Muon: ${name} must be a finite number, got ${describeValue(v)}`);
      return v;
    };
    this.muonA = finite('muonA', o.muonA ?? 3.4445);
    this.muonB = finite('muonB', o.muonB ?? -4.775);
    this.muonC = finite('muonC', o.muonC ?? 2.0315);
    this.rmsRate = o.rmsRate === null ? null : checkPositive(this.className, 'rmsRate', o.rmsRate ?? 0.2);
    this.adamBeta1 = checkFraction(this.className, 'adamBeta1', o.adamBeta1 ?? 0.9);
    this.adamBeta2 = checkFraction(this.className, 'adamBeta2', o.adamBeta2 ?? 0.999);
    this.epsilon = checkNonNegative(this.className, 'epsilon', o.epsilon ?? 1e-7);
    this.adamLrRatio = checkNonNegative(this.className, 'adamLrRatio', o.adamLrRatio ?? 1);
    this.adamWeightDecay = o.adamWeightDecay === null ? null : checkNonNegative(this.className, 'adamWeightDecay', o.adamWeightDecay ?? 0.004);
  }

  override getConfig(): MuonConfig {
    return {
      ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov, nsSteps: this.nsSteps, muonA: this.muonA,
      muonB: this.muonB, muonC: this.muonC, rmsRate: this.rmsRate, adamBeta1: this.adamBeta1, adamBeta2: this.adamBeta2,
      epsilon: this.epsilon, adamLrRatio: this.adamLrRatio, adamWeightDecay: this.adamWeightDecay,
    };
  }

  /** `weightDecay` for the Muon path (rank 2), `adamWeightDecay` for the AdamW path. */
  protected override weightDecayFor(param: Param): number | null {
    return param.value.shape.length === 2 ? this.weightDecay : this.adamWeightDecay;
  }

  protected createState(param: Param): MuonState {
    const shape = param.value.shape, dtype = dtypeOf(param.value);
    if (shape.length !== 2) return { m: kernelZeros(shape, dtype), v: kernelZeros(shape, dtype), scratch: null };
    const small = math.min(shape[0], shape[1]), large = math.max(shape[0], shape[1]);
    return {
      m: kernelZeros(shape, dtype), v: null,
      scratch: { x: kernelZeros([small, large], dtype), a: kernelZeros([small, small], dtype), b: kernelZeros([small, small], dtype), next: kernelZeros([small, large], dtype) },
    };
  }

  protected updateParam(param: Param, lr: number, state: MuonState): void {
    if (state.v === null) this.muonStep(param, lr, state);
    else this.adamStep(param, lr * this.adamLrRatio, state.m, state.v);
  }

  /** `m ← μ·m + g`, `O = NS(g + μ·m or m)`, `W ← W − η·√max(R, C)·rmsRate·O`. */
  private muonStep(param: Param, lr: number, state: MuonState): void {
    const [rows, cols] = param.value.shape;
    const { x, a, b, next } = state.scratch as NonNullable<MuonState['scratch']>;
    const transposed = rows > cols;
    const norm = muonMomentum(param.grad, state.m, x, rows, cols, this.momentum, this.nesterov, transposed);
    scaleInPlace(x, 1 / (math.sqrt(norm) + 1e-7));
    const xT = x.transpose(1, 0);
    for (let step = 0; step < this.nsSteps; step++) {
      matmul(a, x, xT); // A = X·Xᵀ
      matmul(b, a, a); // A²
      axpby(b, this.muonB, a, this.muonC); // B = b·A + c·A²
      matmul(next, b, x); // B·X
      axpby(x, 1, next, this.muonA); // X ← a·X + B·X
    }
    const factor = lr * (this.rmsRate === null ? 1 : math.sqrt(math.max(rows, cols)) * this.rmsRate);
    if (transposed) axpyTransposed(param.value, -factor, x, rows, cols);
    else sgdStep(param.value, x, factor);
  }

  /** Keras's `_adamw_update_step` (the decay is the base's, before it). */
  private adamStep(param: Param, lr: number, m: Tensor, v: Tensor): void {
    adamStep(param.value, param.grad, { m, v, vMax: null }, lr, this.adamBeta1, this.adamBeta2, this.epsilon, this.updateIterations + 1);
  }
}
