/** {@link TerminateOnNaN}: stop training as soon as the loss is NaN or infinite. */
import { ConfigError } from '../errors';
import type { Callback, CallbackModel, Logs, TrainingParams } from './callback';
import { GradientMonitor } from './gradient-monitor';
import { classOptionKeys, isRevokedProxy, optionsObject } from '../checks';

/** Where {@link TerminateOnNaN} writes its message: a Node stream or anything with `write`. */
export interface MessageStream {
  /** Writes `text` as is (it ends with a newline). */
  write(text: string): unknown;
}

/** Options of {@link TerminateOnNaN}. */
export interface TerminateOnNaNOptions {
  /** Where to write the message when training stops; `null` for nowhere. @defaultValue process.stderr */
  stream?: MessageStream | null;
}

/**
 * Sets the model's `stopTraining` after the first batch whose loss is NaN or ±Infinity
 * (Keras's `TerminateOnNaN`), and says so in {@link TerminateOnNaN.message} and on `stream`.
 * When a {@link GradientMonitor} observes the same fit, the message also says where the first
 * non-finite value appeared: the layer, and whether in its forward output, a backward gradient,
 * the loss, or a weight after the update, e.g.
 * `Batch 3 (epoch 0): invalid loss NaN, terminating training. First non-finite value: Dense 'dense_2' (layer 1): forward output output [32, 1] holds Infinity at [0, 0] (epoch 0, batch 3, step 3)`.
 *
 * @example
 * ```ts
 * await model.fit(x, y, { callbacks: [new GradientMonitor(), new TerminateOnNaN()] });
 * ```
 */
export class TerminateOnNaN implements Callback {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['stream'];

  /** Why training stopped, or `null` while it has not. */
  message: string | null = null;

  private readonly stream: MessageStream | null;
  private model: CallbackModel | null = null;
  private epoch = 0;

  constructor(options: TerminateOnNaNOptions = {}) {
    options = optionsObject(options, 'TerminateOnNaN', classOptionKeys(new.target));
    const stream = options.stream === undefined ? defaultStream() : options.stream;
    if (stream !== null && (isRevokedProxy(stream) || typeof stream?.write !== 'function')) {
      throw new ConfigError('TerminateOnNaN: stream must have a write(text) method, or be null');
    }
    this.stream = stream;
  }

  setModel(model: CallbackModel, _params: TrainingParams): void {
    this.model = model;
  }

  /** Forgets the message of an earlier fit. */
  onTrainBegin(): void {
    this.message = null;
  }

  /** Remembers the epoch, for the message. */
  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  onBatchEnd(batch: number, logs?: Logs): void {
    const loss = logs?.loss;
    if (loss === undefined || Number.isFinite(loss) || !this.model) return;
    const observer = this.model.trainObserver;
    const report = observer instanceof GradientMonitor ? observer.nonFinite : null;
    this.message = `Batch ${batch} (epoch ${this.epoch}): invalid loss ${loss}, terminating training` +
      (report ? `. First non-finite value: ${report.message}` : '');
    this.model.stopTraining = true;
    this.stream?.write(`${this.message}\n`);
  }
}

function defaultStream(): MessageStream | null {
  return typeof process !== 'undefined' && process.stderr ? process.stderr : null;
}
