/** {@link formatFilepath}: fills `{epoch}`-style placeholders in a checkpoint path. */
import { ConfigError } from '../errors';
import type { Logs } from './callback';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}/g;

function formatNumber(owner: string, key: string, value: number, spec: string | undefined): string {
  if (spec === undefined || spec === '') return String(value);
  const integer = /^(0?)(\d*)d$/.exec(spec);
  if (integer) {
    const text = String(math.trunc(value));
    return integer[1] ? text.padStart(Number(integer[2] || 0), '0') : text.padStart(Number(integer[2] || 0), ' ');
  }
  const fixed = /^\.(\d+)([fe])$/.exec(spec);
  if (fixed) return fixed[2] === 'f' ? value.toFixed(Number(fixed[1])) : value.toExponential(Number(fixed[1]));
  throw new ConfigError(`${owner}: unsupported format '{${key}:${spec}}' in filepath: expected d, 02d, .4f or .2e`);
}

/**
 * Replaces each `{name}` or `{name:spec}` in `template`, as Keras does with Python's
 * `str.format`: `epoch` is the epoch number from 1 (`epoch + 1`, as Keras), any other name is a
 * logged value. Specs: `d` and `02d` (integers, zero-padded to a width), `.4f` (fixed decimals),
 * `.2e` (exponent).
 *
 * @throws ConfigError naming the placeholder when it is not `epoch` or a logged name, or its spec is unsupported.
 * @example
 * ```ts
 * formatFilepath('ModelCheckpoint', 'ckpt/model-{epoch:02d}-{val_loss:.2f}.json', 4, { val_loss: 0.123 });
 * // 'ckpt/model-05-0.12.json'
 * ```
 */
export function formatFilepath(owner: string, template: string, epoch: number, logs: Logs): string {
  return template.replace(PLACEHOLDER, (_match, key: string, spec: string | undefined) => {
    const value = key === 'epoch' ? epoch + 1 : logs[key];
    if (typeof value !== 'number') {
      const names = ['epoch', ...Object.keys(logs)].map((n) => `'${n}'`).join(', ');
      throw new ConfigError(`${owner}: filepath placeholder '{${key}}' is not logged: expected one of [${names}], got '${key}'`);
    }
    return formatNumber(owner, key, value, spec);
  });
}
