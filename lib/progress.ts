/**
 * The progress display of `fit` (Keras's ProgbarLogger): a live bar per epoch in a terminal,
 * one line per epoch otherwise.
 */
import type { SingleBar } from 'cli-progress';
import type { Callback, CallbackModel, Logs, TrainingParams } from './callbacks';
import { asciiLossChart } from './plots/ascii-loss-chart';
import { formatString, isReadableObject, kindOf, optionsObject } from './checks';
import { ConfigError, DataError } from './errors';

/**
 * The cli-progress package, loaded on the first live bar: a process that never draws one (no
 * terminal, `verbose` 0 or 2) is spared its 16 modules and about 5 MiB of resident memory.
 */
function cliProgress(): typeof import('cli-progress') {
  return require('cli-progress') as typeof import('cli-progress');
}

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Where progress is written: a Node stream (`process.stdout`) or anything with `write`. */
export interface ProgressStream {
  /** Writes `text` as is. */
  write(text: string): unknown;
  /** True for an interactive terminal, where the live bar is drawn. */
  isTTY?: boolean;
  columns?: number;
}

/**
 * Formats logs as Keras does: `loss: 0.1234 - accuracy: 0.9500`, and `loss: 4.805e+46` for values
 * of a million or more or below 0.001. A value that is not a number
 * (a callback may log anything) is printed as `String(value)` would print it.
 * @throws DataError when `logs` is not an object.
 */
export function formatLogs(logs: Logs): string {
  if (!isReadableObject(logs)) throw new DataError(`formatLogs: logs must be an object, got ${kindOf(logs)}`);
  return Object.entries(logs)
    .filter(([key]) => key !== 'size' && key !== 'batch')
    .map(([key, value]) => `${key}: ${formatNumber(value)}`)
    .join(' - ');
}

function formatNumber(value: unknown): string {
  if (typeof value !== 'number') return formatString(value);
  // Four decimals, as Keras prints; four significant digits for the tiny and the huge (a diverging loss: 4.805e+46).
  const magnitude = math.abs(value);
  return value === 0 || (magnitude >= 1e-3 && magnitude < 1e6) ? value.toFixed(4) : value.toExponential(3);
}

function formatSeconds(seconds: number): string {
  return seconds >= 60 ? `${math.floor(seconds / 60)}m${math.round(seconds % 60)}s` : `${seconds.toFixed(1)}s`;
}

/** The time per step as Keras prints it: `2s/step`, `38ms/step`, `532us/step`. */
function formatPerStep(seconds: number): string {
  if (seconds >= 1) return `${math.round(seconds)}s/step`;
  if (seconds >= 1e-3) return `${math.round(seconds * 1e3)}ms/step`;
  return `${math.round(seconds * 1e6)}us/step`;
}

/** The width of the live bar, in characters. */
const BAR_SIZE = 24;

/** Options of {@link ProgressLogger}. */
export interface ProgressLoggerOptions {
  /** At the end of a `verbose: 1` fit of two or more epochs on a terminal, draw a small text chart of the loss. @defaultValue true */
  lossChart?: boolean;
}

/**
 * Shows training progress. With `verbose: 1` on a terminal, a live bar per epoch with the
 * running loss and metrics and the time left (cut at the terminal's width), replaced when the
 * epoch ends by its whole line, however long, with the validation logs:
 * `Epoch 3/10 [========================] 32/32 - 1.2s 38ms/step - loss: 0.3012 - val_loss: 0.3311`;
 * and at the end a small text chart of the loss
 * per epoch (see {@link asciiLossChart}); with `verbose: 2`, or when the stream is not a
 * terminal (CI logs), one line per epoch: `Epoch 3/10 - 1.2s - loss: 0.3012 - accuracy: 0.9100`.
 */
export class ProgressLogger implements Callback {
  private params: TrainingParams | null = null;
  private bar: SingleBar | null = null;
  private epochStart = 0;
  private running: Record<string, number> = {};
  private seen = 0;
  private readonly losses: number[] = [];
  private readonly valLosses: number[] = [];
  private readonly hasLossChart: boolean;

  /**
   * @param stream - where to write; default `process.stdout` in Node, `console.log` lines elsewhere.
   * @param options - see {@link ProgressLoggerOptions}.
   * @throws ConfigError when `stream` has no `write` method or `options` is not an object.
   */
  constructor(private readonly stream: ProgressStream = defaultStream(), options: ProgressLoggerOptions = {}) {
    if (!isReadableObject(stream) || typeof stream.write !== 'function') {
      throw new ConfigError(`ProgressLogger: the stream must have a write(text) method, got ${kindOf(stream)}`);
    }
    this.hasLossChart = optionsObject(options, 'ProgressLogger').lossChart ?? true;
  }

  setModel(_model: CallbackModel, params: TrainingParams): void {
    this.params = params;
  }

  /** Starts the epoch's clock and, in a terminal with `verbose: 1`, its progress bar. */
  onEpochBegin(epoch: number): void {
    const params = this.params as TrainingParams;
    this.epochStart = performanceNow();
    this.running = {};
    this.seen = 0;
    if (params.verbose === 1 && this.stream.isTTY) {
      this.bar = new (cliProgress().SingleBar)({
        format: `Epoch ${epoch + 1}/${params.epochs} [{bar}] {value}/{total} - ETA {eta_formatted} - {logs}`,
        barsize: BAR_SIZE,
        hideCursor: false,
        stream: this.stream as NodeJS.WritableStream,
        noTTYOutput: false,
        // The live line is cut at the terminal's width; onEpochEnd replaces it with the whole line.
        clearOnComplete: true,
        etaBuffer: 20,
      });
      this.bar.start(params.steps, 0, { logs: '' });
    }
  }

  onBatchEnd(_batch: number, logs: Logs = {}): void {
    const size = logs.size ?? 1;
    for (const [key, value] of Object.entries(logs)) {
      if (key === 'size' || key === 'batch') continue;
      this.running[key] = (this.running[key] ?? 0) + value * size;
    }
    this.seen += size;
    if (this.bar) {
      const means: Logs = {};
      for (const [key, total] of Object.entries(this.running)) means[key] = total / this.seen;
      this.bar.increment(1, { logs: formatLogs(means) });
    }
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    const params = this.params as TrainingParams;
    if (logs.loss !== undefined) this.losses.push(logs.loss);
    if (logs.val_loss !== undefined) this.valLosses.push(logs.val_loss);
    const elapsed = (performanceNow() - this.epochStart) / 1000;
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
      const text = formatLogs(logs);
      const steps = params.steps;
      const perStep = steps > 0 ? ` ${formatPerStep(elapsed / steps)}` : '';
      this.stream.write(`Epoch ${epoch + 1}/${params.epochs} [${'='.repeat(BAR_SIZE)}] ${steps}/${steps} - ${formatSeconds(elapsed)}${perStep}${text ? ` - ${text}` : ''}\n`);
      return;
    }
    if (params.verbose >= 1) {
      this.stream.write(`Epoch ${epoch + 1}/${params.epochs} - ${formatSeconds(elapsed)} - ${formatLogs(logs)}\n`);
    }
  }

  /** Draws the loss chart, when asked for and on a terminal with `verbose: 1`. */
  onTrainEnd(): void {
    if (!this.hasLossChart || this.params?.verbose !== 1 || !this.stream.isTTY) return;
    const chart = asciiLossChart(this.losses, this.valLosses.length > 0 ? this.valLosses : null, this.stream.columns ?? 80);
    if (chart) this.stream.write(chart);
  }
}

function performanceNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function defaultStream(): ProgressStream {
  if (typeof process !== 'undefined' && process.stdout && typeof process.stdout.write === 'function') return process.stdout;
  // eslint-disable-next-line no-console
  return { write: (text: string) => console.log(text.replace(/\n$/, '')) };
}
