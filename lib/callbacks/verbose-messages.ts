/**
 * The `verbose` and `stream` options that {@link EarlyStopping} and {@link ReduceLROnPlateau}
 * share: with `verbose: 1` they print Keras's one-line messages when they act.
 */
import { ConfigError } from '../errors';
import { formatValue, isRevokedProxy } from '../safe-format';
import type { MessageStream } from './terminate-on-nan';

/** Options of a callback that says what it did. */
export interface VerboseOptions {
  /** `1` prints a line when the callback acts (Keras's messages), `0` stays quiet. @defaultValue 0 */
  verbose?: 0 | 1;
  /** Where the lines go. @defaultValue process.stdout (nothing in a browser) */
  stream?: MessageStream;
}

/** The option keys of {@link VerboseOptions}. */
export const VERBOSE_OPTION_KEYS: readonly string[] = ['verbose', 'stream'];

/**
 * A function that writes one line to the stream when `verbose` is 1, and does nothing when it is 0.
 * @throws ConfigError when `verbose` is not 0 or 1, or `stream` has no `write` method.
 */
export function messageWriter(owner: string, options: VerboseOptions): (line: string) => void {
  const verbose = options.verbose ?? 0;
  if (verbose !== 0 && verbose !== 1) throw new ConfigError(`${owner}: verbose must be 0 or 1, got ${formatValue(verbose)}`);
  const stream = options.stream ?? (typeof process !== 'undefined' && process.stdout ? process.stdout : null);
  if (stream !== null && (isRevokedProxy(stream) || typeof (stream as { write?: unknown } | undefined)?.write !== 'function')) {
    throw new ConfigError(`${owner}: stream must have a write(text) method`);
  }
  return verbose === 0 || stream === null ? () => undefined : (line) => void stream.write(`${line}\n`);
}
