/** The Dice loss: one minus the Dice coefficient of labels and predictions. */
import { EPSILON } from './crossentropy-shared';
import { OverlapLoss, type OverlapOptions, type OverlapSums } from './overlap-loss';

/**
 * The Dice loss (Keras's `Dice`): with `I = Σ t·p`, `T = Σ t`, `P = Σ p` over the whole batch
 * (`axis: null`, the default) or over each sample's features (`axis: -1`), and `ε = 1e-7`:
 * `v = 1 − 2I/(T + P + ε)`; per sample, `L = (1/N) Σ_i w_i·v_i`.
 *
 * Gradient: with `D = T + P + ε`, `∂v/∂p_k = −2·(t_k·D − I)/D²`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ConfigError when `axis` is neither null nor the features axis.
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * new Dice().forward(tensor([[4, 1], [6, 1]]), tensor([[1, 2], [1, 2]])); // 1 − 28/18 = −0.5556
 * ```
 */
export class Dice extends OverlapLoss {
  static override readonly className: string = 'Dice';

  constructor(options: OverlapOptions = {}) {
    super(options, 'Dice');
  }

  /** `new Dice(config)`. */
  static fromConfig(config: OverlapOptions): Dice {
    return new Dice(config);
  }

  protected value(s: OverlapSums): number {
    return 1 - (2 * s.intersection) / (s.labelSum + s.predictionSum + EPSILON);
  }

  // ∂(2I/D)/∂p_k = 2(t_k·D − I·1)/D², since ∂I/∂p_k = t_k and ∂D/∂p_k = 1.
  protected slope(s: OverlapSums, t: number): number {
    const d = s.labelSum + s.predictionSum + EPSILON;
    return (-2 * (t * d - s.intersection)) / (d * d);
  }
}
