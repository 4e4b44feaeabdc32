/** {@link NonFiniteReport}: where a NaN or Infinity first appeared in training, and how to say it. */
import { findNonFinite, formatShape, type Tensor } from '../tensor';
import type { Layer } from '../../layers/layer';

/** The part of a training step in which a value was found. */
export type TrainingPhase = 'forward' | 'loss' | 'backward' | 'update';

/**
 * The first NaN or ±Infinity a {@link GradientMonitor} saw, in computation order within the
 * step: each layer's forward output (first to last), the loss and its gradient, each layer's
 * parameter gradients and `dAPrev` (last to first), then each weight after the optimizer's step.
 */
export interface NonFiniteReport {
  /** The epoch of the step. */
  readonly epoch: number;
  /** The batch index within the epoch. */
  readonly batch: number;
  /** The step count since training began (from 0). */
  readonly step: number;
  /** Where in the step: `'forward'`, `'loss'`, `'backward'` or `'update'`. */
  readonly phase: TrainingPhase;
  /** The layer's name, or `null` for the loss. */
  readonly layer: string | null;
  /** The layer's index in the model, or `null` for the loss. */
  readonly layerIndex: number | null;
  /** The tensor: `'output'`, `'loss'`, `'dYPred'`, a gradient (`'dW'`, `'db'`, `'dAPrev'`), or a weight (`'W'`). */
  readonly tensor: string;
  /** The tensor's shape (`[]` for the loss value). */
  readonly shape: readonly number[];
  /** The first offending element's index (row-major), `[]` for the loss value. */
  readonly index: readonly number[];
  /** The offending value: NaN, Infinity or -Infinity. */
  readonly value: number;
  /** A sentence saying all of the above. */
  readonly message: string;
}

/** Where a step is, for {@link checkTensor} and {@link checkLoss}. */
export interface StepPosition {
  readonly epoch: number;
  readonly batch: number;
  readonly step: number;
}

const WHAT: Record<TrainingPhase, string> = {
  forward: 'forward output',
  loss: 'loss',
  backward: 'backward gradient',
  update: 'weight after the optimizer step',
};

/**
 * The report for the first non-finite element of `t`, or `null` when every element is finite.
 * @param layer - the layer and its index, or `null` for the loss's gradient.
 */
export function checkTensor(
  t: Tensor, phase: TrainingPhase, tensorName: string, layer: { layer: Layer; index: number } | null, at: StepPosition,
): NonFiniteReport | null {
  const index = findNonFinite(t);
  if (index === null) return null;
  const value = t.get(...index);
  const where = layer ? `${layer.layer.describe()} (layer ${layer.index})` : 'the loss';
  const message = `${where}: ${WHAT[phase]} ${tensorName} ${formatShape(t.shape)} holds ${value} at [${index.join(', ')}] ` +
    `(epoch ${at.epoch}, batch ${at.batch}, step ${at.step})`;
  return {
    ...at, phase, layer: layer ? layer.layer.name : null, layerIndex: layer ? layer.index : null,
    tensor: tensorName, shape: t.shape.slice(), index, value, message,
  };
}

/** The report for a non-finite loss value, or `null` when it is finite. */
export function checkLoss(value: number, at: StepPosition): NonFiniteReport | null {
  if (Number.isFinite(value)) return null;
  const message = `the loss: value is ${value} although every layer output was finite (epoch ${at.epoch}, batch ${at.batch}, step ${at.step})`;
  return { ...at, phase: 'loss', layer: null, layerIndex: null, tensor: 'loss', shape: [], index: [], value, message };
}
