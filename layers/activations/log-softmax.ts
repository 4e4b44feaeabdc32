/** {@link LogSoftmax}: the logarithm of the softmax over the last axis, computed stably. */
import type { Tensor } from '../../lib/tensor';
import type { LayerConfig } from '../layer';
import { LastAxisActivation } from './last-axis-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y_j = x_j − log Σ_k e^(x_k)` over the last axis (Keras's `log_softmax`, axis −1), computed
 * as `x_j − m − log Σ_k e^(x_k − m)` with `m = max_k x_k`, so no exponential overflows and very
 * negative log-probabilities keep full precision. Every output is `≤ 0`, `Σ_j e^(y_j) = 1`, and
 * adding a constant to a vector of `x` leaves it unchanged.
 *
 * Input: `[batch, …, classes]`. Output: the same shape.
 * @example
 * ```ts
 * new LogSoftmax().forward(tensor([[0, 0]])); // [[-0.6931, -0.6931]]
 * ```
 */
export class LogSoftmax extends LastAxisActivation {
  static override readonly className: string = 'LogSoftmax';

  /** `new LogSoftmax(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): LogSoftmax {
    return new LogSoftmax(config);
  }

  /** `y = x − m − log Σ e^(x − m)` for one vector. */
  protected activateVector(out: Tensor['data'], x: Tensor['data'], p: number, n: number): void {
    let m = -Infinity;
    for (let j = p; j < p + n; j++) if (x[j] > m) m = x[j];
    let sum = 0;
    for (let j = p; j < p + n; j++) sum += math.exp(x[j] - m);
    const shift = m + math.log(sum);
    for (let j = p; j < p + n; j++) out[j] = x[j] - shift;
  }

  /**
   * `∂y_j/∂x_k = δ_jk − softmax_k = δ_jk − e^(y_k)`, so `dx_k = dy_k − e^(y_k)·Σ_j dy_j`.
   */
  protected backpropVector(dx: Tensor['data'], dy: Tensor['data'], y: Tensor['data'], p: number, n: number): void {
    let sum = 0;
    for (let j = p; j < p + n; j++) sum += dy[j];
    for (let j = p; j < p + n; j++) dx[j] = dy[j] - math.exp(y[j]) * sum;
  }
}
