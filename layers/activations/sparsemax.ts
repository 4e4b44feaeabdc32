/** {@link Sparsemax}: the Euclidean projection onto the probability simplex, a softmax with exact zeros. */
import type { Tensor } from '../../lib/tensor';
import type { LayerConfig } from '../layer';
import { LastAxisActivation } from './last-axis-activation';

/**
 * `y = argmin_{p ∈ Δ} ‖p − x‖²` over the last axis (Keras's `sparsemax`, axis −1; Martins and
 * Astudillo, 2016): `y_j = max(x_j − τ, 0)`, where, with `z` the vector sorted in decreasing
 * order, `k = max{k : 1 + k·z_k > Σ_{i≤k} z_i}` and `τ = (Σ_{i≤k} z_i − 1)/k`. Each output vector
 * is non-negative, sums to 1, and is often exactly 0 on the smaller entries.
 *
 * Input: `[batch, …, classes]`. Output: the same shape.
 * @example
 * ```ts
 * new Sparsemax().forward(tensor([[0, 1, 3]])); // [[0, 0, 1]]
 * new Sparsemax().forward(tensor([[0, 0.5]])); // [[0.25, 0.75]]
 * ```
 */
export class Sparsemax extends LastAxisActivation {
  static override readonly className: string = 'Sparsemax';

  private sorted = new Float64Array(0);

  /** `new Sparsemax(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Sparsemax {
    return new Sparsemax(config);
  }

  /** `y = max(x − τ, 0)` for one vector, with `τ` found from the sorted vector. */
  protected activateVector(out: Tensor['data'], x: Tensor['data'], p: number, n: number): void {
    if (this.sorted.length !== n) this.sorted = new Float64Array(n);
    const z = this.sorted;
    for (let j = 0; j < n; j++) z[j] = x[p + j];
    z.sort().reverse();
    let cumulative = 0, support = 0, supportSum = 0;
    for (let k = 1; k <= n; k++) {
      cumulative += z[k - 1];
      if (1 + k * z[k - 1] > cumulative) {
        support = k;
        supportSum = cumulative;
      }
    }
    const tau = (supportSum - 1) / support;
    for (let j = p; j < p + n; j++) out[j] = x[j] > tau ? x[j] - tau : 0;
  }

  /**
   * On the support `S = {j : y_j > 0}` the output is `x_j − τ` with `τ = (Σ_S x − 1)/|S|`, off it
   * 0, so `J = diag(s) − s·sᵀ/|S|` with `s` the support's indicator:
   * `dx_j = s_j·(dy_j − (Σ_S dy)/|S|)`.
   */
  protected backpropVector(dx: Tensor['data'], dy: Tensor['data'], y: Tensor['data'], p: number, n: number): void {
    let sum = 0, size = 0;
    for (let j = p; j < p + n; j++) {
      if (y[j] > 0) {
        sum += dy[j];
        size++;
      }
    }
    const mean = sum / size;
    for (let j = p; j < p + n; j++) dx[j] = y[j] > 0 ? dy[j] - mean : 0;
  }
}
