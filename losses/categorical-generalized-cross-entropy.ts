/** The generalized cross-entropy loss (Zhang and Sabuncu, 2018), robust to noisy labels, with class-index labels. */
import { DataError, ConfigError, ShapeError } from '../lib/errors';
import { formatValue } from '../lib/safe-format';
import { formatShape, type Tensor } from '../lib/tensor';
import { Loss, type LossOptions } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link CategoricalGeneralizedCrossEntropy}. */
export interface CategoricalGeneralizedCrossEntropyOptions extends LossOptions {
  /** The noise parameter `q ∈ (0, 1)`: towards 0 the loss tends to the cross-entropy, at 1 it is the MAE. @defaultValue 0.5 */
  q?: number;
}

/** The JSON form of {@link CategoricalGeneralizedCrossEntropyOptions}, defaults resolved. */
export interface CategoricalGeneralizedCrossEntropyConfig {
  [option: string]: unknown;
  q: number;
}

/**
 * The generalized cross-entropy (Keras's `CategoricalGeneralizedCrossEntropy`) with class
 * indices `y_i` as labels and probabilities as predictions, unclipped as in Keras:
 * `ℓ_i = (1 − p_i,y_i^q)/q`, `L = (1/N) Σ_i w_i·ℓ_i`.
 *
 * Gradient: `∂ℓ_i/∂p_ik = −[k = y_i]·p_i,y_i^(q−1)` (infinite where the true class has probability 0).
 *
 * Shapes: yPred is `[N, C]`; yTrue is `[N]` or `[N, 1]` holding integers; the gradient is `[N, C]`.
 *
 * @throws ConfigError when `q` is not in `(0, 1)`.
 * @throws ShapeError (from forward) when yTrue is not `[N]` or `[N, 1]`.
 * @throws DataError (from forward) naming the sample when a label is not an integer in `[0, C − 1]`.
 * @example
 * ```ts
 * new CategoricalGeneralizedCrossEntropy().forward(tensor([[0.75, 0.25]]), tensor([0])); // (1 − √0.75)/0.5 ≈ 0.2679
 * ```
 */
export class CategoricalGeneralizedCrossEntropy extends Loss {
  static override readonly className: string = 'CategoricalGeneralizedCrossEntropy';
  static override readonly optionKeys: readonly string[] = ['q'];

  /** The noise parameter `q`. */
  readonly q: number;

  constructor(options: CategoricalGeneralizedCrossEntropyOptions = {}) {
    super(options);
    const q = options.q ?? 0.5;
    if (typeof q !== 'number' || !(q > 0 && q < 1)) {
      throw new ConfigError(`CategoricalGeneralizedCrossEntropy: q must be a number in (0, 1), got ${formatValue(q)}`);
    }
    this.q = q;
  }

  /** `new CategoricalGeneralizedCrossEntropy(config)`. */
  static fromConfig(config: CategoricalGeneralizedCrossEntropyOptions): CategoricalGeneralizedCrossEntropy {
    return new CategoricalGeneralizedCrossEntropy(config);
  }

  override getConfig(): CategoricalGeneralizedCrossEntropyConfig {
    return { ...super.getConfig(), q: this.q };
  }

  /** yTrue holds one class index per sample: `[N]` or `[N, 1]`. */
  protected override checkLabels(predShape: readonly number[], trueShape: readonly number[]): void {
    const n = predShape[0];
    if (!(trueShape[0] === n && (trueShape.length === 1 || (trueShape.length === 2 && trueShape[1] === 1)))) {
      throw new ShapeError(`${this.className}: yTrue must hold one class index per sample of yPred ${formatShape(predShape)}: expected [${n}] or [${n}, 1], got ${formatShape(trueShape)}`);
    }
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    for (let i = 0; i < n; i++) {
      out[i] = (1 - math.pow(yPred.data[yPred.offset + i * c + this.label(yTrue, i, c)], this.q)) / this.q;
    }
  }

  // ∂/∂p_y (1 − p_y^q)/q = −p_y^(q−1); the other classes do not enter ℓ. The base's scale_i = w_i/N completes ∂L/∂yPred.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    out.data.fill(0, out.offset, out.offset + n * c);
    for (let i = 0; i < n; i++) {
      const at = i * c + this.label(yTrue, i, c);
      out.data[out.offset + at] = -scale[i] * math.pow(yPred.data[yPred.offset + at], this.q - 1);
    }
    return out;
  }

  /** The class index of sample `i`. @throws DataError unless it is an integer in `[0, c − 1]`. */
  private label(yTrue: Tensor, i: number, c: number): number {
    const v = yTrue.data[yTrue.offset + i];
    if (!(Number.isInteger(v) && v >= 0 && v < c)) {
      throw new DataError(`${this.className}: yTrue[${i}] is ${v}, not a class index in [0, ${c - 1}] (yPred has ${c} classes)`);
    }
    return v;
  }
}
