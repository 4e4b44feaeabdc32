/**
 * The thread-pool part of the browser check (scripts/browser-smoke.mjs): examples/browser/threads.html
 * on a cross-origin isolated origin, under a CSP that allows `blob:` workers, under one that
 * refuses them, and without isolation; and the kernel workers' lifetime (terminated by
 * `setKernelThreads(1)`, ended by themselves once idle, restarted on demand).
 *
 * threads.html imports kernels.js, a bundle of lib/kernels/index.ts built here into
 * dist/browser-test/: `matmul`, `kernelZeros` and the diagnostic `threadsUsedByLastMatmul` are
 * kernel-level API, not part of the public bundle layerwise.js.
 */
import { relative, resolve } from 'node:path';
import { build } from 'esbuild';

/** Where kernels.js is built (the server serves `<prefix>kernels.js` from here). */
export const KERNELS_OUTDIR = 'dist/browser-test';
/** How long a terminated kernel worker may take to go: Chromium forcibly ends a busy worker after 2 s. */
const TERMINATE_MS = 3000;

/** Bundles lib/kernels/index.ts as dist/browser-test/kernels.js (+ .map) for threads.html. */
export async function buildKernelsBundle(root) {
  await build({
    entryPoints: [resolve(root, 'lib/kernels/index.ts')],
    outfile: resolve(root, KERNELS_OUTDIR, 'kernels.js'),
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', sourcemap: true, logLevel: 'warning',
  });
}

/** What the thread-pool page showed (run in the page): `result` is `{ page, worker }`, or null. */
function readThreads() {
  const result = document.body.dataset.result;
  return { status: document.body.dataset.status, error: document.getElementById('error').textContent, result: result ? JSON.parse(result) : null };
}

/** One line per place the check ran: threads used at 1, 2 and 'auto', and the bits. */
function describeThreads(label, shown) {
  console.log(`${label}: status ${shown.status}${shown.error ? `; error: ${shown.error.split('\n')[0]}` : ''}`);
  for (const [where, r] of Object.entries(shown.result ?? {})) {
    const tries = (run) => `${run.used} (${run.tries} ${run.tries === 1 ? 'try' : 'tries'}, ${run.waitedMs} ms)`;
    console.log(`  ${where === 'page' ? "page's thread" : 'dedicated worker'}: crossOriginIsolated ${r.isIsolated}, ${r.cores} cores; ` +
      `threads used at 1: ${r.one.used}, at 2: ${tries(r.two)}, at 'auto': ${tries(r.auto)}; ` +
      `same bits as 1 thread: ${r.two.isIdentical && r.auto.isIdentical}`);
  }
}

/** True when the check finished on the page and in its worker with no uncaught error. */
const threadsFinished = (shown) => shown.status === 'done' && shown.pageErrors.length === 0 && shown.result !== null;

/** True when every product of the check ran on one thread and matched. */
const allOneThread = (shown) => threadsFinished(shown) && Object.values(shown.result).every((r) =>
  r.one.used === 1 && r.two.used === 1 && r.auto.used === 1 && r.two.isIdentical && r.auto.isIdentical && r.isFinite);

/** Resolves to the milliseconds until `predicate()` held, polling every 50 ms, or to null after `ms`. */
async function until(predicate, ms) {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) return null;
    await new Promise((done) => setTimeout(done, 50));
  }
  return Date.now() - start;
}

/** The page's kernel workers: its Web Workers started from a Blob URL. */
const kernelWorkers = (page) => page.workers().filter((worker) => worker.url().startsWith('blob:')).length;

/**
 * Runs 512×512×512 products on 2 threads through the page's own kernels.js until a worker
 * takes part (at most 3 s), then sets `threadsAfter` threads (1 ends the pool); resolves to the
 * threads the last product used.
 */
const productOnTwoThreads = (page, threadsAfter) => page.evaluate(async (after) => {
  const k = await import(new URL('kernels.js', location.href).href);
  const [a, b, out] = [0, 1, 2].map(() => k.kernelZeros([512, 512]));
  a.data.fill(1);
  b.data.fill(1);
  k.setKernelThreads(2);
  const start = performance.now();
  do {
    k.matmul(out, a, b);
    if (k.threadsUsedByLastMatmul() === 2) break;
    await new Promise((done) => setTimeout(done, 20));
  } while (performance.now() - start < 3000);
  const used = k.threadsUsedByLastMatmul();
  k.setKernelThreads(after);
  return used;
}, threadsAfter);

/**
 * The kernel workers' lifetime on the isolated thread page, in milliseconds (null: not within
 * the deadline): none left soon after its check (`setKernelThreads(1)` terminated them; Chromium
 * ends a worker that is inside a task, as a kernel worker always is, about 2 s after
 * `terminate()`, well before the 5 s idle exit); one started by a 2-thread product that ends
 * itself once idle for 5 s (`runKernelWorker` returns, then `close()`); one restarted by the
 * next 2-thread product, and terminated again by `setKernelThreads(1)`.
 */
async function workerLifetime(page) {
  const stoppedAfterCheckMs = await until(() => kernelWorkers(page) === 0, TERMINATE_MS);
  const usedBeforeIdle = await productOnTwoThreads(page, 2);
  const workersWhileIdle = kernelWorkers(page);
  const idleExitMs = await until(() => kernelWorkers(page) === 0, 10_000);
  const usedAfterRestart = await productOnTwoThreads(page, 1);
  const stoppedAtEndMs = await until(() => kernelWorkers(page) === 0, TERMINATE_MS);
  return { lifetime: { stoppedAfterCheckMs, usedBeforeIdle, workersWhileIdle, idleExitMs, usedAfterRestart, stoppedAtEndMs } };
}

/**
 * Opens threads.html four ways with `runPage(context, url, options)` (browser-smoke.mjs) and
 * records each check with `expect(ok, what)`; the isolated run's screenshot goes to `shotPath`.
 */
export async function checkThreadPages({ context, origin, root, runPage, expect, shotPath }) {
  const threaded = await runPage(context, `${origin}/isolated/threads.html`, { read: readThreads, shotPath, after: workerLifetime });
  describeThreads('threads, cross-origin isolated', threaded);
  expect(threadsFinished(threaded), `the thread check finished without errors${threaded.pageErrors.length ? `: ${threaded.pageErrors.join('; ')}` : ''}`);
  for (const [where, label] of [['page', "on the page's thread"], ['worker', 'in a dedicated Web Worker']]) {
    const r = threaded.result?.[where];
    expect(r?.isIsolated === true && r.one.used === 1 && r.two.used === 2 && r.two.isIdentical && r.isFinite,
      `${label}, a 512×512×512 product used 2 threads with setKernelThreads(2), bit-identical to 1 thread`);
    expect(r !== undefined && (r.cores >= 2 ? r.auto.used >= 2 : r.auto.used === 1) && r.auto.isIdentical,
      `${label}, 'auto' used every core (${r?.cores}) for it, bit-identical to 1 thread`);
  }
  const life = threaded.lifetime;
  const ms = (value) => (value === null ? 'not within the deadline' : `in ${value} ms`);
  console.log(`  kernel workers: ${life ? `gone after the check ${ms(life.stoppedAfterCheckMs)}; 2 threads again: ${life.usedBeforeIdle}, ` +
    `${life.workersWhileIdle} worker, ended itself once idle ${ms(life.idleExitMs)}; restarted: ${life.usedAfterRestart} threads; ` +
    `gone after setKernelThreads(1) ${ms(life.stoppedAtEndMs)}` : '(not checked)'}`);
  expect(life !== undefined && life.stoppedAfterCheckMs !== null && life.stoppedAtEndMs !== null, 'setKernelThreads(1) terminated every kernel worker');
  expect(life?.usedBeforeIdle === 2 && life.workersWhileIdle === 1 && life.idleExitMs !== null && life.usedAfterRestart === 2,
    'an idle kernel worker ends itself (no leak) and the next product restarts it on 2 threads');
  console.log(`  screenshot: ${relative(root, shotPath)}`);

  const allowed = await runPage(context, `${origin}/isolated-csp-blob/threads.html`, { read: readThreads });
  describeThreads("threads, isolated, CSP with worker-src 'self' blob:", allowed);
  expect(threadsFinished(allowed) && Object.values(allowed.result).every((r) => r.two.used === 2 && r.two.isIdentical && r.auto.isIdentical),
    "under a CSP with worker-src 'self' blob: the product runs on 2 threads, bit-identical");

  const refused = await runPage(context, `${origin}/isolated-csp/threads.html`, { read: readThreads });
  describeThreads("threads, isolated, CSP script-src 'self' 'unsafe-eval' (no blob: workers)", refused);
  const refusals = refused.consoleLines.filter((line) => /worker/i.test(line) && /blob:/.test(line));
  console.log(`  console: ${refusals.length} refused blob: workers${refusals.length ? `, first: ${refusals[0].slice(0, 160)}` : ''}`);
  expect(allOneThread(refused) && refused.result.page.isIsolated, 'a CSP that refuses blob: workers leaves products on one thread, same bits, no error');

  const plain = await runPage(context, `${origin}/threads.html`, { read: readThreads });
  describeThreads('threads, not isolated', plain);
  expect(allOneThread(plain) && !plain.result.page.isIsolated, 'without cross-origin isolation products run on one thread, same bits, no error');
}
