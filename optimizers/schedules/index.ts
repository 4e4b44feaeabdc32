/**
 * Learning-rate schedules: the classes, the `schedules` registry and {@link getSchedule}, which
 * turns a saved `{ className, config }` back into a schedule.
 */
import { isInstance, isReadableObject } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import { Registry } from '../../lib/registry';
import { describeValue } from '../check-options';
import { CosineDecay, type CosineDecayOptions } from './cosine-decay';
import { CosineDecayRestarts, type CosineDecayRestartsOptions } from './cosine-decay-restarts';
import { ExponentialDecay, type ExponentialDecayOptions } from './exponential-decay';
import { InverseTimeDecay, type InverseTimeDecayOptions } from './inverse-time-decay';
import { LearningRateSchedule, type SerializedSchedule } from './learning-rate-schedule';
import { PiecewiseConstantDecay, type PiecewiseConstantDecayOptions } from './piecewise-constant-decay';
import { PolynomialDecay, type PolynomialDecayOptions } from './polynomial-decay';

export { LearningRateSchedule, type ScheduleConfig, type SerializedSchedule } from './learning-rate-schedule';
export type { PeriodicDecayOptions } from './periodic-decay';
export { ExponentialDecay, type ExponentialDecayOptions } from './exponential-decay';
export { PiecewiseConstantDecay, type PiecewiseConstantDecayOptions } from './piecewise-constant-decay';
export { PolynomialDecay, type PolynomialDecayOptions } from './polynomial-decay';
export { InverseTimeDecay, type InverseTimeDecayOptions } from './inverse-time-decay';
export { CosineDecay, type CosineDecayOptions } from './cosine-decay';
export { CosineDecayRestarts, type CosineDecayRestartsOptions } from './cosine-decay-restarts';

/** The schedule registry: class names (case- and underscore-insensitive) to constructors. */
export const schedules = new Registry<LearningRateSchedule>('learning rate schedule');

schedules.register(ExponentialDecay.className, (c) => new ExponentialDecay((c ?? {}) as ExponentialDecayOptions));
schedules.register(PiecewiseConstantDecay.className, (c) => new PiecewiseConstantDecay((c ?? {}) as PiecewiseConstantDecayOptions));
schedules.register(PolynomialDecay.className, (c) => new PolynomialDecay((c ?? {}) as PolynomialDecayOptions));
schedules.register(InverseTimeDecay.className, (c) => new InverseTimeDecay((c ?? {}) as InverseTimeDecayOptions));
schedules.register(CosineDecay.className, (c) => new CosineDecay((c ?? {}) as CosineDecayOptions));
schedules.register(CosineDecayRestarts.className, (c) => new CosineDecayRestarts((c ?? {}) as CosineDecayRestartsOptions));

/** True when `value` has the shape of a saved schedule, `{ className: string, config: object }`. */
export function isSerializedSchedule(value: unknown): value is SerializedSchedule {
  if (!isReadableObject(value)) return false;
  const v = value as Partial<SerializedSchedule>;
  return typeof v.className === 'string' && typeof v.config === 'object' && v.config !== null;
}

/**
 * A schedule from an instance (returned as is) or its saved form `{ className, config }`.
 * @throws ConfigError for an unknown class name (listing the valid ones) or anything else.
 */
export function getSchedule(identifier: LearningRateSchedule | SerializedSchedule): LearningRateSchedule {
  if (isInstance(identifier, LearningRateSchedule)) return identifier;
  if (isSerializedSchedule(identifier)) return schedules.create(identifier.className, identifier.config);
  throw new ConfigError(`getSchedule: expected a LearningRateSchedule or { className, config }, got ${describeValue(identifier)}. Valid learning rate schedule names: ${schedules.names().map((n) => `'${n}'`).join(', ')}`);
}
