/** {@link SpatialDropout2D}: dropout of whole feature maps. */
import type { Random } from '../lib/random';
import type { Shape, Tensor } from '../lib/tensor';
import { spatialInputSpec } from './conv-options';
import { Dropout, type DropoutConfig, type DropoutOptions } from './dropout';

/**
 * Inverted dropout of whole channels (Tompson et al., 2015): in training each channel of each
 * sample is kept with probability `1 − rate` and scaled by `1/(1 − rate)`, or zeroed
 * entirely, `Y[n, h, w, c] = X[n, h, w, c]·M[n, c]`, because neighbouring pixels of a feature
 * map are too correlated for per-pixel dropout to regularize. At inference it is the identity.
 * Seeding and the saved generator state are as for {@link Dropout}.
 *
 * Input: `[batch, height, width, channels]`. Output: the same shape.
 * @throws ConfigError when `rate` is not in `[0, 1)`.
 * @example
 * ```ts
 * const drop = new SpatialDropout2D({ rate: 0.2, seed: 1 });
 * ```
 */
export class SpatialDropout2D extends Dropout {
  static override readonly className: string = 'SpatialDropout2D';

  /** The `[batch, channels]` mask of the last training forward, or `null` when it was the identity. */
  private channelMask: Tensor | null = null;

  constructor(options: DropoutOptions = {} as DropoutOptions) {
    super(options);
  }

  /** `new SpatialDropout2D(config)`: rebuilds a layer from its config. */
  static override fromConfig(config: DropoutConfig): SpatialDropout2D {
    return new SpatialDropout2D(config);
  }

  /** Input: `[batch, h, w, c]`. Output: the same shape. */
  override computeOutputShape(inputShape: Shape): Shape {
    spatialInputSpec(this, inputShape, 2);
    return inputShape.slice();
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return spatialInputSpec(this, inputShape, 2);
  }

  /** Training with `rate > 0`: draws `M[n, c]` into the reused mask and returns `X ⊙ M` broadcast over the pixels. */
  protected override call(x: Tensor, training: boolean): Tensor {
    this.channelMask = null;
    if (!training || this.rate === 0) return x;
    const rng = this.rng as Random;
    const [batch, , , C] = x.shape;
    const mask = this.buffer('channelMask', [batch, C]);
    const scale = 1 / (1 - this.rate);
    const md = mask.data;
    for (let i = 0; i < md.length; i++) md[i] = rng.uniform() < this.rate ? 0 : scale;
    this.channelMask = mask;
    return applyChannelMask(this.buffer('Y', x.shape), x, mask);
  }

  /** `Y = X·M[n, c]`, so `∂L/∂X = dOut·M[n, c]` with the same mask; the identity without one. */
  protected override backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    if (!this.channelMask) return dOut;
    return applyChannelMask(this.buffer('dAPrev', dOut.shape), dOut, this.channelMask);
  }
}

/** `out[n, …, c] = x[n, …, c]·mask[n, c]` for contiguous `x`, `out` and `mask` `[batch, C]`. */
function applyChannelMask(out: Tensor, x: Tensor, mask: Tensor): Tensor {
  const [batch] = x.shape;
  const C = mask.shape[1];
  const positions = x.size / (batch * C);
  const xd = x.data, od = out.data, md = mask.data;
  for (let n = 0, p = 0; n < batch; n++) {
    for (let s = 0; s < positions; s++) {
      for (let c = 0; c < C; c++, p++) od[p] = xd[x.offset + p] * md[n * C + c];
    }
  }
  return out;
}
