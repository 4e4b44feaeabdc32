/**
 * {@link TrainStepObserver}: a window into one training step, layer by layer, for tools such as
 * the GradientMonitor. The model calls it only when one is attached, so an unobserved step
 * costs nothing.
 */
import type { BackwardResult, Layer } from '../../layers/layer';
import type { Tensor } from '../tensor';

/**
 * Sees every training step of a model from the inside (set `model.trainObserver`). The calls of
 * one step come in computation order: `afterForward` for each layer first to last,
 * `afterLoss`, `afterBackward` for each layer last to first, then `beforeUpdate` and
 * `afterUpdate` around the optimizer's step.
 *
 * Every tensor passed in is a buffer owned by a layer or the loss, valid only during the call's
 * step: read it, copy what must be kept, never write to it.
 *
 * @example
 * ```ts
 * model.trainObserver = { afterForward: (i, layer, output) => { ... }, afterLoss() {}, afterBackward() {}, beforeUpdate() {}, afterUpdate() {} };
 * ```
 */
export interface TrainStepObserver {
  /** After layer `index`'s forward pass (training mode), with its output `[N, …]`. */
  afterForward(index: number, layer: Layer, output: Tensor): void;
  /** After the loss, with its value and `dYPred = ∂loss/∂yPred` (the last layer's `dOut`). */
  afterLoss(value: number, dYPred: Tensor): void;
  /**
   * After layer `index`'s backward pass, with the gradient it received (`dOut`) and what it
   * returned: `dAPrev` (`null` for the first layer, which needs none) and its parameter gradients.
   */
  afterBackward(index: number, layer: Layer, dOut: Tensor, result: BackwardResult): void;
  /** After the whole backward pass, before the optimizer changes any weight. */
  beforeUpdate(): void;
  /** After the optimizer's step. */
  afterUpdate(): void;
}
