/** {@link GLU}: the gated linear unit, half of the last axis gating the other half. */
import { ShapeError } from '../../lib/errors';
import { formatShape, type Shape, type Tensor } from '../../lib/tensor';
import { Layer, type LayerConfig } from '../layer';
import { logistic } from './logistic';

/**
 * `y = a ⊙ σ(b)`, where the last axis of `x` is split into two equal halves `a` (first) and `b`
 * (second) (Keras's `glu`, axis −1; Dauphin et al., 2017). When training, forward caches a copy
 * of the input, from which backward recomputes the gate.
 *
 * Input: `[batch, …, 2n]`. Output: `[batch, …, n]`.
 * @throws ShapeError when the last axis has odd or unknown length.
 * @example
 * ```ts
 * new GLU().forward(tensor([[2, 0]])); // [[1]] (2·σ(0))
 * ```
 */
export class GLU extends Layer {
  static override readonly className: string = 'GLU';

  private input: Tensor | null = null;

  /** `new GLU(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): GLU {
    return new GLU(config);
  }

  /** Input: `[batch, …, 2n]`. Output: `[batch, …, n]`. */
  computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.halfWidth(inputShape)];
  }

  protected override inputSpec(inputShape: Shape): Shape {
    this.halfWidth(inputShape);
    return [null, ...inputShape.slice(1)];
  }

  /** `Y = A ⊙ σ(B)` into the reused output buffer; caches a copy of `X` when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    const y = this.buffer('Y', this.computeOutputShape(x.shape) as number[]);
    const n = y.shape[y.shape.length - 1];
    const xd = x.data, yd = y.data;
    for (let p = 0, q = 0; q < y.size; p += 2 * n, q += n) {
      for (let j = 0; j < n; j++) yd[q + j] = xd[p + j] * logistic(xd[p + n + j]);
    }
    if (training) {
      const cache = this.buffer('X', x.shape);
      cache.data.set(xd.subarray(0, x.size));
      this.input = cache;
    } else this.input = null;
    return y;
  }

  /**
   * With `g = σ(b)`: `∂y/∂a = g` and `∂y/∂b = a·g·(1 − g) = a·σ(b)·σ(−b)`, so
   * `dA = dOut ⊙ σ(B)` and `dB = dOut ⊙ A ⊙ σ(B) ⊙ σ(−B)`, written side by side along the last axis.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const x = this.input as Tensor;
    const dAPrev = this.buffer('dAPrev', x.shape);
    const n = dOut.shape[dOut.shape.length - 1];
    const xd = x.data, gd = dOut.data, dd = dAPrev.data;
    for (let p = 0, q = 0; q < dOut.size; p += 2 * n, q += n) {
      for (let j = 0; j < n; j++) {
        const a = xd[p + j], b = xd[p + n + j], g = logistic(b);
        dd[p + j] = gd[q + j] * g;
        dd[p + n + j] = gd[q + j] * a * g * logistic(-b);
      }
    }
    return dAPrev;
  }

  /** Half the last axis. @throws ShapeError when it is odd or unknown. */
  private halfWidth(inputShape: Shape): number {
    const last = inputShape[inputShape.length - 1];
    if (inputShape.length < 2 || typeof last !== 'number' || !Number.isInteger(last) || last % 2 !== 0) {
      throw new ShapeError(`${this.describe()}: input last axis must have even length, to split into two halves: expected [?, 2n], got ${formatShape(inputShape)}`);
    }
    return last / 2;
  }
}
