/**
 * The browser check (npm run test:browser; not part of npm test, since it needs Chromium):
 * builds dist/browser/layerwise.js, serves examples/browser on 127.0.0.1, opens the page in
 * headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and checks what
 * the page reports:
 *
 * 1. no CSP: XOR reaches 100% accuracy, the spiral is learned, `verbose` progress reaches the
 *    console, `plotHistory` draws (Vega loads from the lazy chunks), the WebAssembly GEMM is
 *    in use (Chromium has SIMD), no uncaught error; a screenshot goes to dist/browser/screenshot.png.
 * 2. `WebAssembly` removed from the page: it still works, on the TypeScript kernel.
 * 3. CSP `script-src 'self' 'unsafe-eval'` (what docs/browser.md asks for): XOR still reaches 100%.
 * 4. CSP `script-src 'self'`: the page fails with an EvalError, because ndarray builds its
 *    classes with `new Function` (what docs/browser.md warns about); screenshot-csp-strict.png.
 * 5. Cross-origin isolated (`/isolated/`: `Cross-Origin-Opener-Policy: same-origin` and
 *    `Cross-Origin-Embedder-Policy: require-corp`): the page still works.
 * 6. threads.html, isolated: a 512×512×512 float32 product runs on 2 threads (Web Workers), on
 *    the page's thread and inside a dedicated Web Worker, bit-identical to one thread's; the
 *    kernel workers end when told and when idle (browser-smoke-threads.mjs).
 * 7. threads.html, isolated under a CSP with `worker-src 'self' blob:` (what docs/browser.md
 *    asks for): 2 threads too.
 * 8. threads.html, isolated but under a CSP without `blob:` (`/isolated-csp/`), and not isolated:
 *    the product runs on one thread, with the same bits, and nothing fails.
 *
 * Usage: node scripts/browser-smoke.mjs           open the pages nine times, exit 0 or 1
 *        node scripts/browser-smoke.mjs --serve   build and serve the page until Ctrl-C
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium; `apt-get install -y chromium`).
 */
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBrowserBundle, describeBuild, OUTDIR } from './build-browser.mjs';
import { buildKernelsBundle, checkThreadPages, KERNELS_OUTDIR } from './browser-smoke-threads.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pageDir = resolve(root, 'examples/browser');
const bundleDir = resolve(root, OUTDIR);
const kernelsDir = resolve(root, KERNELS_OUTDIR);
const screenshot = resolve(bundleDir, 'screenshot.png');
const strictScreenshot = resolve(bundleDir, 'screenshot-csp-strict.png');
const threadsScreenshot = resolve(bundleDir, 'screenshot-threads.png');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE_TIMEOUT_MS = 120_000;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.css': 'text/css' };

/** A CSP that allows eval (what ndarray needs) but not `blob:` workers (worker-src falls back to script-src). */
const EVAL_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-eval'";

/**
 * What the server adds under each URL prefix: a Content-Security-Policy, and the two headers of
 * cross-origin isolation (where `SharedArrayBuffer`, and so the kernel threads, exist).
 */
const PREFIXES = {
  '/': {},
  '/csp-eval/': { policy: EVAL_POLICY },
  '/csp-strict/': { policy: "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'" },
  '/isolated/': { isIsolated: true },
  '/isolated-csp/': { isIsolated: true, policy: EVAL_POLICY },
  '/isolated-csp-blob/': { isIsolated: true, policy: `${EVAL_POLICY}; worker-src 'self' blob:` },
};

/**
 * A static server: `<prefix>layerwise.js(.map)` and `<prefix>chunks/…` from dist/browser,
 * `<prefix>kernels.js(.map)` from dist/browser-test, everything else from examples/browser.
 */
function serve() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const prefix = Object.keys(PREFIXES).filter((p) => url.pathname.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? '/';
    let rest = url.pathname.slice(prefix.length) || 'index.html';
    const base = /^(layerwise\.js|chunks\/)/.test(rest) ? bundleDir : /^kernels\.js/.test(rest) ? kernelsDir : pageDir;
    const file = normalize(join(base, rest));
    if (!file.startsWith(base + sep)) rest = '';
    try {
      if (!rest) throw new Error('outside');
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      const { policy, isIsolated } = PREFIXES[prefix];
      if (policy) headers['content-security-policy'] = policy;
      if (isIsolated) Object.assign(headers, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

/**
 * Waits for <body data-status> to say done or error. Polls with `page.evaluate`, which the
 * page's CSP does not restrict; `waitForFunction` would eval its predicate in the page and
 * never succeed under the strict policy.
 */
async function waitForStatus(page) {
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  for (;;) {
    const status = await page.evaluate(() => document.body.dataset.status);
    if (status === 'done' || status === 'error') return;
    if (Date.now() > deadline) throw new Error(`${page.url()} still says '${status}' after ${PAGE_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the example page (index.html, main.js) showed. */
function readExample() {
  const value = (id) => Number(document.getElementById(id).dataset.value);
  return {
    status: document.body.dataset.status,
    error: document.getElementById('error').textContent,
    xorLoss: value('xor-loss'), xorAccuracy: value('xor-accuracy'),
    spiralLoss: value('spiral-loss'), spiralAccuracy: value('spiral-accuracy'),
    kernel: document.getElementById('kernel').dataset.value,
    hasPlot: document.querySelector('#spiral-curves svg') !== null,
  };
}

/**
 * Opens `url`, waits until the page reports done or error, and returns what `read` found there
 * (run in the page), what `after(page)` adds once it is done, the console lines and the uncaught
 * errors. `isWithoutWasm` removes `WebAssembly` from the page before its scripts run.
 */
async function runPage(context, url, { shotPath = null, isWithoutWasm = false, read = readExample, after = null } = {}) {
  const page = await context.newPage();
  if (isWithoutWasm) await page.addInitScript(() => { delete globalThis.WebAssembly; });
  const consoleLines = [];
  const pageErrors = [];
  page.on('console', (msg) => consoleLines.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(url);
  await waitForStatus(page);
  const shown = await page.evaluate(read);
  if (shotPath) await page.screenshot({ path: shotPath, fullPage: true });
  const more = after && shown.status === 'done' ? await after(page) : {};
  await page.close();
  return { ...shown, ...more, consoleLines, pageErrors };
}

/** Launches Chromium, opens the pages nine ways, and returns `{ passed, failed }`: counts of the checks. */
async function check(origin) {
  await access(chromiumPath).catch(() => {
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  });
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'layerwise-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const counts = { passed: 0, failed: 0 };
  const expect = (ok, what) => {
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
    counts[ok ? 'passed' : 'failed']++;
  };
  try {
    console.log(`Chromium ${context.browser()?.version() ?? '?'} (${chromiumPath})`);

    const plain = await runPage(context, `${origin}/`, { shotPath: screenshot });
    const epochLines = plain.consoleLines.filter((line) => /Epoch \d+\/\d+/.test(line));
    console.log(`no CSP: status ${plain.status}; XOR loss ${plain.xorLoss.toFixed(4)}, accuracy ${plain.xorAccuracy}; ` +
      `spiral loss ${plain.spiralLoss.toFixed(4)}, accuracy ${plain.spiralAccuracy}; kernel ${plain.kernel}`);
    console.log(`  console: ${plain.consoleLines.length} messages, ${epochLines.length} epoch lines, last: ${epochLines.at(-1) ?? '(none)'}`);
    expect(plain.status === 'done' && plain.pageErrors.length === 0, `page finished without errors${plain.error ? `: ${plain.error}` : ''}${plain.pageErrors.join('; ')}`);
    expect(plain.xorAccuracy === 1, 'XOR reached 100% accuracy');
    expect(plain.spiralAccuracy >= 0.9, 'spiral reached at least 90% held-out accuracy');
    expect(epochLines.length > 0, 'verbose progress reached the console');
    expect(plain.kernel === 'wasm', 'the WebAssembly SIMD GEMM loaded (isWasmReady() in the page)');
    expect(plain.hasPlot, 'plotHistory drew the learning curves (Vega loaded from the lazy chunks)');
    console.log(`  screenshot: ${relative(root, screenshot)}`);

    const noWasm = await runPage(context, `${origin}/`, { isWithoutWasm: true });
    console.log(`no WebAssembly: status ${noWasm.status}; XOR accuracy ${noWasm.xorAccuracy}; spiral accuracy ${noWasm.spiralAccuracy}; kernel ${noWasm.kernel}`);
    expect(noWasm.status === 'done' && noWasm.xorAccuracy === 1 && noWasm.kernel === 'js', 'without WebAssembly the page falls back to the TypeScript kernel and works');

    const withEval = await runPage(context, `${origin}/csp-eval/`);
    console.log(`CSP with 'unsafe-eval': status ${withEval.status}; XOR accuracy ${withEval.xorAccuracy}; kernel ${withEval.kernel}`);
    expect(withEval.status === 'done' && withEval.xorAccuracy === 1, "under script-src 'self' 'unsafe-eval' the page works and XOR reaches 100%");

    const strict = await runPage(context, `${origin}/csp-strict/`, { shotPath: strictScreenshot });
    const firstLine = strict.error.split('\n')[0];
    console.log(`CSP without 'unsafe-eval': status ${strict.status}; error: ${firstLine}`);
    expect(strict.status === 'error' && /EvalError/.test(firstLine), "under script-src 'self' the page fails with an EvalError (ndarray's new Function)");
    console.log(`  screenshot: ${relative(root, strictScreenshot)}`);

    const isolated = await runPage(context, `${origin}/isolated/`);
    console.log(`cross-origin isolated: status ${isolated.status}; XOR accuracy ${isolated.xorAccuracy}; spiral accuracy ${isolated.spiralAccuracy}; kernel ${isolated.kernel}`);
    expect(isolated.status === 'done' && isolated.pageErrors.length === 0 && isolated.xorAccuracy === 1 && isolated.hasPlot,
      'under COOP same-origin + COEP require-corp the page works and draws its plot');
    expect(isolated.kernel === 'wasm', 'isolated, the kernels run on the shared kernel heap and isWasmReady() says so');

    await checkThreadPages({ context, origin, root, runPage, expect, shotPath: threadsScreenshot });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
  return counts;
}

const built = await buildBrowserBundle();
console.log(`built ${describeBuild(built)}`);
if (built.note) console.log(`note: ${built.note}`);
await buildKernelsBundle(root);
const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;

if (process.argv.includes('--serve')) {
  console.log(`serving examples/browser at ${origin}/ (also under ${Object.keys(PREFIXES).slice(1).join(', ')}; threads.html for the thread pool); Ctrl-C to stop`);
} else {
  let counts;
  try {
    counts = await check(origin);
  } catch (error) {
    console.error(`the check itself failed: ${error?.message ?? error}`);
    counts = { passed: 0, failed: 1 };
  } finally {
    server.close();
  }
  console.log(`browser smoke: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed === 0 ? 0 : 1);
}
