/**
 * The thread-pool check that threads.js runs on the page's thread and threads-worker.js in a
 * dedicated Web Worker: one 512 × 512 × 512 float32 product (134 million multiply-adds, far
 * above the 8.4 million from which `'auto'` uses every core) on one thread, then on two and on
 * `'auto'`, compared bit for bit.
 *
 * It imports `./kernels.js`, a bundle of lib/kernels/index.ts that scripts/browser-smoke.mjs
 * builds for this check, because `matmul`, `kernelZeros` and `threadsUsedByLastMatmul` are
 * kernel-level API, not part of the public entry point that layerwise.js bundles.
 */
import { kernelZeros, matmul, setKernelThreads, threadsUsedByLastMatmul } from './kernels.js';

const SIZE = 512;
/**
 * How long to keep retrying until a worker takes part: a Web Worker starts only once this
 * thread returns to its event loop, and a product in which the workers were slow to wake, or
 * one just after such a product under 'auto', runs on this thread alone.
 */
const WAIT_MS = 3000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A kernel tensor filled with seeded values in [-1, 1) (a 32-bit LCG). */
function filled(seed) {
  const t = kernelZeros([SIZE, SIZE]);
  let s = seed >>> 0;
  for (let i = 0; i < t.data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    t.data[i] = s / 2 ** 31 - 1;
  }
  return t;
}

/** The float32 bits of a tensor's values, copied. */
const bitsOf = (t) => new Uint32Array(Float32Array.from(t.data).buffer);

function sameBits(x, y) {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/**
 * Runs `out = a · b` under `setKernelThreads(setting)` until at least `want` threads took part
 * or WAIT_MS passed, yielding to the event loop between tries; returns the threads used by the
 * last try, the tries, the milliseconds waited, and whether its bits equal `reference`.
 */
async function productOn(setting, want, out, a, b, reference) {
  setKernelThreads(setting);
  const start = performance.now();
  let tries = 0;
  let used = 0;
  for (;;) {
    out.data.fill(Number.NaN);
    matmul(out, a, b);
    tries++;
    used = threadsUsedByLastMatmul();
    if (used >= want || performance.now() - start > WAIT_MS) break;
    await sleep(20);
  }
  return { used, tries, waitedMs: Math.round(performance.now() - start), isIdentical: reference === null || sameBits(bitsOf(out), reference) };
}

/**
 * The check, where it runs: `crossOriginIsolated`, `navigator.hardwareConcurrency`, and for one
 * thread, two and 'auto' the threads used and whether the result matched one thread's bit for
 * bit. Ends the pool's workers at the end (`setKernelThreads(1)`).
 */
export async function checkThreads() {
  const a = filled(1);
  const b = filled(2);
  const out = kernelZeros([SIZE, SIZE]);
  const one = await productOn(1, 1, out, a, b, null);
  const reference = bitsOf(out);
  const two = await productOn(2, 2, out, a, b, reference);
  const auto = await productOn('auto', 2, out, a, b, reference);
  setKernelThreads(1);
  return {
    isIsolated: globalThis.crossOriginIsolated === true,
    cores: navigator.hardwareConcurrency,
    one, two, auto,
    isFinite: reference.every((bits) => (bits & 0x7f800000) !== 0x7f800000),
  };
}
