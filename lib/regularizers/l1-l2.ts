/**
 * The weight-norm penalties: {@link L1L2} `λ₁·Σ|w| + λ₂·Σw²`, and its special cases {@link L1}
 * and {@link L2}, as Keras defines them.
 */
import { ConfigError } from '../errors';
import type { Tensor } from '../tensor';
import { Regularizer, type RegularizerConfig } from './regularizer';
import { formatJson, optionsObject } from '../checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link L1L2}. */
export interface L1L2Options {
  /** The L1 factor `λ₁ ≥ 0`. @defaultValue 0 */
  l1?: number;
  /** The L2 factor `λ₂ ≥ 0`. @defaultValue 0 */
  l2?: number;
}

function factor(value: unknown, what: string, owner: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${owner}: ${what} must be a non-negative number, got ${typeof value === 'number' ? String(value) : formatJson(value)}`);
  }
  return value;
}

/**
 * `penalty(w) = λ₁·Σ|w_i| + λ₂·Σw_i²`, with gradient `λ₁·sign(w_i) + 2·λ₂·w_i` (`sign(0) = 0`,
 * as TensorFlow). Note Keras's L2 has no ½: the gradient of `l2(λ)` is `2λ·w`.
 *
 * @throws ConfigError when `l1` or `l2` is negative or not a finite number.
 * @example
 * ```ts
 * new Dense({ units: 8, kernelRegularizer: new L1L2({ l1: 1e-5, l2: 1e-4 }) });
 * ```
 */
export class L1L2 extends Regularizer {
  static override readonly className: string = 'L1L2';

  /** The L1 factor `λ₁`. */
  readonly l1: number;
  /** The L2 factor `λ₂`. */
  readonly l2: number;

  constructor(options: L1L2Options = {}) {
    options = optionsObject(options, 'L1L2', ['l1', 'l2']);
    super();
    this.l1 = factor(options.l1 ?? 0, 'l1', this.className);
    this.l2 = factor(options.l2 ?? 0, 'l2', this.className);
  }

  /** `λ₁·Σ|w_i| + λ₂·Σw_i²`. */
  penalty(w: Tensor): number {
    const d = w.data;
    let absolute = 0;
    let squares = 0;
    for (let i = 0, p = w.offset, n = w.size; i < n; i++, p++) {
      absolute += math.abs(d[p]);
      squares += d[p] * d[p];
    }
    return this.l1 * absolute + this.l2 * squares;
  }

  /** `grad_i += λ₁·sign(w_i) + 2·λ₂·w_i`. */
  addGradient(grad: Tensor, w: Tensor): Tensor {
    const gd = grad.data, wd = w.data;
    const l1 = this.l1, twoL2 = 2 * this.l2;
    for (let i = 0, gp = grad.offset, wp = w.offset, n = w.size; i < n; i++, gp++, wp++) {
      const v = wd[wp];
      gd[gp] += l1 * math.sign(v) + twoL2 * v;
    }
    return grad;
  }

  override getConfig(): RegularizerConfig {
    return { l1: this.l1, l2: this.l2 };
  }
}

/**
 * `penalty(w) = λ·Σ|w_i|`, gradient `λ·sign(w_i)`: pushes weights to exactly zero (sparsity).
 * @throws ConfigError when `l1` is negative or not a finite number.
 */
export class L1 extends L1L2 {
  static override readonly className: string = 'L1';

  /** @param options.l1 - the factor `λ ≥ 0`; default 0.01 (Keras). */
  constructor(options: { l1?: number } = {}) {
    options = optionsObject(options, 'L1', ['l1']);
    super({ l1: options.l1 ?? 0.01 });
  }

  override getConfig(): RegularizerConfig {
    return { l1: this.l1 };
  }
}

/**
 * `penalty(w) = λ·Σw_i²`, gradient `2λ·w_i` ("weight decay" through the loss).
 * @throws ConfigError when `l2` is negative or not a finite number.
 */
export class L2 extends L1L2 {
  static override readonly className: string = 'L2';

  /** @param options.l2 - the factor `λ ≥ 0`; default 0.01 (Keras). */
  constructor(options: { l2?: number } = {}) {
    options = optionsObject(options, 'L2', ['l2']);
    super({ l2: options.l2 ?? 0.01 });
  }

  override getConfig(): RegularizerConfig {
    return { l2: this.l2 };
  }
}
