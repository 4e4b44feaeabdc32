/**
 * The one training step every path runs: `fit` and `trainOnBatch` (with the update),
 * `computeGradients` and `gradCheck` (observing, without it), and `evaluate` (its forward half).
 */
import { scaleInPlace } from '../kernels';
import { withLossScale } from '../../layers/layer';
import type { Tensor } from '../tensor';
import type { EngineModel } from './engine-model';
import type { Graph } from './graph';
import type { TrainStepObserver } from './train-step-observer';

/** The forward half of a step: each output's prediction and loss, and the total. */
export interface StepLosses {
  /** `L = Σ_k w_k·L_k + Σ_layers penalty`: what training minimizes and `fit` reports as `loss`. */
  readonly loss: number;
  /** Each output's own loss `L_k` (unweighted). */
  readonly outputLosses: readonly number[];
  /** Each output's prediction, a buffer its last layer owns (valid until the next forward). */
  readonly yPreds: readonly Tensor[];
}

/** What {@link trainStep} returns. */
export interface StepResult extends StepLosses {
  /** `∂L/∂input` per model input when asked for (`needInputGradients`), else `null`s. */
  readonly inputGradients: readonly (Tensor | null)[];
}

/** Options of {@link trainStep}. */
export interface StepOptions {
  /** Apply the optimizer's update after the backward pass. @defaultValue true */
  update?: boolean;
  /** Also compute `∂L/∂input` for the model's inputs (training skips it). @defaultValue false */
  needInputGradients?: boolean;
  /** Who sees the step from inside. @defaultValue the model's `trainObserver` */
  observer?: TrainStepObserver | null;
}

/**
 * The forward pass and the losses: `yPred_k = model(x)_k`, `L_k = loss_k(yPred_k, y_k)` (with
 * sample weights, and the output's mask weighting each time step as Keras does), `L = Σ_k w_k·L_k` plus the layers' regularization penalties. With
 * `training`, layers cache what backward needs (and Dropout drops, BatchNormalization uses the
 * batch's statistics).
 */
export function forwardLosses(
  model: EngineModel, xs: readonly Tensor[], ys: readonly Tensor[], sampleWeight: Tensor | null, training: boolean, observer: TrainStepObserver | null = null,
): StepLosses {
  return forwardOnGraph(model, model.ensureBuilt(xs.map((x) => x.shape)), xs, ys, sampleWeight, training, observer);
}

/** {@link forwardLosses} on the model's graph, already checked against the data. */
function forwardOnGraph(
  model: EngineModel, graph: Graph, xs: readonly Tensor[], ys: readonly Tensor[], sampleWeight: Tensor | null, training: boolean, observer: TrainStepObserver | null,
): StepLosses {
  const { losses, lossWeights } = model.requireCompiled('training');
  const yPreds = graph.forward(xs, training, observer);
  const masks = graph.outputMasks();
  let loss = 0;
  const outputLosses = losses.map((lossFn, k) => {
    const value = lossFn.forward(yPreds[k], ys[k], sampleWeight ?? undefined, masks[k]);
    loss += lossWeights[k] * value;
    return value;
  });
  return { loss: loss + model.regularizationLoss(), outputLosses, yPreds };
}

/**
 * One training step on a prepared batch: forward and losses ({@link forwardLosses}), then the
 * backward pass from each loss's gradient `∂L/∂yPred_k = w_k·∂L_k/∂yPred_k` back through the
 * graph (`Graph.backward`, which fills every layer's parameter gradients), then the optimizer's
 * update of every trainable parameter (`SGD`: `θ ← θ − η·∂L/∂θ`). With the update, an optimizer
 * whose `lossScale()` is `S ≠ 1` (`LossScaleOptimizer`) gets the gradients of `S·L`: the loss
 * gradients and the regularization penalties' are scaled by `S` (input gradients are unscaled
 * again), and the optimizer unscales before its update.
 */
export function trainStep(model: EngineModel, xs: readonly Tensor[], ys: readonly Tensor[], sampleWeight: Tensor | null, options: StepOptions = {}): StepResult {
  const { optimizer, losses, lossWeights } = model.requireCompiled('training');
  const observer = options.observer === undefined ? model.trainObserver : options.observer;
  const graph = model.ensureBuilt(xs.map((x) => x.shape));
  const forward = forwardOnGraph(model, graph, xs, ys, sampleWeight, true, observer);
  const isUpdate = options.update ?? true;
  const scale = isUpdate ? optimizer.lossScale() : 1;
  const dOutputs = losses.map((lossFn, k) => {
    const g = lossFn.backward();
    const factor = lossWeights[k] * scale;
    return factor === 1 ? g : scaleInPlace(g, factor);
  });
  if (observer) observer.afterLoss(forward.loss, dOutputs);
  const needInputGradients = options.needInputGradients ?? false;
  const inputGradients = scale === 1
    ? graph.backward(dOutputs, needInputGradients, observer)
    : withLossScale(scale, () => graph.backward(dOutputs, needInputGradients, observer)).map((g) => (g === null ? g : scaleInPlace(g, 1 / scale)));
  if (isUpdate) {
    observer?.beforeUpdate();
    optimizer.step(model.layers.flatMap((l) => l.trainableParams()));
    observer?.afterUpdate();
  }
  return { ...forward, inputGradients };
}
