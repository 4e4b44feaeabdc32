/**
 * The optimizers: the classes, the `optimizers` registry (class names plus the Keras aliases
 * `'sgd'`, `'adam'`, …) and {@link getOptimizer}, which resolves a name or an instance.
 */
import { isInstance } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import { Registry, type NameOr } from '../lib/registry';
import { Adadelta, type AdadeltaOptions } from './adadelta';
import { Adagrad, type AdagradOptions } from './adagrad';
import { Adam, type AdamOptions } from './adam';
import { Adamax, type AdamaxOptions } from './adamax';
import { AdamW, type AdamWOptions } from './adamw';
import { describeValue } from './check-options';
import { Nadam, type NadamOptions } from './nadam';
import { Optimizer } from './optimizer';
import { RMSprop, type RMSpropOptions } from './rmsprop';
import { SGD, type SGDOptions } from './sgd';
import { Lion, type LionOptions } from './lion';
import { Lamb, type LambOptions } from './lamb';
import { Ftrl, type FtrlOptions } from './ftrl';
import { Adafactor, type AdafactorOptions } from './adafactor';
import { Muon, type MuonOptions } from './muon';
import { LossScaleOptimizer, type LossScaleOptimizerOptions } from './loss-scale-optimizer';

export { Optimizer, type OptimizerConfig, type OptimizerOptions } from './optimizer';
export { SGD, type SGDConfig, type SGDOptions } from './sgd';
export { Adam, type AdamConfig, type AdamOptions, type AdamState } from './adam';
export { AdamW, type AdamWConfig, type AdamWOptions } from './adamw';
export { RMSprop, type RMSpropConfig, type RMSpropOptions, type RMSpropState } from './rmsprop';
export { Adagrad, type AdagradConfig, type AdagradOptions } from './adagrad';
export { Adadelta, type AdadeltaConfig, type AdadeltaOptions, type AdadeltaState } from './adadelta';
export { Adamax, type AdamaxConfig, type AdamaxOptions, type AdamaxState } from './adamax';
export { Nadam, type NadamConfig, type NadamOptions } from './nadam';
export { Lion, type LionConfig, type LionOptions } from './lion';
export { Lamb, type LambConfig, type LambOptions, type LambState } from './lamb';
export { Ftrl, type FtrlConfig, type FtrlOptions, type FtrlState } from './ftrl';
export { Adafactor, type AdafactorConfig, type AdafactorOptions, type AdafactorState } from './adafactor';
export { Muon, type MuonConfig, type MuonOptions, type MuonState } from './muon';
export { LossScaleOptimizer, type LossScaleOptimizerConfig, type LossScaleOptimizerOptions } from './loss-scale-optimizer';
export * from './schedules';

/**
 * The built-in optimizer names: each class name and Keras's lower-case alias. The spec
 * `spec/lib/registry-names.spec.ts` checks this list equals what {@link optimizers} registers.
 */
export const OPTIMIZER_NAMES = [
  'SGD', 'sgd', 'Adam', 'adam', 'AdamW', 'adamw', 'RMSprop', 'rmsprop', 'Adagrad', 'adagrad', 'Adadelta', 'adadelta',
  'Adamax', 'adamax', 'Nadam', 'nadam', 'Lion', 'lion', 'Lamb', 'lamb', 'Ftrl', 'ftrl', 'Adafactor', 'adafactor', 'Muon', 'muon',
  'LossScaleOptimizer', 'loss_scale_optimizer',
] as const;

/** A built-in optimizer name (`'adam'`, `'SGD'`, …); see {@link OPTIMIZER_NAMES}. */
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/**
 * An optimizer as `compile` takes it: an instance, or a name (a built-in {@link OptimizerName},
 * which editors complete, or any name registered in {@link optimizers}).
 */
export type OptimizerIdentifier = Optimizer | NameOr<OptimizerName>;

/** The optimizer registry: class names and Keras's lower-case aliases to constructors. */
export const optimizers = new Registry<Optimizer>('optimizer');

optimizers.register(SGD.className, (c) => new SGD(c as SGDOptions), ['sgd']);
optimizers.register(Adam.className, (c) => new Adam(c as AdamOptions), ['adam']);
optimizers.register(AdamW.className, (c) => new AdamW(c as AdamWOptions), ['adamw']);
optimizers.register(RMSprop.className, (c) => new RMSprop(c as RMSpropOptions), ['rmsprop']);
optimizers.register(Adagrad.className, (c) => new Adagrad(c as AdagradOptions), ['adagrad']);
optimizers.register(Adadelta.className, (c) => new Adadelta(c as AdadeltaOptions), ['adadelta']);
optimizers.register(Adamax.className, (c) => new Adamax(c as AdamaxOptions), ['adamax']);
optimizers.register(Nadam.className, (c) => new Nadam(c as NadamOptions), ['nadam']);
optimizers.register(Lion.className, (c) => new Lion(c as LionOptions), ['lion']);
optimizers.register(Lamb.className, (c) => new Lamb(c as LambOptions), ['lamb']);
optimizers.register(Ftrl.className, (c) => new Ftrl(c as FtrlOptions), ['ftrl']);
optimizers.register(Adafactor.className, (c) => new Adafactor(c as AdafactorOptions), ['adafactor']);
optimizers.register(Muon.className, (c) => new Muon(c as MuonOptions), ['muon']);
// The inner optimizer may come as a saved `{ className, config }` (a loaded config).
optimizers.register(LossScaleOptimizer.className, (c) => new LossScaleOptimizer(withInnerOptimizer(c)), ['loss_scale_optimizer']);

/** LossScaleOptimizer's options with a saved `innerOptimizer` `{ className, config }` built through the registry. */
function withInnerOptimizer(config: unknown): LossScaleOptimizerOptions {
  if (config === null || typeof config !== 'object') return config as LossScaleOptimizerOptions;
  const inner = (config as { innerOptimizer?: unknown }).innerOptimizer;
  if (isInstance(inner, Optimizer) || inner === null || typeof inner !== 'object' || typeof (inner as { className?: unknown }).className !== 'string') {
    return config as LossScaleOptimizerOptions;
  }
  const saved = inner as { className: string; config?: object };
  return { ...(config as LossScaleOptimizerOptions), innerOptimizer: optimizers.create(saved.className, saved.config ?? {}) };
}

/**
 * Resolves what `compile({ optimizer })` accepts: a name or alias (`'adam'`, `'RMSprop'`) gives a
 * new instance with Keras's defaults; an {@link Optimizer} is returned as is.
 * @throws ConfigError for an unknown name or anything else, listing the valid names.
 * @example
 * ```ts
 * getOptimizer('adam');                          // new Adam()
 * getOptimizer(new SGD({ learningRate: 0.1 }));  // the same instance
 * ```
 */
export function getOptimizer(nameOrInstance: OptimizerIdentifier): Optimizer {
  if (isInstance(nameOrInstance, Optimizer)) return nameOrInstance;
  if (typeof nameOrInstance === 'string') return optimizers.create(nameOrInstance);
  const valid = optimizers.names().map((n) => `'${n}'`).join(', ');
  throw new ConfigError(`getOptimizer: expected an optimizer name or an Optimizer instance, got ${describeValue(nameOrInstance)}. Valid optimizer names: ${valid}`);
}
