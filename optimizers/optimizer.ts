/**
 * The abstract {@link Optimizer}: owns the iteration count and learning rate and applies each
 * subclass's per-parameter update rule to every parameter.
 */
import { ConfigError } from '../lib/errors';
import type { Param } from '../layers/layer';

/** Options every optimizer accepts. */
export interface OptimizerOptions {
  /** The step size `η`. @defaultValue 0.01 for SGD, 0.001 for the adaptive optimizers (as in Keras) */
  learningRate?: number;
}

/** The JSON form of an optimizer's options. */
export interface OptimizerConfig {
  learningRate: number;
  [option: string]: unknown;
}

/**
 * The base of every optimizer. {@link Optimizer.step} runs `updateParam` on each parameter with
 * the current learning rate and per-parameter state (kept in a `WeakMap` keyed by the
 * {@link Param} object itself, never by name), then increments {@link Optimizer.iterations}.
 *
 * @typeParam S - the per-parameter state, e.g. a velocity buffer for momentum.
 */
export abstract class Optimizer<S = unknown> {
  /** The registered class name; every subclass sets its own. */
  static readonly className: string = 'Optimizer';

  /** How many steps have been applied. */
  iterations = 0;
  /** The step size `η`. */
  learningRate: number;

  private readonly states = new WeakMap<Param, S>();

  constructor(options: OptimizerOptions, defaultLearningRate: number) {
    const lr = options.learningRate ?? defaultLearningRate;
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new ConfigError(`${this.className}: learningRate must be a finite number >= 0, got ${String(lr)}`);
    }
    this.learningRate = lr;
  }

  /** The registered class name of this instance, e.g. `'SGD'`. */
  get className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /** Applies one update to every parameter from its current `grad`. */
  step(params: readonly Param[]): void {
    const lr = this.learningRate;
    for (const p of params) {
      let state = this.states.get(p);
      if (state === undefined) {
        state = this.createState(p);
        this.states.set(p, state);
      }
      this.updateParam(p, lr, state);
    }
    this.iterations++;
  }

  /** The options as plain JSON; `new Cls(getConfig())` rebuilds the optimizer (without its state). */
  getConfig(): OptimizerConfig {
    return { learningRate: this.learningRate };
  }

  /** The fresh state for a parameter seen for the first time. */
  protected abstract createState(param: Param): S;

  /** Updates `param.value` in place from `param.grad` with learning rate `lr`. */
  protected abstract updateParam(param: Param, lr: number, state: S): void;
}
