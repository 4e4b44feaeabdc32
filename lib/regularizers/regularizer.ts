/**
 * The abstract {@link Regularizer}: a penalty on a weight tensor added to the training loss
 * (Keras's `keras.regularizers`), with the gradient that goes into the weight's gradient.
 */
import type { Tensor } from '../tensor';

/** The JSON form of a regularizer's options, e.g. `{ l2: 0.01 }`. */
export interface RegularizerConfig {
  [option: string]: number;
}

/**
 * The base of every regularizer. A layer with `kernelRegularizer: r` adds `r.penalty(W)` to
 * the loss it reports and `∂penalty/∂W` to `dW` in backward (through {@link Regularizer.addGradient}).
 * Subclasses implement `penalty`, `addGradient` and `getConfig`.
 */
export abstract class Regularizer {
  /** The registered class name, e.g. `'L2'`; every subclass sets its own. */
  static readonly className: string = 'Regularizer';

  /** The registered class name of this instance. */
  get className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /** The penalty for the weights `w` (a contiguous tensor), a number ≥ 0. */
  abstract penalty(w: Tensor): number;

  /**
   * Adds `∂penalty/∂w` to `grad` element by element (`grad` and `w` contiguous, same size).
   * Returns `grad`.
   */
  abstract addGradient(grad: Tensor, w: Tensor): Tensor;

  /** The constructor options with defaults resolved, as plain JSON; `new Cls(getConfig())` rebuilds it. */
  abstract getConfig(): RegularizerConfig;
}
