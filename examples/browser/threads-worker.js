/**
 * threads-check.js inside a dedicated Web Worker, where `Atomics.wait` is allowed: the pool's
 * workers are then nested workers. Posts the result, or `{ error }`.
 */
import { checkThreads } from './threads-check.js';

checkThreads().then(
  (result) => postMessage(result),
  (error) => postMessage({ error: String(error && error.stack ? error.stack : error) }),
);
