/**
 * What EarlyStopping, ModelCheckpoint and ReduceLROnPlateau share: the logged value they watch
 * (`monitor`), whether smaller or larger is better (`mode`), and their option checks.
 */
import { ConfigError } from '../errors';
import { describeValue } from '../../optimizers/check-options';
import type { Logs, TrainingParams } from './callback';

/** Which way a monitored value improves: `'min'` (losses, errors), `'max'` (accuracy, AUC), or `'auto'` from its name. */
export type MonitorMode = 'auto' | 'min' | 'max';

/** Names (without `val_`) of quantities that grow as a model improves; everything else is minimised. */
const GROWING = /acc|auc|precision|recall|f1|fmeasure|r2/i;

/**
 * The direction `mode` gives for `monitor`: `'auto'` picks `'max'` when the name, without its
 * `val_` prefix, mentions accuracy, AUC, precision, recall, F1 or R² (`val_accuracy`,
 * `topKCategoricalAccuracy`, `auc`, `r2Score`), else `'min'` (`val_loss`, `mse`, `mae`).
 * @throws ConfigError for a mode other than `'auto'`, `'min'` or `'max'`.
 */
export function resolveMode(owner: string, monitor: string, mode: unknown): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto') throw new ConfigError(`${owner}: mode must be 'auto', 'min' or 'max', got ${describeValue(mode)}`);
  return GROWING.test(monitor.replace(/^val_/, '')) ? 'max' : 'min';
}

/**
 * `monitor` when it is a non-empty string.
 * @throws ConfigError otherwise.
 */
export function checkMonitorName(owner: string, monitor: unknown): string {
  if (typeof monitor !== 'string' || monitor.length === 0) {
    throw new ConfigError(`${owner}: monitor must be a logged name such as 'val_loss', got ${describeValue(monitor)}`);
  }
  return monitor;
}

function missing(owner: string, monitor: string, available: readonly string[]): ConfigError {
  const hint = monitor.startsWith('val_') ? ' (pass validationData or validationSplit to fit?)' : '';
  const names = available.map((n) => `'${n}'`).join(', ');
  return new ConfigError(`${owner}: monitor '${monitor}' is not logged: expected one of [${names}], got '${monitor}'${hint}`);
}

/**
 * Checks before training that the epoch logs will hold `monitor`, so a misspelt name or a
 * missing validation set fails at once rather than silently never triggering.
 * @throws ConfigError naming the logged names.
 */
export function checkMonitorLogged(owner: string, monitor: string, params: TrainingParams): void {
  if (!params.metrics.includes(monitor)) throw missing(owner, monitor, params.metrics);
}

/**
 * `logs[monitor]`.
 * @throws ConfigError naming the logged names when it is absent.
 */
export function readMonitored(owner: string, monitor: string, logs: Logs | undefined): number {
  const value = logs?.[monitor];
  if (typeof value !== 'number') throw missing(owner, monitor, Object.keys(logs ?? {}));
  return value;
}

/**
 * `value` when it is an integer `>= 0`.
 * @throws ConfigError `"<owner>: <name> must be an integer >= 0, got 1.5"`.
 */
export function checkNonNegativeInteger(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${owner}: ${name} must be an integer >= 0, got ${describeValue(value)}`);
  }
  return value;
}
