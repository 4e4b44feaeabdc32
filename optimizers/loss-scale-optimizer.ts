/** {@link LossScaleOptimizer}: dynamic loss scaling around another optimizer (Keras's `LossScaleOptimizer`). */
import { ConfigError, StateError } from '../lib/errors';
import { scaleInPlace } from '../lib/kernels';
import { isInstance, optionsObject } from '../lib/checks';
import { zeros, type Tensor } from '../lib/tensor';
import type { Param } from '../layers/layer';
import { describeValue } from './check-options';
import { Optimizer, type OptimizerConfig } from './optimizer';
import type { LearningRateSchedule } from './schedules';

/** Options of {@link LossScaleOptimizer}. */
export interface LossScaleOptimizerOptions {
  /** The optimizer that applies the unscaled gradients; its own options (clipping, weight decay, EMA, …) apply as usual. */
  innerOptimizer: Optimizer;
  /** The loss scale `S` to start from, a finite number > 0. @defaultValue 2 ** 15 */
  initialScale?: number;
  /** After this many consecutive steps with finite gradients the scale doubles; an integer ≥ 1. @defaultValue 2000 */
  dynamicGrowthSteps?: number;
}

/** The JSON form of {@link LossScaleOptimizer}'s options: the inner optimizer as `{ className, config }`. */
export interface LossScaleOptimizerConfig {
  innerOptimizer: { className: string; config: OptimizerConfig };
  initialScale: number;
  dynamicGrowthSteps: number;
}

/** The base-optimizer options Keras refuses on the wrapper ("set it on the inner optimizer"). */
const INNER_ONLY = [
  'learningRate', 'clipValue', 'clipNorm', 'globalClipNorm', 'weightDecay', 'gradientAccumulationSteps', 'useEma', 'emaMomentum', 'emaOverwriteFrequency',
] as const;

/**
 * Dynamic loss scaling (Keras's `keras.optimizers.LossScaleOptimizer`): the training step
 * multiplies the loss by the scale `S` before the backward pass (every gradient, regularization
 * penalties included, is then `S·∂L/∂θ`, which keeps small float16-style gradients from
 * underflowing), and each {@link LossScaleOptimizer.step}:
 * - if every gradient is finite: unscales them in place, `g ← g / S`, lets the inner optimizer
 *   apply them, and counts the step: after `dynamicGrowthSteps` finite steps in a row
 *   `S ← 2·S` (and the count restarts);
 * - otherwise (an `Infinity` or `NaN` anywhere): skips the update, `S ← S / 2`, and restarts the
 *   count. The inner optimizer's state and iteration count do not move.
 *
 * {@link LossScaleOptimizer.iterations}, the learning rate and the per-parameter state are the
 * inner optimizer's. A checkpoint (`save` with `includeOptimizer`) also keeps `S` and the count
 * (`dynamic_scale`, `step_counter`), so training resumes bit for bit. The reported loss is the
 * unscaled one; `computeGradients` and `gradCheck` see unscaled gradients, and `GradientMonitor`
 * divides its gradient norms by `S`.
 *
 * @throws ConfigError when `innerOptimizer` is not an Optimizer (or is itself a
 * LossScaleOptimizer), `initialScale` is not a finite number > 0, `dynamicGrowthSteps` is not an
 * integer ≥ 1, or a base option (`learningRate`, `clipNorm`, `weightDecay`, …) is given: set it
 * on the inner optimizer.
 * @example
 * ```ts
 * model.compile({ optimizer: new LossScaleOptimizer({ innerOptimizer: new Adam() }), loss: 'mse' });
 * ```
 */
export class LossScaleOptimizer extends Optimizer<null> {
  static override readonly className = 'LossScaleOptimizer';
  static override readonly optionKeys: readonly string[] = ['innerOptimizer', 'initialScale', 'dynamicGrowthSteps'];

  /** The wrapped optimizer. */
  readonly innerOptimizer: Optimizer;
  /** The scale training started from. */
  readonly initialScale: number;
  /** Finite steps in a row before the scale doubles. */
  readonly dynamicGrowthSteps: number;

  /** `S`, live (a checkpoint writes into it). */
  private readonly scale = zeros([], 'float64');
  /** Finite steps since the scale last changed, live. */
  private readonly stepCounter = zeros([], 'float64');

  constructor(options: LossScaleOptimizerOptions) {
    const given = Object.keys(optionsObject(options, 'LossScaleOptimizer'));
    for (const key of INNER_ONLY) {
      if (given.includes(key)) throw new ConfigError(`LossScaleOptimizer does not support ${key}. Instead, set ${key} on the innerOptimizer`);
    }
    super({}, 0);
    const { innerOptimizer, initialScale = 2 ** 15, dynamicGrowthSteps = 2000 } = optionsObject(options, 'LossScaleOptimizer', LossScaleOptimizer.optionKeys);
    if (!isInstance(innerOptimizer, Optimizer)) throw new ConfigError(`LossScaleOptimizer: innerOptimizer must be an Optimizer, got ${describeValue(innerOptimizer)}`);
    if (isInstance(innerOptimizer, LossScaleOptimizer)) throw new ConfigError('LossScaleOptimizer: innerOptimizer must not be a LossScaleOptimizer');
    if (typeof initialScale !== 'number' || !(initialScale > 0 && initialScale < Infinity)) {
      throw new ConfigError(`LossScaleOptimizer: initialScale must be a finite number > 0, got ${describeValue(initialScale)}`);
    }
    if (typeof dynamicGrowthSteps !== 'number' || !Number.isInteger(dynamicGrowthSteps) || dynamicGrowthSteps < 1) {
      throw new ConfigError(`LossScaleOptimizer: dynamicGrowthSteps must be an integer >= 1, got ${describeValue(dynamicGrowthSteps)}`);
    }
    this.innerOptimizer = innerOptimizer;
    this.initialScale = initialScale;
    this.dynamicGrowthSteps = dynamicGrowthSteps;
    this.scale.data[0] = initialScale;
  }

  /** The current loss scale `S`, which the training step multiplies the loss by. */
  override lossScale(): number {
    return this.scale.data[0];
  }

  /** The inner optimizer's iteration count (a skipped step does not count). */
  override get iterations(): number {
    return this.innerOptimizer.iterations;
  }

  override set iterations(value: number) {
    this.innerOptimizer.iterations = value;
  }

  /** The inner optimizer's update count. */
  override get updateIterations(): number {
    return this.innerOptimizer.updateIterations;
  }

  /** The inner optimizer's learning rate; assigning sets the inner one. */
  override get learningRate(): number | LearningRateSchedule {
    return this.innerOptimizer.learningRate;
  }

  override set learningRate(value: number | LearningRateSchedule) {
    this.innerOptimizer.learningRate = value;
  }

  override currentLearningRate(): number {
    return this.innerOptimizer.currentLearningRate();
  }

  /**
   * One step from gradients scaled by `S` (see the class documentation): with all finite, `g ← g/S`
   * in place and the inner step, then the growth count; else no update and `S ← S/2`. An empty
   * list is a no-op.
   */
  override step(params: readonly Param[]): void {
    if (params.length === 0) return;
    const scale = this.scale.data[0];
    if (!params.every((p) => isFinite(p.grad))) {
      this.scale.data[0] = scale / 2;
      this.stepCounter.data[0] = 0;
      return;
    }
    for (const p of params) scaleInPlace(p.grad, 1 / scale);
    this.innerOptimizer.step(params);
    if (this.stepCounter.data[0] === this.dynamicGrowthSteps - 1) {
      this.stepCounter.data[0] = 0;
      this.scale.data[0] = scale * 2;
    } else {
      this.stepCounter.data[0] += 1;
    }
  }

  override finalizeVariableValues(params: readonly Param[]): void {
    this.innerOptimizer.finalizeVariableValues(params);
  }

  /** The inner optimizer's state for `param`. */
  override stateTensors(param: Param): Record<string, Tensor> {
    return this.innerOptimizer.stateTensors(param);
  }

  /** `dynamic_scale` (`S`) and `step_counter`, then the inner optimizer's own. */
  override globalStateTensors(): Record<string, Tensor> {
    return { dynamic_scale: this.scale, step_counter: this.stepCounter, ...this.innerOptimizer.globalStateTensors() };
  }

  override disposeState(param: Param): void {
    this.innerOptimizer.disposeState(param);
  }

  /** Keras's config: the inner optimizer as `{ className, config }`, the initial scale and the growth steps. */
  override getConfig(): OptimizerConfig {
    const config: LossScaleOptimizerConfig = {
      innerOptimizer: { className: this.innerOptimizer.className, config: this.innerOptimizer.getConfig() },
      initialScale: this.initialScale,
      dynamicGrowthSteps: this.dynamicGrowthSteps,
    };
    // The base's config type lists the shared options, which this wrapper leaves to its inner optimizer.
    return config as unknown as OptimizerConfig;
  }

  /** No state of its own per parameter: the inner optimizer keeps it. */
  protected createState(): null {
    return null;
  }

  /** Never called: {@link LossScaleOptimizer.step} hands the parameters to the inner optimizer. */
  protected updateParam(): void {
    throw new StateError('LossScaleOptimizer.updateParam: the inner optimizer updates the parameters');
  }
}

/** True when every element of `t` is finite. */
function isFinite(t: Tensor): boolean {
  const d = t.data;
  for (let i = t.offset, end = t.offset + t.size; i < end; i++) {
    const v = d[i];
    if (v - v !== 0) return false;
  }
  return true;
}
