/**
 * The guard of the few features that need Node.js (files on disk): they throw a clear
 * {@link ConfigError} in a browser instead of failing inside a missing `fs`.
 */
import { ConfigError } from './errors';

/** True when running under Node.js (`process.versions.node` is set); false in a browser or a worker. */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions === 'object' && process.versions !== null &&
    typeof process.versions.node === 'string';
}

/**
 * The error a Node-only feature throws elsewhere: `"<feature> is only available in Node; <hint>"`.
 *
 * @param feature - what needs Node, e.g. `'CSVLogger'`.
 * @param hint - what to use in a browser instead.
 */
export function nodeOnlyError(feature: string, hint: string): ConfigError {
  return new ConfigError(`${feature} is only available in Node; ${hint}`);
}

/**
 * Throws {@link nodeOnlyError} unless running under Node.js.
 *
 * @throws ConfigError outside Node.
 * @example
 * ```ts
 * assertNode('CSVLogger', 'in a browser, collect the rows with a LambdaCallback');
 * ```
 */
export function assertNode(feature: string, hint: string): void {
  if (!isNode()) throw nodeOnlyError(feature, hint);
}
