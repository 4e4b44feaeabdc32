/**
 * The abstract {@link Optimizer}: owns the iteration count, the learning rate (a number or a
 * schedule) and gradient clipping, and applies each subclass's per-parameter update rule to
 * every parameter.
 */
import { ConfigError, ShapeError } from '../lib/errors';
import { dtypeOf, formatShape, isContiguous, isTensor, type Tensor } from '../lib/tensor';
import { kernelZeros, scaleInPlace, sgdStep } from '../lib/kernels';
import { freeKernelZeros } from '../lib/kernels/kernel-zeros';
import { freeTensorsIn } from '../layers/disposal';
import type { Param } from '../layers/layer';
import { checkBoolean, checkFraction, checkNonNegative, checkOptionalPositive, describeValue } from './check-options';
import { clipByGlobalNorm, clipByNorm, clipByValue, copyGradient } from './gradient-clipping';
import { getSchedule, isSerializedSchedule, LearningRateSchedule, type SerializedSchedule } from './schedules';
import { classOptionKeys, isInstance, optionsObject } from '../lib/checks';

/** Options every optimizer accepts. */
export interface OptimizerOptions {
  /**
   * The step size `η`: a number, a {@link LearningRateSchedule} (`η_t = schedule.valueAt(t)`), or
   * a saved schedule `{ className, config }`.
   * @defaultValue 0.01 for SGD, 0.001 for the adaptive optimizers (as in Keras)
   */
  learningRate?: number | LearningRateSchedule | SerializedSchedule;
  /** Clip each gradient element to `[−clipValue, clipValue]`; `null` turns it off. @defaultValue null */
  clipValue?: number | null;
  /** Rescale each parameter's gradient whose L2 norm exceeds `clipNorm` down to that norm; `null` turns it off. @defaultValue null */
  clipNorm?: number | null;
  /** Rescale all gradients together when their global L2 norm exceeds `globalClipNorm`; `null` turns it off. @defaultValue null */
  globalClipNorm?: number | null;
  /**
   * Decoupled weight decay `λ ≥ 0` (Keras's `weight_decay`): before each update every weight
   * decays, `W ← W − η_t·λ·W`; `null` turns it off. @defaultValue null (AdamW: 0.004)
   */
  weightDecay?: number | null;
  /**
   * Accumulate the gradients of this many `step` calls and update once, with their mean, on
   * every `k`-th call (Keras's `gradient_accumulation_steps`): a batch `k` times larger in
   * memory of one; `null` updates on every call. @defaultValue null
   */
  gradientAccumulationSteps?: number | null;
  /**
   * Keep an exponential moving average of every weight (Keras's `use_ema`): after each update
   * `E ← μ·E + (1 − μ)·W` (`E = W` after the first), and `fit` ends by writing `E` into the
   * weights ({@link Optimizer.finalizeVariableValues}). @defaultValue false
   */
  useEma?: boolean;
  /** The average's momentum `μ ∈ [0, 1)`. @defaultValue 0.99 */
  emaMomentum?: number;
  /** With `useEma`, also write the averages into the weights every this many updates; `null` only at the end of `fit`. @defaultValue null */
  emaOverwriteFrequency?: number | null;
}

/** The JSON form of an optimizer's options, defaults resolved. */
export interface OptimizerConfig {
  learningRate: number | SerializedSchedule;
  clipValue: number | null;
  clipNorm: number | null;
  globalClipNorm: number | null;
  /** Present only when weight decay is on (so configs without it stay as TensorFlow.js writes them). */
  weightDecay?: number;
  /** Present only when gradient accumulation is on. */
  gradientAccumulationSteps?: number;
  /** These three are present only when `useEma` is on. */
  useEma?: boolean;
  emaMomentum?: number;
  emaOverwriteFrequency?: number | null;
  [option: string]: unknown;
}

/** What the base keeps per parameter: the subclass's state and, when clipping, a clipped-gradient view. */
interface Slot<S> {
  state: S;
  clipped: Param | null;
  /** With gradient accumulation: the parameter with the sum of the gradients since the last update as its grad. */
  accumulated: Param | null;
  /** With `useEma`: the moving average of the parameter's value. */
  average: Tensor | null;
}

/**
 * The base of every optimizer. One {@link Optimizer.step} at iteration `t` (starting at 0):
 * 1. the learning rate is `η_t = schedule.valueAt(t)` for a schedule, else the number `η`;
 * 2. the gradients are clipped, in this order, when the options are set:
 *    `clipValue`: `g ← min(max(g, −c), c)` elementwise;
 *    `clipNorm`: `g ← g · c / max(‖g‖₂, c)` per parameter;
 *    `globalClipNorm`: `g_k ← g_k · c / max(√(Σ_k ‖g_k‖₂²), c)` over all parameters together.
 *    Clipping works on copies: each `Param.grad` is left as backward wrote it.
 *    (Keras 3 accepts only one of the three; here any combination works, in this order, as in
 *    tf.keras 2, and a single one behaves exactly as in Keras 3.)
 *    With `gradientAccumulationSteps: k`, a call whose `t + 1` is not a multiple of `k` only adds
 *    each gradient to its accumulator `A` (and counts); every `k`-th call updates with `g = A/k`,
 *    the mean of the last `k` gradients (then clipped), and resets `A`. The update rule then
 *    sees `⌊t/k⌋` as its step count (Keras's `iterations`), the schedule too.
 * 3. with `weightDecay: λ`, every weight decays: `W ← W − η_t·λ·W` (Keras's `_apply_weight_decay`);
 * 4. the subclass's `updateParam` runs on each parameter with `η_t` and its state, kept in a
 *    `WeakMap` keyed by the {@link Param} object itself, never by name;
 * 5. with `useEma`, each weight's average moves: `E ← μ·E + (1 − μ)·W` (`E ← W` at the first
 *    update), and every `emaOverwriteFrequency`-th update writes `E` into `W`;
 * 6. {@link Optimizer.iterations} becomes `t + 1`.
 *
 * Param values and gradients must be contiguous (layers make them so); offsets may be anything.
 *
 * @typeParam S - the per-parameter state, e.g. a velocity buffer for momentum.
 */
export abstract class Optimizer<S = unknown> {
  /** The registered class name; every subclass sets its own. */
  static readonly className: string = 'Optimizer';
  /** The option keys this class's constructor reads, its own only (see {@link classOptionKeys}); every subclass with options declares its own. */
  static readonly optionKeys: readonly string[] = [
    'learningRate', 'clipValue', 'clipNorm', 'globalClipNorm', 'weightDecay', 'gradientAccumulationSteps', 'useEma', 'emaMomentum', 'emaOverwriteFrequency',
  ];

  private iterationCount = 0;
  /** The elementwise clipping threshold, or `null`. */
  readonly clipValue: number | null;
  /** The per-parameter norm clipping threshold, or `null`. */
  readonly clipNorm: number | null;
  /** The global norm clipping threshold, or `null`. */
  readonly globalClipNorm: number | null;
  /** The decoupled weight-decay factor `λ`, or `null`. */
  readonly weightDecay: number | null;
  /** How many calls' gradients make one update, or `null` for every call. */
  readonly gradientAccumulationSteps: number | null;
  /** Whether a moving average of the weights is kept. */
  readonly useEma: boolean;
  /** The moving average's momentum `μ`. */
  readonly emaMomentum: number;
  /** How many updates between writes of the averages into the weights, or `null`. */
  readonly emaOverwriteFrequency: number | null;

  private rate: number | LearningRateSchedule;
  private readonly slots = new WeakMap<Param, Slot<S>>();
  private readonly stepSlots: Slot<S>[] = [];
  private readonly clippedGrads: Tensor[] = [];

  /**
   * @param options - the shared options.
   * @param defaultLearningRate - the subclass's Keras default for `learningRate`.
   * @param defaultWeightDecay - the subclass's default for `weightDecay` (AdamW's 0.004).
   * @throws ConfigError for a negative or non-finite learning rate or weight decay, a bad
   * schedule, or a clipping threshold that is not a positive finite number.
   */
  constructor(options: OptimizerOptions, defaultLearningRate: number, defaultWeightDecay: number | null = null) {
    options = optionsObject(options, this.className, classOptionKeys(new.target));
    const lr = options.learningRate ?? defaultLearningRate;
    this.rate = isSerializedSchedule(lr) ? getSchedule(lr) : this.checkLearningRate(lr);
    this.clipValue = checkOptionalPositive(this.className, 'clipValue', options.clipValue);
    this.clipNorm = checkOptionalPositive(this.className, 'clipNorm', options.clipNorm);
    this.globalClipNorm = checkOptionalPositive(this.className, 'globalClipNorm', options.globalClipNorm);
    const decay = options.weightDecay === undefined ? defaultWeightDecay : options.weightDecay;
    this.weightDecay = decay === null ? null : checkNonNegative(this.className, 'weightDecay', decay);
    const steps = options.gradientAccumulationSteps ?? null;
    if (steps !== null && !(typeof steps === 'number' && Number.isInteger(steps) && steps >= 1)) {
      throw new ConfigError(`${this.className}: gradientAccumulationSteps must be an integer >= 1 or null, got ${describeValue(steps)}`);
    }
    this.gradientAccumulationSteps = steps;
    this.useEma = checkBoolean(this.className, 'useEma', options.useEma ?? false);
    this.emaMomentum = checkFraction(this.className, 'emaMomentum', options.emaMomentum ?? 0.99);
    const frequency = options.emaOverwriteFrequency ?? null;
    if (frequency !== null && !(typeof frequency === 'number' && Number.isInteger(frequency) && frequency >= 1)) {
      throw new ConfigError(`${this.className}: emaOverwriteFrequency must be an integer >= 1 or null, got ${describeValue(frequency)}`);
    }
    this.emaOverwriteFrequency = frequency;
  }

  /**
   * How many times {@link Optimizer.step} has run: the `t` of the next call. It is also the
   * number of updates applied, unless gradients accumulate (see {@link Optimizer.updateIterations}).
   * Assignable (a checkpoint sets it back); a wrapper such as `LossScaleOptimizer` reports its inner optimizer's.
   */
  get iterations(): number {
    return this.iterationCount;
  }

  set iterations(value: number) {
    this.iterationCount = value;
  }

  /**
   * The factor the training step multiplies the loss by before the backward pass, so that the
   * gradients `step` receives are `S·∂L/∂θ`: 1, except for `LossScaleOptimizer`'s dynamic scale.
   */
  lossScale(): number {
    return 1;
  }

  /**
   * State the optimizer keeps besides the per-parameter {@link Optimizer.stateTensors}, as named
   * live scalars or tensors (`LossScaleOptimizer`'s `dynamic_scale` and `step_counter`): a
   * checkpoint saves them with the iteration count and writes them back. `{}` for the others.
   */
  globalStateTensors(): Record<string, Tensor> {
    return {};
  }

  /**
   * The updates applied so far, `⌊iterations/k⌋` with gradient accumulation over `k` calls, else
   * {@link Optimizer.iterations}: the step count the update rules and schedules read (`t − 1`).
   */
  get updateIterations(): number {
    const k = this.gradientAccumulationSteps;
    return k === null ? this.iterations : Math.floor(this.iterations / k);
  }

  /** The registered class name of this instance, e.g. `'SGD'`. */
  get className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /** The learning rate as given: a number or a schedule. Assigning validates the new value. */
  get learningRate(): number | LearningRateSchedule {
    return this.rate;
  }

  set learningRate(value: number | LearningRateSchedule) {
    this.rate = this.checkLearningRate(value);
  }

  /** The rate the next update uses: `schedule.valueAt(updateIterations)`, or the fixed number. */
  currentLearningRate(): number {
    return this.rate instanceof LearningRateSchedule ? this.rate.valueAt(this.updateIterations) : this.rate;
  }

  /**
   * Applies one update to every parameter from its current `grad`, then increments
   * {@link Optimizer.iterations}. An empty list is a no-op that does not count as a step (as in Keras).
   * @throws ShapeError when a gradient's shape differs from its value's, or either is not contiguous;
   * then no parameter is changed.
   */
  step(params: readonly Param[]): void {
    if (params.length === 0) return;
    const clipping = this.clipValue !== null || this.clipNorm !== null || this.globalClipNorm !== null;
    const slots = this.stepSlots;
    slots.length = 0;
    for (const p of params) {
      this.checkParam(p);
      slots.push(this.slotFor(p, clipping));
    }
    const accumulation = this.gradientAccumulationSteps;
    if (accumulation !== null) {
      // A ← A + g for every parameter; only every k-th call goes on, with g = A/k.
      for (let k = 0; k < params.length; k++) sgdStep((slots[k].accumulated as Param).grad, params[k].grad, -1);
      if ((this.iterations + 1) % accumulation !== 0) {
        slots.length = 0;
        this.iterations++;
        return;
      }
      for (const slot of slots) scaleInPlace((slot.accumulated as Param).grad, 1 / accumulation);
    }
    const sources = accumulation === null ? params : slots.map((slot) => slot.accumulated as Param);
    if (clipping) this.clipGradients(sources, slots);
    const lr = this.currentLearningRate();
    for (let k = 0; k < params.length; k++) {
      const slot = slots[k];
      // Decoupled weight decay: W ← W·(1 − η_t·λ), before the update and independent of the gradient.
      const decay = this.weightDecayFor(params[k]);
      if (decay !== null) scaleInPlace(params[k].value, 1 - lr * decay);
      this.updateParam(clipping ? (slot.clipped as Param) : sources[k], lr, slot.state);
    }
    if (accumulation !== null) for (const slot of slots) scaleInPlace((slot.accumulated as Param).grad, 0);
    if (this.useEma) this.updateAverages(params, slots);
    slots.length = 0;
    this.iterations++;
  }

  /**
   * Writes each parameter's moving average into its value when `useEma` is on (Keras's
   * `finalize_variable_values`, which `fit` calls at its end); otherwise does nothing.
   */
  finalizeVariableValues(params: readonly Param[]): void {
    if (!this.useEma) return;
    for (const p of params) {
      const average = this.slots.get(p)?.average;
      if (average) p.value.data.set(average.data.subarray(average.offset, average.offset + average.size), p.value.offset);
    }
  }

  /** `E ← μ·E + (1 − μ)·W` (`E ← W` at the first update), then every `emaOverwriteFrequency`-th update `W ← E`. */
  private updateAverages(params: readonly Param[], slots: readonly Slot<S>[]): void {
    const update = this.updateIterations;
    const momentum = update === 0 ? 0 : this.emaMomentum;
    const overwrite = this.emaOverwriteFrequency !== null && (update + 1) % this.emaOverwriteFrequency === 0;
    for (let k = 0; k < params.length; k++) {
      const { value } = params[k], average = slots[k].average as Tensor;
      const w = value.data, e = average.data;
      for (let i = 0, n = value.size; i < n; i++) {
        e[average.offset + i] = momentum * e[average.offset + i] + (1 - momentum) * w[value.offset + i];
        if (overwrite) w[value.offset + i] = e[average.offset + i];
      }
    }
  }

  /** The options as plain JSON; `new Cls(getConfig())` rebuilds the optimizer (without its state). */
  getConfig(): OptimizerConfig {
    const config: OptimizerConfig = {
      learningRate: this.rate instanceof LearningRateSchedule ? this.rate.serialize() : this.rate,
      clipValue: this.clipValue,
      clipNorm: this.clipNorm,
      globalClipNorm: this.globalClipNorm,
    };
    if (this.weightDecay !== null) config.weightDecay = this.weightDecay;
    if (this.gradientAccumulationSteps !== null) config.gradientAccumulationSteps = this.gradientAccumulationSteps;
    if (this.useEma) Object.assign(config, { useEma: true, emaMomentum: this.emaMomentum, emaOverwriteFrequency: this.emaOverwriteFrequency });
    return config;
  }

  /**
   * The state the optimizer keeps for `param`, as named tensors, live: writing into them changes
   * the state. `{ m, v }` for Adam, `{ state }` for an optimizer whose state is one tensor,
   * `{}` for plain SGD. A parameter not seen yet gets its fresh state first. Saving these with
   * {@link Optimizer.iterations} and writing them back resumes training exactly. With gradient
   * accumulation the sum of the gradients since the last update is there too, as `accumulated`,
   * and with `useEma` the weight's moving average, as `average`.
   */
  stateTensors(param: Param): Record<string, Tensor> {
    const { state, accumulated, average } = this.slotFor(param, false);
    const extra: Record<string, Tensor> = {};
    if (accumulated !== null) extra.accumulated = accumulated.grad;
    if (average !== null) extra.average = average;
    if (isTensor(state)) return { state, ...extra };
    const tensors: Record<string, Tensor> = {};
    if (typeof state === 'object' && state !== null) {
      for (const [key, value] of Object.entries(state)) if (isTensor(value)) tensors[key] = value;
    }
    return { ...tensors, ...extra };
  }

  /**
   * Frees the state kept for `param` (its slot tensors, clipped-gradient and accumulated-gradient
   * buffers and moving average in the kernel heap) at once and forgets it; a later step starts
   * that parameter's state afresh. `Model.dispose` calls it for each of its parameters.
   */
  disposeState(param: Param): void {
    const slot = this.slots.get(param);
    if (slot === undefined) return;
    this.slots.delete(param);
    freeTensorsIn(slot.state);
    if (slot.clipped !== null) freeKernelZeros(slot.clipped.grad);
    if (slot.accumulated !== null) freeKernelZeros(slot.accumulated.grad);
    if (slot.average !== null) freeKernelZeros(slot.average);
  }

  /** The weight decay `λ` for `param`: {@link Optimizer.weightDecay}; a subclass may decay some parameters differently (Muon). */
  protected weightDecayFor(param: Param): number | null {
    void param;
    return this.weightDecay;
  }

  /** The fresh state for a parameter seen for the first time. */
  protected abstract createState(param: Param): S;

  /**
   * Updates `param.value` in place from `param.grad` (already clipped) with learning rate `lr`.
   * `param` may be a view that shares `value` with the caller's Param but carries a clipped grad.
   */
  protected abstract updateParam(param: Param, lr: number, state: S): void;

  private checkLearningRate(value: unknown): number | LearningRateSchedule {
    if (isInstance(value, LearningRateSchedule)) return value;
    if (typeof value === 'object' && value !== null) {
      throw new ConfigError(`${this.className}: learningRate must be a finite number >= 0 or a LearningRateSchedule, got ${describeValue(value)}`);
    }
    return checkNonNegative(this.className, 'learningRate', value);
  }

  private checkParam(p: Param): void {
    const { value, grad } = p;
    const same = value.shape.length === grad.shape.length && value.shape.every((d, i) => d === grad.shape[i]);
    if (!same) {
      throw new ShapeError(`${this.className}: param '${p.name}' (${p.weightName}): grad must have the value's shape: expected ${formatShape(value.shape)}, got ${formatShape(grad.shape)}`);
    }
    if (!isContiguous(value) || !isContiguous(grad)) {
      throw new ShapeError(`${this.className}: param '${p.name}' (${p.weightName}): value and grad must be contiguous, got strides [${value.stride.join(', ')}] and [${grad.stride.join(', ')}] for shape ${formatShape(value.shape)}`);
    }
  }

  private slotFor(p: Param, clipping: boolean): Slot<S> {
    let slot = this.slots.get(p);
    if (slot === undefined) {
      const accumulated = this.gradientAccumulationSteps === null
        ? null
        : { name: p.name, weightName: p.weightName, value: p.value, grad: kernelZeros(p.value.shape, dtypeOf(p.value)) };
      const average = this.useEma ? kernelZeros(p.value.shape, dtypeOf(p.value)) : null;
      slot = { state: this.createState(p), clipped: null, accumulated, average };
      this.slots.set(p, slot);
    }
    if (clipping && slot.clipped === null) {
      const grad = kernelZeros(p.value.shape, dtypeOf(p.value));
      slot.clipped = { name: p.name, weightName: p.weightName, value: p.value, grad };
    }
    return slot;
  }

  /** Copies each grad into its slot's buffer and clips the copies (value, then norm, then global norm). */
  private clipGradients(params: readonly Param[], slots: readonly Slot<S>[]): void {
    const grads = this.clippedGrads;
    grads.length = 0;
    for (let k = 0; k < params.length; k++) {
      const g = copyGradient((slots[k].clipped as Param).grad, params[k].grad);
      if (this.clipValue !== null) clipByValue(g, this.clipValue);
      if (this.clipNorm !== null) clipByNorm(g, this.clipNorm);
      grads.push(g);
    }
    if (this.globalClipNorm !== null) clipByGlobalNorm(grads, this.globalClipNorm);
    grads.length = 0;
  }
}
