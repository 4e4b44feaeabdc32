/** {@link GradientMonitor}: per-layer gradient norms, update ratios and dead ReLUs over training. */
import { ConfigError, StateError } from '../errors';
import { copyInto, dtypeOf, zeros, type Tensor } from '../tensor';
import type { Layer, MultiBackwardResult } from '../../layers/layer';
import { describeValue } from '../../optimizers/check-options';
import type { Callback, CallbackModel } from './callback';
import { checkLoss, checkTensor, type NonFiniteReport, type StepPosition } from './non-finite-report';
import { deadUnitFraction, l2Distance, l2Norm } from './tensor-stats';
import type { TrainStepObserver } from '../engine/train-step-observer';
import { classOptionKeys, formatValue, optionsObject } from '../checks';

/** Options of {@link GradientMonitor}. */
export interface GradientMonitorOptions {
  /**
   * `'epoch'` records, once per epoch, the mean over its batches of every measurement; a
   * positive integer `n` records the measurements of every `n`-th step alone. @defaultValue 'epoch'
   */
  updateFreq?: 'epoch' | number;
}

/** One layer's measurements in a {@link GradientRecord}. */
export interface LayerGradientStats {
  /** The layer's name. */
  readonly layer: string;
  /** The layer's class name, e.g. `'Dense'`. */
  readonly className: string;
  /** `‖dθ‖₂` for each parameter gradient, e.g. `{ dW, db }`; empty for layers without parameters. */
  readonly grads: Readonly<Record<string, number>>;
  /** `‖dAPrev‖₂`, the gradient passed to the layer below; `null` for the first layer, which computes none. */
  readonly dAPrev: number | null;
  /** `‖Δθ‖₂ / ‖θ‖₂` of the optimizer's step for each trainable parameter, e.g. `{ W, b }` (θ before the step; `0/0 = 0`, `x/0 = Infinity`). */
  readonly updateRatios: Readonly<Record<string, number>>;
  /** For ReLU layers and Dense layers with a ReLU activation: the fraction of units that output 0 for the whole batch; else `null`. */
  readonly deadReluFraction: number | null;
}

/** The measurements of one epoch (means over its batches) or of one sampled step. */
export interface GradientRecord {
  /** The epoch. */
  readonly epoch: number;
  /** The step count (from 0 at the start of training) of the last step included. */
  readonly step: number;
  /** How many steps the means are over (1 with a numeric `updateFreq`). */
  readonly batches: number;
  /** One entry per layer, first to last. */
  readonly layers: readonly LayerGradientStats[];
}

/**
 * What {@link GradientMonitor.series} can extract: a gradient name (`'dW'`, `'db'`, …),
 * `'dAPrev'`, `'deadReluFraction'`, or `'updateRatio:<param>'` such as `'updateRatio:W'`.
 */
export type GradientQuantity = string;

/** Running sums for one layer between two records. */
class LayerSums {
  readonly grads = new Map<string, number>();
  readonly ratios = new Map<string, number>();
  dAPrev = 0;
  hasDAPrev = false;
  dead = 0;
  batches = 0;

  stats(layer: Layer, isRelu: boolean): LayerGradientStats {
    const mean = (sum: number): number => sum / this.batches;
    return {
      layer: layer.name,
      className: layer.className,
      grads: Object.fromEntries([...this.grads].map(([k, v]) => [k, mean(v)])),
      dAPrev: this.hasDAPrev ? mean(this.dAPrev) : null,
      updateRatios: Object.fromEntries([...this.ratios].map(([k, v]) => [k, mean(v)])),
      deadReluFraction: isRelu ? mean(this.dead) : null,
    };
  }
}

/** A ReLU layer, or a layer (Dense) whose `activation` is one: by class name, so the monitor imports no layer class. */
function isReluLayer(layer: Layer): boolean {
  const activation = (layer as { activation?: unknown }).activation;
  return layer.className === 'ReLU' || (activation instanceof Object && (activation as Layer).className === 'ReLU');
}

/**
 * A window into the gradients. Attached to a `fit` as a callback, it observes every training
 * step from inside the model and records, per layer:
 * - `‖dW‖₂`, `‖db‖₂` (every parameter gradient) and `‖dAPrev‖₂`: vanishing gradients shrink
 *   layer by layer towards the input, exploding ones grow;
 * - the update-to-weight ratio `‖Δθ‖₂/‖θ‖₂` of the optimizer's step (around 1e-3 is healthy;
 *   much smaller learns slowly, much larger is unstable);
 * - the fraction of dead ReLU units: units whose output is 0 for every sample of the batch.
 * With `updateFreq: 'epoch'` each record holds the means over an epoch's batches; with a number
 * `n`, the values of every `n`-th step.
 *
 * It also watches every step for NaN and Infinity, and keeps in {@link GradientMonitor.nonFinite}
 * the first one it saw and where: the layer, and which tensor (forward output, loss, a backward
 * gradient, or a weight after the update). {@link TerminateOnNaN} quotes it.
 *
 * @throws ConfigError for a bad `updateFreq`; StateError when the model already has another observer.
 * @example
 * ```ts
 * const monitor = new GradientMonitor();
 * await model.fit(x, y, { epochs: 20, callbacks: [monitor] });
 * monitor.series('dense_1', 'dW'); // ‖dW‖ of dense_1, one value per epoch
 * await plotGradients(monitor, 'gradients.svg');
 * ```
 */
export class GradientMonitor implements Callback, TrainStepObserver {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['updateFreq'];

  /** `'epoch'` or a step interval. */
  readonly updateFreq: 'epoch' | number;
  /** The records, in order. */
  readonly records: GradientRecord[] = [];
  /** The first NaN or Infinity seen, or `null`. */
  nonFinite: NonFiniteReport | null = null;

  private model: CallbackModel | null = null;
  private layers: readonly Layer[] = [];
  private isRelu: boolean[] = [];
  private sums: LayerSums[] = [];
  private alive: Uint8Array[] = [];
  private readonly snapshots = new Map<Tensor, Tensor>();
  private positions = new Map<Layer, number>();
  private position: { epoch: number; batch: number; step: number } = { epoch: 0, batch: 0, step: 0 };
  private isSampled = false;

  constructor(options: GradientMonitorOptions = {}) {
    options = optionsObject(options, 'GradientMonitor', classOptionKeys(new.target));
    const { updateFreq = 'epoch' } = options;
    if (updateFreq !== 'epoch' && !(typeof updateFreq === 'number' && Number.isInteger(updateFreq) && updateFreq >= 1)) {
      throw new ConfigError(`GradientMonitor: updateFreq must be 'epoch' or a positive integer, got ${describeValue(updateFreq)}`);
    }
    this.updateFreq = updateFreq;
  }

  /** Keeps the model to attach to when training begins. */
  setModel(model: CallbackModel): void {
    this.model = model;
  }

  /** Attaches to the model as its train-step observer and starts a fresh record. */
  onTrainBegin(): void {
    const model = this.model;
    if (!model || !model.layers) throw new StateError('GradientMonitor: needs a model with layers; fit calls setModel before training');
    if (model.trainObserver && model.trainObserver !== this) {
      throw new StateError('GradientMonitor: the model already has a train-step observer; one GradientMonitor per model (set model.trainObserver = null to detach a stale one)');
    }
    model.trainObserver = this;
    this.layers = model.layers.slice();
    this.positions = new Map(this.layers.map((l, i) => [l, i]));
    this.isRelu = this.layers.map(isReluLayer);
    this.sums = this.layers.map(() => new LayerSums());
    this.alive = this.layers.map(() => new Uint8Array(0));
    this.records.length = 0;
    this.nonFinite = null;
    this.position = { epoch: 0, batch: 0, step: 0 };
  }

  /** Detaches from the model. */
  onTrainEnd(): void {
    if (this.model && this.model.trainObserver === this) this.model.trainObserver = null;
  }

  /** Notes the epoch for records and reports. */
  onEpochBegin(epoch: number): void {
    this.position.epoch = epoch;
  }

  /** Notes the batch, and whether this step is measured (every step, or every `updateFreq`-th). */
  onBatchBegin(batch: number): void {
    this.position.batch = batch;
    const n = this.updateFreq;
    this.isSampled = n === 'epoch' || (this.position.step + 1) % n === 0;
  }

  /** With `updateFreq: 'epoch'`, records the epoch's means. */
  onEpochEnd(): void {
    if (this.updateFreq === 'epoch' && this.sums.some((s) => s.batches > 0)) this.flush(this.position.step - 1);
  }

  /**
   * The values of `quantity` for the layer named `layer`, one per record (`NaN` where the layer
   * has no such value, e.g. `dW` of a ReLU layer).
   * @throws ConfigError for a layer name that was not monitored, or a quantity that is not a string.
   */
  series(layer: string, quantity: GradientQuantity): number[] {
    if (typeof quantity !== 'string') throw new ConfigError(`GradientMonitor.series: quantity must be a string such as 'dW', got ${formatValue(quantity)}`);
    const index = this.layers.findIndex((l) => l.name === layer);
    if (index < 0) {
      throw new ConfigError(`GradientMonitor.series: unknown layer ${formatValue(layer)}: expected one of [${this.layers.map((l) => `'${l.name}'`).join(', ')}]`);
    }
    return this.records.map((r) => valueOf(r.layers[index], quantity));
  }

  /** The monitored layers' names, first to last. */
  layerNames(): string[] {
    return this.layers.map((l) => l.name);
  }

  /** Checks the output for NaN/Infinity; measures dead ReLU units. */
  afterForward(layer: Layer, output: Tensor): void {
    const index = this.indexOf(layer);
    if (index < 0) return;
    if (!this.nonFinite) this.nonFinite = checkTensor(output, 'forward', 'output', { layer, index }, this.position);
    if (!this.isSampled || !this.isRelu[index]) return;
    const units = output.size / output.shape[0];
    if (this.alive[index].length < units) this.alive[index] = new Uint8Array(units);
    this.sums[index].dead += deadUnitFraction(output, this.alive[index]);
  }

  /** Checks the loss and its gradient for NaN/Infinity. */
  afterLoss(value: number, dOutputs: readonly Tensor[]): void {
    if (this.nonFinite) return;
    this.nonFinite = checkLoss(value, this.position);
    for (const dYPred of dOutputs) this.nonFinite ??= checkTensor(dYPred, 'loss', 'dYPred', null, this.position);
  }

  /**
   * Checks and measures the layer's parameter gradients and `dAPrev`; under a
   * `LossScaleOptimizer` the norms are divided by its loss scale `S`, so they are those of `∂L`.
   */
  afterBackward(layer: Layer, _dOut: Tensor, result: MultiBackwardResult): void {
    const index = this.indexOf(layer);
    if (index < 0) return;
    const at: StepPosition = this.position;
    const dAPrev = result.dInputs[0];
    const unscale = 1 / (this.model?.optimizer?.lossScale?.() ?? 1);
    for (const [name, grad] of Object.entries(result.grads)) {
      if (!this.nonFinite) this.nonFinite = checkTensor(grad, 'backward', name, { layer, index }, at);
      if (this.isSampled) this.sums[index].grads.set(name, (this.sums[index].grads.get(name) ?? 0) + l2Norm(grad) * unscale);
    }
    if (dAPrev) {
      if (!this.nonFinite) this.nonFinite = checkTensor(dAPrev, 'backward', 'dAPrev', { layer, index }, at);
      if (this.isSampled) {
        this.sums[index].dAPrev += l2Norm(dAPrev) * unscale;
        this.sums[index].hasDAPrev = true;
      }
    }
  }

  /** Copies the trainable weights (into buffers kept from step to step) to measure the update. */
  beforeUpdate(): void {
    if (!this.isSampled) return;
    for (const layer of this.layers) {
      for (const p of layer.trainableParams()) {
        let copy = this.snapshots.get(p.value);
        if (!copy) {
          copy = zeros(p.value.shape, dtypeOf(p.value));
          this.snapshots.set(p.value, copy);
        }
        copyInto(copy, p.value);
      }
    }
  }

  /** Measures `‖Δθ‖/‖θ‖`, checks the new weights for NaN/Infinity, and records the step when sampling by steps. */
  afterUpdate(): void {
    this.layers.forEach((layer, index) => {
      for (const p of layer.trainableParams()) {
        if (!this.nonFinite) this.nonFinite = checkTensor(p.value, 'update', p.name, { layer, index }, this.position);
        if (!this.isSampled) continue;
        const before = this.snapshots.get(p.value) as Tensor;
        const ratios = this.sums[index].ratios;
        ratios.set(p.name, (ratios.get(p.name) ?? 0) + ratio(l2Distance(p.value, before), l2Norm(before)));
      }
      if (this.isSampled) this.sums[index].batches++;
    });
    if (this.isSampled && this.updateFreq !== 'epoch') this.flush(this.position.step);
    this.position.step++;
  }

  /** The monitored layer's position (by reference), or -1 for a layer the model does not list. */
  private indexOf(layer: Layer): number {
    return this.positions.get(layer) ?? -1;
  }

  /** Appends the means since the last record, which ended with step `lastStep`, and starts new sums. */
  private flush(lastStep: number): void {
    this.records.push({
      epoch: this.position.epoch,
      step: lastStep,
      batches: this.sums[0]?.batches ?? 0,
      layers: this.layers.map((layer, i) => this.sums[i].stats(layer, this.isRelu[i])),
    });
    this.sums = this.layers.map(() => new LayerSums());
  }
}

/** `change / size`, with `0/0 = 0` (nothing moved) and `x/0 = Infinity`. */
function ratio(change: number, size: number): number {
  if (size === 0) return change === 0 ? 0 : Infinity;
  return change / size;
}

function valueOf(stats: LayerGradientStats, quantity: GradientQuantity): number {
  if (quantity === 'dAPrev') return stats.dAPrev ?? NaN;
  if (quantity === 'deadReluFraction') return stats.deadReluFraction ?? NaN;
  if (quantity.startsWith('updateRatio:')) return stats.updateRatios[quantity.slice('updateRatio:'.length)] ?? NaN;
  return stats.grads[quantity] ?? NaN;
}
