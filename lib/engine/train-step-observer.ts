/**
 * {@link TrainStepObserver}: a window into one training step, layer by layer, for tools such as
 * the GradientMonitor. The model calls it only when one is attached, so an unobserved step
 * costs nothing.
 */
import type { Layer, MultiBackwardResult } from '../../layers/layer';
import type { Tensor } from '../tensor';

/**
 * Sees every training step of a model from the inside (set `model.trainObserver`). The calls of
 * one step come in computation order: `afterForward` for each layer call first to last,
 * `afterLoss`, `afterBackward` for each call last to first, then `beforeUpdate` and
 * `afterUpdate` around the optimizer's step. Layers are passed by reference (a layer shared
 * by two calls is seen twice).
 *
 * Every tensor passed in is a buffer owned by a layer or the loss, valid only during the call's
 * step: read it, copy what must be kept, never write to it.
 *
 * @example
 * ```ts
 * model.trainObserver = { afterForward: (layer, output) => { ... }, afterLoss() {}, afterBackward() {}, beforeUpdate() {}, afterUpdate() {} };
 * ```
 */
export interface TrainStepObserver {
  /** After a call of `layer` in the forward pass (training mode), with its output `[N, …]`. */
  afterForward(layer: Layer, output: Tensor): void;
  /** After the losses, with the total and `∂loss/∂yPred` of each output (the last layers' `dOut`). */
  afterLoss(value: number, dOutputs: readonly Tensor[]): void;
  /**
   * After a call of `layer` in the backward pass, with the gradient it received (`dOut`) and what
   * it returned: one gradient per input (`dInputs[0]` is the usual `dAPrev`; `null` for an input
   * that is the data, which needs none) and its parameter gradients.
   */
  afterBackward(layer: Layer, dOut: Tensor, result: MultiBackwardResult): void;
  /** After the whole backward pass, before the optimizer changes any weight. */
  beforeUpdate(): void;
  /** After the optimizer's step. */
  afterUpdate(): void;
}
