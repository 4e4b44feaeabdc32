/** {@link Masking}: marks the time steps whose features all equal a value as padding. */
import ndarray from 'ndarray';
import { formatJson } from '../lib/checks';
import { ConfigError, ShapeError } from '../lib/errors';
import { formatShape, type Shape, type Tensor } from '../lib/tensor';
import { Layer, type LayerConfig, type LayerOptions } from './layer';
import type { Mask } from './mask';

/** Options of {@link Masking}. */
export interface MaskingOptions extends LayerOptions {
  /** The padding value: a step whose every feature equals it is masked. @defaultValue 0 */
  maskValue?: number;
}

/** The JSON form of a {@link Masking}. */
export interface MaskingConfig extends LayerConfig {
  maskValue: number;
}

/**
 * Keras's `Masking`: for `X` of shape `[batch, time, features]`, step `t` of sample `b` is data
 * when any feature differs from `maskValue`, `m_bt = [∃f: X_btf ≠ maskValue]`, and padding
 * otherwise. The output is `Y_btf = m_bt · X_btf` (padding steps zeroed) and carries the mask
 * `m` (`[batch, time]`) to the layers after it and to the loss.
 *
 * Backward: `∂Y_btf/∂X_btf = m_bt`, so `dAPrev_btf = m_bt · dOut_btf` (the gradient passes at
 * data steps only).
 *
 * Input: `[batch, time, features]`. Output: the same shape.
 * @throws ConfigError when `maskValue` is not a number.
 * @example
 * ```ts
 * new Masking().forward(tensor([[[0, 0], [1, 2]]])); // [[[0, 0], [1, 2]]], mask [[0, 1]]
 * ```
 */
export class Masking extends Layer {
  static override readonly className: string = 'Masking';
  static override readonly optionKeys: readonly string[] = ['maskValue'];

  /** The padding value. */
  readonly maskValue: number;

  /** The mask of the latest forward, `[batch, time]`, reused while the shape stays. */
  private mask: Mask | null = null;

  constructor(options: MaskingOptions = {}) {
    super(options);
    const maskValue = options.maskValue ?? 0;
    if (typeof maskValue !== 'number' || Number.isNaN(maskValue)) {
      throw new ConfigError(`Masking: maskValue must be a number, got ${formatJson(maskValue)}`);
    }
    this.maskValue = maskValue;
  }

  /** `new Masking(config)`: rebuilds a layer from {@link Masking.getConfig}. */
  static fromConfig(config: MaskingConfig): Masking {
    return new Masking(config);
  }

  /** Input: `[batch, time, features]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    if (inputShape.length !== 3) {
      throw new ShapeError(`${this.describe()}: input must be [batch, time, features]: expected rank 3, got ${formatShape(inputShape)}`);
    }
    return inputShape.slice();
  }

  override getConfig(): MaskingConfig {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }

  /** The mask made by the latest forward (not the input's: Masking makes its own, as Keras's). */
  override computeMask(inputs: readonly Tensor[], masks: readonly (Mask | null)[]): Mask | null {
    void inputs;
    void masks;
    return this.mask;
  }

  /** `m_bt = [∃f: X_btf ≠ maskValue]`, `Y_btf = m_bt · X_btf`. */
  protected call(x: Tensor): Tensor {
    const [n, steps, features] = x.shape;
    if (!this.mask || this.mask.shape[0] !== n || this.mask.shape[1] !== steps) {
      this.mask = ndarray(new Uint8Array(n * steps), [n, steps]);
    }
    const m = this.mask.data;
    const y = this.buffer('y', x.shape);
    const xd = x.data;
    const yd = y.data;
    for (let row = 0; row < n * steps; row++) {
      const start = row * features;
      let keep = 0;
      for (let f = 0; f < features; f++) {
        if (xd[x.offset + start + f] !== this.maskValue) {
          keep = 1;
          break;
        }
      }
      m[row] = keep;
      for (let f = 0; f < features; f++) yd[start + f] = keep ? xd[x.offset + start + f] : 0;
    }
    return y;
  }

  /** `dAPrev_btf = m_bt · dOut_btf`. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const m = (this.mask as Mask).data;
    const features = dOut.shape[2];
    const dx = this.buffer('dx', dOut.shape);
    for (let row = 0; row < m.length; row++) {
      const start = row * features;
      for (let f = 0; f < features; f++) dx.data[start + f] = m[row] ? dOut.data[dOut.offset + start + f] : 0;
    }
    return dx;
  }
}
