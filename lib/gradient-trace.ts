/**
 * `Model.computeGradients`: one training step's forward and backward pass on a batch, watched
 * from inside by an observer that copies every intermediate tensor, for reading and teaching
 * the chain rule layer by layer. It runs the same `trainStep` as `fit`, without the update.
 */
import { optionsObject } from './checks';
import { clone, type Tensor } from './tensor';
import type { Layer, MultiBackwardResult } from '../layers/layer';
import type { EngineModel } from './engine/engine-model';
import { toDataList, type ModelData } from './engine/model-data';
import { trainStep } from './engine/train-step';
import { checkedLabels } from './engine/labels';
import type { TrainStepObserver } from './engine/train-step-observer';
import { ModelSnapshot } from './model-snapshot';

/** One layer call's part of a backward pass, as `computeGradients` reports it. */
export interface LayerTrace {
  readonly layer: Layer;
  /** The call's (first) input for this batch, `[N, …]`. */
  readonly input: Tensor;
  /** The call's output, `[N, …]`. */
  readonly output: Tensor;
  /** `∂loss/∂output`, the gradient the call received. */
  readonly dOut: Tensor;
  /** `∂loss/∂input` (the first input's); `null` for the data unless `inputGradient` was asked for. */
  readonly dAPrev: Tensor | null;
  /** `∂loss/∂input` for each input of the call (merge layers have several). */
  readonly dInputs: readonly (Tensor | null)[];
  /** `∂loss/∂param` by `'d' + name`, e.g. `{ dW, db }`. */
  readonly grads: Readonly<Record<string, Tensor>>;
}

/** What `computeGradients` returns: the loss and every layer call's gradients. */
export interface GradientTrace {
  readonly loss: number;
  /** One entry per layer call, in forward order; tensors are copies the caller may keep. */
  readonly layers: readonly LayerTrace[];
}

/** Copies what the step shows it: each call's output, then its `dOut`, input gradients and parameter gradients. */
class TraceRecorder implements TrainStepObserver {
  readonly outputs: { layer: Layer; output: Tensor }[] = [];
  readonly backward = new Map<number, { dOut: Tensor; dInputs: (Tensor | null)[]; grads: Record<string, Tensor> }>();
  private backwardCall = 0;

  afterForward(layer: Layer, output: Tensor): void {
    this.outputs.push({ layer, output: clone(output) });
  }

  afterLoss(): void {
    this.backwardCall = this.outputs.length;
  }

  afterBackward(layer: Layer, dOut: Tensor, result: MultiBackwardResult): void {
    // Calls come back last to first; skip those no loss reached (they send no afterBackward).
    do this.backwardCall--; while (this.backwardCall >= 0 && this.outputs[this.backwardCall].layer !== layer);
    const grads: Record<string, Tensor> = {};
    for (const [key, t] of Object.entries(result.grads)) grads[key] = clone(t);
    this.backward.set(this.backwardCall, { dOut: clone(dOut), dInputs: result.dInputs.map((t) => t && clone(t)), grads });
  }

  beforeUpdate(): void {}

  afterUpdate(): void {}
}

/**
 * Runs one training step (forward in training mode, losses, backward) on a batch without the
 * update, and reports every layer call's input, output, `dOut`, `dAPrev` and parameter
 * gradients as copies. Nothing in the model changes: weights, BatchNormalization's moving
 * statistics and every random generator are as before the call. With `inputGradient`, the
 * gradient of the data is computed too (training skips it).
 */
export function traceGradients(model: EngineModel, x: ModelData, y: ModelData, options?: { inputGradient?: boolean }): GradientTrace {
  const { inputGradient } = optionsObject(options, 'computeGradients');
  model.requireCompiled('computeGradients');
  const xs = toDataList(x, model.inputNames, 'computeGradients: x', model.dtype);
  const ys = checkedLabels(model, xs, toDataList(y, model.outputNames, 'computeGradients: y', model.dtype), 'computeGradients');
  const graph = model.ensureBuilt(xs.map((t) => t.shape));
  const snapshot = ModelSnapshot.take(model);
  const recorder = new TraceRecorder();
  const done = model.beginCall('computeGradients');
  let loss: number;
  try {
    loss = trainStep(model, xs, ys, null, { update: false, needInputGradients: inputGradient === true, observer: recorder }).loss;
  } finally {
    snapshot.restore();
    done();
  }
  const values = new Map<number, Tensor>(graph.inputSlots.map((slot, k) => [slot, clone(xs[k])]));
  graph.steps.forEach((step, s) => values.set(step.output, recorder.outputs[s].output));
  const layers = graph.steps.flatMap((step, s): LayerTrace[] => {
    const back = recorder.backward.get(s);
    if (!back) return [];
    return [{
      layer: step.layer,
      input: values.get(step.inputs[0]) as Tensor,
      output: recorder.outputs[s].output,
      dOut: back.dOut,
      dAPrev: back.dInputs[0],
      dInputs: back.dInputs,
      grads: back.grads,
    }];
  });
  return { loss, layers };
}
