/** {@link Cropping1D}: trims steps from the start and end of each sequence. */
import { formatJson, isArray } from '../lib/checks';
import { ConfigError, ShapeError } from '../lib/errors';
import { formatShape, type Shape, type Tensor } from '../lib/tensor';
import { Layer, type LayerConfig, type LayerOptions } from './layer';

/** Options of {@link Cropping1D}. */
export interface Cropping1DOptions extends LayerOptions {
  /**
   * How many steps to drop: `[start, end]`, or one number for both; non-negative integers.
   * @defaultValue [1, 1]
   */
  cropping?: number | readonly [number, number];
}

/** The JSON form of a {@link Cropping1D}: `cropping` always as `[start, end]`. */
export interface Cropping1DConfig extends LayerConfig {
  cropping: [number, number];
}

/**
 * Drops `start` steps from the beginning and `end` from the end of each sequence, as Keras's
 * `Cropping1D`: `Y[b, t, j] = X[b, start + t, j]` for `t < steps − start − end`.
 *
 * Input: `[batch, steps, features]`. Output: `[batch, steps − start − end, features]`.
 * @throws ConfigError for a `cropping` that is not a non-negative integer or two of them.
 * @throws ShapeError for input of rank other than 3, or one with no more than
 * `start + end` steps, naming the layer and both shapes.
 * @example
 * ```ts
 * new Cropping1D({ cropping: [1, 2] }).computeOutputShape([null, 10, 4]); // [null, 7, 4]
 * ```
 */
export class Cropping1D extends Layer {
  static override readonly className: string = 'Cropping1D';
  static override readonly optionKeys: readonly string[] = ['cropping'];

  /** The steps dropped at the start and at the end. */
  readonly cropping: readonly [number, number];

  constructor(options: Cropping1DOptions = {}) {
    super(options);
    const { cropping = [1, 1] } = options;
    const isCount = (c: unknown): c is number => typeof c === 'number' && Number.isInteger(c) && c >= 0;
    if (isCount(cropping)) {
      this.cropping = [cropping, cropping];
    } else if (isArray(cropping) && cropping.length === 2 && cropping.every(isCount)) {
      this.cropping = [cropping[0], cropping[1]];
    } else {
      throw new ConfigError(`Cropping1D: cropping must be a non-negative integer or two of them [start, end], got ${formatJson(cropping)}`);
    }
  }

  /** `new Cropping1D(config)`: rebuilds a layer from {@link Cropping1D.getConfig}. */
  static fromConfig(config: Cropping1DConfig): Cropping1D {
    return new Cropping1D(config);
  }

  /** Input: `[batch, steps, features]`. Output: `[batch, steps − start − end, features]`. */
  computeOutputShape(inputShape: Shape): Shape {
    const steps = this.croppedSteps(inputShape);
    return [inputShape[0], steps, inputShape[2]];
  }

  override getConfig(): Cropping1DConfig {
    return { ...super.getConfig(), cropping: [this.cropping[0], this.cropping[1]] };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    this.croppedSteps(inputShape);
    return super.inputSpec(inputShape);
  }

  /** Copies steps `start … steps − end − 1` of each sequence (one contiguous run per sample) into the output buffer. */
  protected call(x: Tensor): Tensor {
    const [batch, steps, features] = x.shape;
    const kept = steps - this.cropping[0] - this.cropping[1];
    const y = this.buffer('Y', [batch, kept, features]);
    const xd = x.data, yd = y.data, run = kept * features;
    let yp = y.offset;
    for (let b = 0; b < batch; b++) {
      for (let j = 0, xp = x.offset + (b * steps + this.cropping[0]) * features; j < run; j++) yd[yp++] = xd[xp++];
    }
    return y;
  }

  /** `∂Y[b, t]/∂X[b, start + t] = 1` and the cropped steps feed nothing, so `dAPrev` is `dOut` in the kept steps and 0 elsewhere. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    if (!needDAPrev) return null;
    const [batch, kept, features] = dOut.shape;
    const steps = kept + this.cropping[0] + this.cropping[1];
    const dAPrev = this.buffer('dAPrev', [batch, steps, features]);
    const gd = dOut.data, dd = dAPrev.data, run = kept * features;
    dd.fill(0, dAPrev.offset, dAPrev.offset + dAPrev.size);
    let gp = dOut.offset;
    for (let b = 0; b < batch; b++) {
      for (let j = 0, dp = dAPrev.offset + (b * steps + this.cropping[0]) * features; j < run; j++) dd[dp++] = gd[gp++];
    }
    return dAPrev;
  }

  /** The steps left after cropping (`null` when unknown). @throws ShapeError for rank ≠ 3 or too few steps. */
  private croppedSteps(inputShape: Shape): number | null {
    const [start, end] = this.cropping;
    if (inputShape.length !== 3) {
      throw new ShapeError(`${this.describe()}: input must have rank 3: expected [?, steps, features], got ${formatShape(inputShape)}`);
    }
    const steps = inputShape[1];
    if (steps === null) return null;
    if (typeof steps !== 'number' || !(steps - start - end >= 1)) {
      throw new ShapeError(`${this.describe()}: cropping [${start}, ${end}] leaves no steps: expected [?, > ${start + end}, ?], got ${formatShape(inputShape)}`);
    }
    return steps - start - end;
  }
}
