/** {@link CSVLogger}: write each epoch's logs as a row of a CSV file. */
import { classOptionKeys, formatString, optionsObject } from '../checks';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'fs';
import { ConfigError } from '../errors';
import { assertNode } from '../node-only';
import { checkBoolean, describeValue } from '../../optimizers/check-options';
import type { Callback, Logs } from './callback';

/** Options of {@link CSVLogger}, with Keras's names and defaults. */
export interface CSVLoggerOptions {
  /** The file to write (Node only). */
  filename: string;
  /** The field separator. @defaultValue ',' */
  separator?: string;
  /** Add to an existing file instead of overwriting it (the header is written only into an empty file). @defaultValue false */
  append?: boolean;
}

/**
 * Writes one CSV row per epoch: `epoch` (from 0) and then every logged value, the names sorted
 * as Keras sorts them (`epoch,accuracy,loss,val_accuracy,val_loss`); a name missing from an
 * epoch's logs is written `NA`. The header comes from the first epoch. Each row is written
 * (synchronously) as soon as the epoch ends, so a crash loses nothing.
 *
 * @throws ConfigError for an empty filename or separator, or outside Node (it writes a file).
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 20, callbacks: [new CSVLogger({ filename: 'training.csv' })] });
 * ```
 */
export class CSVLogger implements Callback {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['filename', 'separator', 'append'];

  /** The file written. */
  readonly filename: string;
  /** The field separator. */
  readonly separator: string;
  /** Whether rows are added to an existing file. */
  readonly append: boolean;

  private keys: string[] | null = null;
  private writeHeader = true;

  constructor(options: CSVLoggerOptions) {
    assertNode('CSVLogger', 'in a browser, collect the logs with a LambdaCallback or read model.fit(...).history');
    const { filename, separator = ',', append = false } = optionsObject(options ?? undefined, 'CSVLogger', classOptionKeys(new.target)); // null: no options
    if (typeof filename !== 'string' || filename.length === 0) {
      throw new ConfigError(`CSVLogger: filename must be a non-empty string, got ${describeValue(filename)}`);
    }
    if (typeof separator !== 'string' || separator.length === 0) {
      throw new ConfigError(`CSVLogger: separator must be a non-empty string, got ${describeValue(separator)}`);
    }
    this.filename = filename;
    this.separator = separator;
    this.append = checkBoolean('CSVLogger', 'append', append);
  }

  /** Creates (or, without `append`, empties) the file. */
  onTrainBegin(): void {
    this.keys = null;
    if (this.append && existsSync(this.filename)) {
      this.writeHeader = readFileSync(this.filename, 'utf8').length === 0;
    } else {
      this.writeHeader = true;
      writeFileSync(this.filename, '');
    }
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      if (this.writeHeader) appendFileSync(this.filename, `${['epoch', ...this.keys].join(this.separator)}\n`);
    }
    const row = [String(epoch), ...this.keys.map((key) => (key in logs ? formatString(logs[key]) : 'NA'))];
    appendFileSync(this.filename, `${row.join(this.separator)}\n`);
  }
}
