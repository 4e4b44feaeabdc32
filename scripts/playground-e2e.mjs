/**
 * The playground's end-to-end check (npm run test:playground; part of npm run test:browser):
 * builds dist/playground, serves it on 127.0.0.1 and drives it in headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core; no browser download). It exits 0 only if:
 *
 * 1. the page loads with no console error, no uncaught error and no failed request, and makes
 *    no request at all after it is ready, while it trains;
 * 2. spirals with the default network, started by `autostart=1`, reach ≥ 95% training
 *    accuracy as read from `accuracy` within 60 s (the frame rate is measured meanwhile), and
 *    Pause stops it;
 * 3. the same URL and seed give the same loss after N steps twice, and the same as the
 *    playground's Trainer gives in Node; Reset starts the same run again;
 * 4. the step view of the default 2-16-16-2 network shows every tensor, with the shapes and
 *    first values that `computeGradients` returns for the same model in Node;
 * 5. the gradient-flow view shows the vanishing gradient of a 6-layer sigmoid network (first
 *    Dense's ‖dW‖ below 1/100 of the last one's) and not of a 6-layer ReLU network with He init;
 * 6. the exported file loads with `loadModel` in Node and predicts what the page predicted,
 *    and loaded back into a page with another seed it predicts there what it predicts in Node;
 *    the TensorFlow.js pair (model.json + weights.bin) loads as a directory with loadModel and
 *    with TensorFlow.js's loadLayersModel, and back into the page; a malformed file is refused
 *    with the library's error;
 * 7. it works under `default-src 'self'; script-src 'self' 'unsafe-eval'; worker-src 'self' blob:`
 *    (what docs/browser.md documents), and cross-origin isolated;
 * 8. it is keyboard-operable (Start by Enter), and at phone width (390 px) nothing is wider
 *    than the screen.
 * Screenshots go to dist/playground-test/; with --screenshots, the README's to docs/.
 *
 * Usage: node scripts/playground-e2e.mjs [--screenshots]
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium; `apt-get install -y chromium`).
 */
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlayground, buildNodeHelpers, describePlayground } from './playground-build.mjs';
import { ISOLATION_HEADERS, serveFolder } from './playground-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shotDir = resolve(root, 'dist/playground-test');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isReadmeShots = process.argv.includes('--screenshots');
/** The policy docs/browser.md documents: 'self', eval for ndarray, Blob URL workers for the kernel threads. */
const POLICY = "default-src 'self'; script-src 'self' 'unsafe-eval'; worker-src 'self' blob:";
const PREFIXES = { '/': {}, '/csp/': { 'content-security-policy': POLICY }, '/isolated/': ISOLATION_HEADERS };
const STEPS = 25;
const sigmoid6 = Array(6).fill('16sigmoid').join(',');
const relu6 = Array(6).fill('16relu').join(',');

const counts = { passed: 0, failed: 0 };
function expect(ok, what) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  counts[ok ? 'passed' : 'failed']++;
}

/** TensorFlow.js (the devDependency, cpu backend) loads model.json + weights.bin from `dir`; the largest difference from the page's probe. */
async function predictWithTensorFlow(dir, probe) {
  const tf = createRequire(import.meta.url)('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const bytes = await readFile(join(dir, 'weights.bin'));
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  }));
  const output = model.predict(tf.tensor(probe.input, probe.shape)).dataSync();
  return Math.max(...probe.output.map((v, i) => Math.abs(v - output[i])));
}

/** Opens a page that records console errors, uncaught errors, failed requests and every request. */
async function open(context, url, viewport = { width: 1280, height: 800 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const log = { errors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => log.errors.push(`uncaught: ${e}`));
  page.on('requestfailed', (r) => log.errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => { if (r.status() >= 400) log.errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => log.requests.push(r.url()));
  await page.goto(url);
  await poll(page, () => document.body.dataset.status !== 'loading', 30_000, 'the page to be ready');
  return { page, log };
}

/** Polls `predicate` in the page (page.evaluate is not subject to the page's CSP) until true. */
async function poll(page, predicate, timeoutMs, what, arg) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(predicate, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const text = (page, id) => page.evaluate((i) => document.querySelector(`[data-testid="${i}"]`).textContent, id);
const status = (page) => page.evaluate(() => ({ status: document.body.dataset.status, error: document.getElementById('error').textContent }));

/** Clicks Step `n` times, each time waiting for its report; returns the loss text and value. */
async function steps(page, n) {
  for (let i = 1; i <= n; i++) {
    const before = Number(await page.evaluate(() => document.body.dataset.step));
    await page.click('[data-testid="step"]');
    await poll(page, (s) => document.querySelector('[data-testid="loss"]').dataset.step === String(s), 20_000, `step ${before + 1}`, before + 1);
  }
  return page.evaluate(() => {
    const e = document.querySelector('[data-testid="loss"]');
    return { text: e.textContent, value: Number(e.dataset.value), step: Number(e.dataset.step) };
  });
}

/** The step view's rows: layer index, key, shape, first values. */
const stepRows = (page) => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="step-view"] tr[data-key]'), (r) => ({
  layer: Number(r.dataset.layer), key: r.dataset.key, shape: JSON.parse(r.dataset.shape), values: JSON.parse(r.dataset.values),
})));

/** The gradient-flow view after one step: ‖dW‖ of each Dense, first to last. */
async function gradientNorms(context, origin, query) {
  const { page, log } = await open(context, `${origin}/?${query}`);
  await page.check('#show-backward');
  await steps(page, 3);
  const dw = await poll(page, () => {
    const v = JSON.parse(document.querySelector('[data-testid="gradient-flow"]').dataset.dw ?? '[]');
    return v.length > 0 ? v : null;
  }, 10_000, 'the gradient-flow view');
  return { page, log, dw };
}

/**
 * The README's screenshot, docs/playground-backward.png: 6 sigmoid layers trained with plain
 * SGD on spirals for a few seconds, stuck at chance while the backward view shows the gradient
 * vanishing towards the input: the page's right-hand column, from the numbers to the end of the backward view.
 */
async function readmeShot(context, origin) {
  const { page } = await open(context, `${origin}/?dataset=spirals&seed=1&layers=${sigmoid6}&init=glorotUniform&optimizer=sgd&lr=0.3`);
  await page.check('#show-backward');
  await page.click('[data-testid="start"]');
  await page.waitForTimeout(4000);
  await page.click('[data-testid="pause"]');
  await page.waitForTimeout(800);
  const clip = await page.evaluate(() => {
    const top = document.getElementById('numbers').getBoundingClientRect();
    const end = document.getElementById('backward').getBoundingClientRect();
    return { x: Math.floor(top.left - 6), y: Math.floor(top.top + window.scrollY - 6), width: Math.ceil(top.width + 12), height: Math.ceil(end.bottom - top.top + 18) };
  });
  const shot = resolve(root, 'docs/playground-backward.png');
  await page.screenshot({ path: shot, fullPage: true, clip });
  console.log(`  screenshot: ${relative(root, shot)} (step ${await page.evaluate(() => document.body.dataset.step)}, accuracy ${await text(page, 'accuracy')})`);
  await page.close();
}

async function check(origin, helpers) {
  await access(chromiumPath).catch(() => { throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH`); });
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'layerwise-playground-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    console.log(`Chromium ${context.browser()?.version() ?? '?'} (${chromiumPath}), ${origin}`);

    // 1 and 2: load, autostart spirals, accuracy, requests, frame rate.
    const started = Date.now();
    const { page, log } = await open(context, `${origin}/?dataset=spirals&seed=1&autostart=1`);
    const requestsAtReady = log.requests.length;
    let fps = [];
    const accuracy = await poll(page, () => {
      const v = Number(document.querySelector('[data-testid="accuracy"]').textContent);
      return v >= 0.95 ? v : null;
    }, 60_000, 'spirals to reach 95% training accuracy').catch((e) => (console.log(`  ${e.message}`), NaN));
    const seconds = (Date.now() - started) / 1000;
    for (let i = 0; i < 4; i++) {
      await page.waitForTimeout(1100);
      fps.push(await page.evaluate(() => { const f = document.querySelector('[data-testid="fps"]'); return { fps: Number(f.dataset.value), maxFrameMs: Number(f.dataset.maxFrameMs), drawMs: Number(f.dataset.drawMs), stepsPerSecond: Number(document.getElementById('speed').dataset.value) }; }));
    }
    const shown = await status(page);
    console.log(`spirals: accuracy ${accuracy} after ${seconds.toFixed(1)} s (epoch ${await text(page, 'epoch')}, loss ${await text(page, 'loss')}); ` +
      `frames per second while training: ${fps.map((f) => f.fps.toFixed(0)).join(', ')} (longest frame ${Math.max(...fps.map((f) => f.maxFrameMs))} ms, draw ${fps.map((f) => f.drawMs).join('/')} ms, ${fps.map((f) => Math.round(f.stepsPerSecond)).join('/')} steps/s); ${await page.evaluate(() => document.getElementById('engine').textContent)}`);
    expect(shown.status === 'ready' && log.errors.length === 0, `the page loads and trains with no console error, uncaught error or failed request${log.errors.length ? `: ${log.errors.join('; ')}` : ''}${shown.error}`);
    expect(log.requests.length === requestsAtReady, `no request after the page is ready (${requestsAtReady} while loading: ${log.requests.map((u) => relative(origin, u) || '/').join(', ')}; ${log.requests.length - requestsAtReady} after)`);
    expect(accuracy >= 0.95 && seconds <= 60, `spirals with the default network reach ≥ 95% training accuracy within 60 s (${accuracy} after ${seconds.toFixed(1)} s)`);
    await page.click('[data-testid="pause"]');
    await page.waitForTimeout(300);
    const pausedAt = await page.evaluate(() => document.body.dataset.step);
    await page.waitForTimeout(700);
    expect(pausedAt === await page.evaluate(() => document.body.dataset.step) && Number(pausedAt) > 0, `Pause stops training (at step ${pausedAt})`);

    // 6: export, then loadModel in Node.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')]);
    const exported = await readFile(await download.path(), 'utf8');
    const probe = await page.evaluate(() => { const b = document.querySelector('[data-testid="export"]').dataset; return { output: JSON.parse(b.probe), input: JSON.parse(b.probeInput), shape: JSON.parse(b.probeShape) }; });
    const loaded = await helpers.loadModel(exported);
    const predicted = loaded.predict({ data: Float32Array.from(probe.input), shape: probe.shape }).data;
    const worst = Math.max(...probe.output.map((v, i) => Math.abs(v - predicted[i])));
    console.log(`export: ${download.suggestedFilename()}, ${(exported.length / 1024).toFixed(1)} KiB; loadModel in Node predicts the page's ${probe.output.length} outputs to ${worst.toExponential(1)}`);
    expect(worst <= 1e-6, 'the exported file loads with loadModel in Node and predicts what the page predicted');
    const pair = [];
    const gotBoth = new Promise((done) => page.on('download', (d) => { pair.push(d); if (pair.length === 2) done(); }));
    await page.click('#export-tfjs');
    await gotBoth;
    const tfjsDir = await mkdtemp(join(tmpdir(), 'layerwise-playground-tfjs-'));
    for (const d of pair) await d.saveAs(join(tfjsDir, d.suggestedFilename()));
    const fromDir = await helpers.loadModel(tfjsDir);
    const predictedDir = fromDir.predict({ data: Float32Array.from(probe.input), shape: probe.shape }).data;
    const worstDir = Math.max(...probe.output.map((v, i) => Math.abs(v - predictedDir[i])));
    console.log(`export for TensorFlow.js: ${pair.map((d) => d.suggestedFilename()).join(' + ')}; loadModel('${relative(tmpdir(), tfjsDir)}') predicts to ${worstDir.toExponential(1)}`);
    expect(pair.map((d) => d.suggestedFilename()).sort().join() === 'model.json,weights.bin' && worstDir <= 1e-6,
      'the TensorFlow.js pair (model.json + weights.bin) loads as a directory with loadModel in Node and predicts the same');
    const worstTf = await predictWithTensorFlow(tfjsDir, probe);
    console.log(`  TensorFlow.js (cpu backend) loadLayersModel on the same files predicts to ${worstTf.toExponential(1)}`);
    expect(worstTf <= 1e-5, 'and TensorFlow.js loadLayersModel reads the pair and predicts the same (float32 rounding)');
    await page.close();
    const other = await open(context, `${origin}/?dataset=spirals&seed=5`);
    await other.page.setInputFiles('#import', await download.path());
    await poll(other.page, () => /Model loaded/.test(document.getElementById('warnings').textContent), 20_000, 'the model file to load');
    const [again] = await Promise.all([other.page.waitForEvent('download'), other.page.click('[data-testid="export"]')]);
    const reloaded = await other.page.evaluate(() => { const b = document.querySelector('[data-testid="export"]').dataset; return { output: JSON.parse(b.probe), input: JSON.parse(b.probeInput), shape: JSON.parse(b.probeShape) }; });
    await again.path();
    const expectedAgain = loaded.predict({ data: Float32Array.from(reloaded.input), shape: reloaded.shape }).data;
    const worstAgain = Math.max(...reloaded.output.map((v, i) => Math.abs(v - expectedAgain[i])));
    expect(worstAgain <= 1e-6 && other.log.errors.length === 0,
      `loaded into a page with another seed (other data), the file predicts there what loadModel's copy predicts in Node (to ${worstAgain.toExponential(1)})${other.log.errors.join('; ')}`);
    await other.page.evaluate(() => { document.getElementById('warnings').textContent = ''; });
    await other.page.setInputFiles('#import', [join(tfjsDir, 'model.json'), join(tfjsDir, 'weights.bin')]);
    await poll(other.page, () => /Model loaded/.test(document.getElementById('warnings').textContent), 20_000, 'model.json + weights.bin to load');
    const [third] = await Promise.all([other.page.waitForEvent('download'), other.page.click('[data-testid="export"]')]);
    await third.path();
    const fromPair = await other.page.evaluate(() => JSON.parse(document.querySelector('[data-testid="export"]').dataset.probe));
    expect(JSON.stringify(fromPair) === JSON.stringify(reloaded.output), 'model.json + weights.bin load back into the page too, with the same predictions');
    await rm(tfjsDir, { recursive: true, force: true });
    await other.page.setInputFiles('#import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"modelTopology": 1}') });
    const refused = await poll(other.page, () => document.getElementById('error').textContent, 20_000, 'the bad file to be refused');
    console.log(`a malformed model file: ${refused}`);
    expect(/Error/.test(refused) && (await status(other.page)).status === 'error', 'a malformed model file is refused with the library\'s error on the page');
    await other.page.close();

    // 3: the same URL and seed give the same loss twice, and the Trainer's in Node.
    const query = 'dataset=moons&seed=7&layers=8tanh,8tanh_bn_d0.1&optimizer=sgd&lr=0.1&batch=8';
    const runs = [];
    for (let run = 0; run < 2; run++) {
      const opened = await open(context, `${origin}/?${query}`);
      runs.push(await steps(opened.page, STEPS));
      expect(opened.log.errors.length === 0, `run ${run + 1} of ${query}: no error${opened.log.errors.join('; ')}`);
      await opened.page.close();
    }
    const trainer = new helpers.Trainer(helpers.settingsFromParams(new URLSearchParams(query)).settings);
    for (let i = 0; i < STEPS; i++) trainer.step();
    const nodeLoss = trainer.report(false, 0).trainLoss;
    const resetPage = await open(context, `${origin}/?${query}`);
    const first = await steps(resetPage.page, 5);
    await resetPage.page.click('[data-testid="reset"]');
    await poll(resetPage.page, () => document.querySelector('[data-testid="loss"]').dataset.step === '0', 20_000, 'the reset');
    const afterReset = await steps(resetPage.page, 5);
    expect(afterReset.value === first.value && afterReset.step === 5, `Reset starts the same run again (loss ${afterReset.value} after 5 steps, twice)`);
    await resetPage.page.close();
    console.log(`${STEPS} steps of ${query}: loss ${runs[0].value} and ${runs[1].value} in the page, ${nodeLoss} in Node`);
    expect(runs[0].step === STEPS && runs[0].value === runs[1].value && runs[0].text === runs[1].text, 'the same URL and seed give the same loss after N steps twice');
    expect(Math.abs(runs[0].value - nodeLoss) <= 1e-5 * Math.max(1, Math.abs(nodeLoss)), "and the same loss as the playground's Trainer in Node");

    // 4: the step view against computeGradients in Node.
    const sv = await open(context, `${origin}/?dataset=spirals&seed=1`);
    const rows = await poll(sv.page, () => document.querySelectorAll('[data-testid="step-view"] tr[data-key]').length > 0, 20_000, 'the step view').then(() => stepRows(sv.page));
    const model = new helpers.Trainer(helpers.defaultSettings());
    const x = model.data.xTrain, y = model.data.yTrain;
    const trace = model.model.computeGradients({ data: x.data.slice(0, 2), shape: [1, 2] }, { data: y.data.slice(0, 2), shape: [1, 2] }, { inputGradient: true });
    const expected = trace.layers.flatMap((t, i) => [
      { layer: i, key: 'output', tensor: t.output }, { layer: i, key: 'dOut', tensor: t.dOut },
      ...Object.entries(t.grads).map(([key, tensor]) => ({ layer: i, key, tensor })),
      ...(t.dAPrev ? [{ layer: i, key: 'dAPrev', tensor: t.dAPrev }] : []),
    ]);
    const dense = trace.layers.filter((t) => t.layer.className === 'Dense').map((t) => t.output.shape[1]);
    let mismatches = 0, worstValue = 0;
    for (const e of expected) {
      const row = rows.find((r) => r.layer === e.layer && r.key === e.key);
      if (!row || JSON.stringify(row.shape) !== JSON.stringify(e.tensor.shape)) { mismatches++; continue; }
      row.values.forEach((v, k) => { worstValue = Math.max(worstValue, Math.abs(v - e.tensor.data[k]) / Math.max(1, Math.abs(e.tensor.data[k]))); });
    }
    console.log(`step view: 2-${dense.join('-')} network, ${rows.length} rows (input + ${expected.length}), ${mismatches} shape mismatches, values within ${worstValue.toExponential(1)} of Node's computeGradients`);
    console.log(`  ${rows.filter((r) => r.layer <= 1).map((r) => `${r.layer}:${r.key}[${r.shape}]`).join(' ')} …`);
    expect(dense.join('-') === '16-16-2' && rows.length === expected.length + 1 && mismatches === 0, 'the step view of 2-16-16-2 shows every tensor with the shape computeGradients gives in Node');
    expect(worstValue <= 1e-5, "and the same first values as Node's computeGradients (sample 0, before training)");
    expect(sv.log.errors.length === 0, `the step view page had no error${sv.log.errors.join('; ')}`);
    await sv.page.close();

    // 5: vanishing gradients.
    const sig = await gradientNorms(context, origin, `dataset=spirals&seed=1&layers=${sigmoid6}&init=glorotUniform`);
    await sig.page.close();
    if (isReadmeShots) await readmeShot(context, origin);
    const relu = await gradientNorms(context, origin, `dataset=spirals&seed=1&layers=${relu6}&init=heNormal`);
    await relu.page.close();
    const ratio = (dw) => dw[0] / dw[dw.length - 1];
    console.log(`‖dW‖ first/last Dense: 6 sigmoid layers ${sig.dw.map((v) => v.toExponential(1)).join(' ')} (ratio ${ratio(sig.dw).toExponential(1)}); ` +
      `6 ReLU layers with He init ${relu.dw.map((v) => v.toExponential(1)).join(' ')} (ratio ${ratio(relu.dw).toExponential(1)})`);
    expect(sig.dw.length === 7 && ratio(sig.dw) < 0.01, 'the gradient-flow view shows the vanishing gradient of 6 sigmoid layers (first ‖dW‖ < last/100)');
    expect(relu.dw.length === 7 && ratio(relu.dw) >= 0.01, 'and not of 6 ReLU layers with He init');
    expect(sig.log.errors.length + relu.log.errors.length === 0, `the gradient pages had no error${[...sig.log.errors, ...relu.log.errors].join('; ')}`);

    // 7: CSP and isolation.
    for (const [prefix, what] of [['/csp/', `under the CSP "${POLICY}"`], ['/isolated/', 'cross-origin isolated']]) {
      const opened = await open(context, `${origin}${prefix}?dataset=circles&autostart=1`);
      await poll(opened.page, () => Number(document.body.dataset.step) >= 50, 30_000, 'training steps').catch(() => null);
      const s = await status(opened.page);
      const engine = await opened.page.evaluate(() => document.getElementById('engine').textContent);
      console.log(`${what}: status ${s.status}, step ${await opened.page.evaluate(() => document.body.dataset.step)}; ${engine}${s.error}`);
      expect(s.status === 'ready' && opened.log.errors.length === 0 && Number(await opened.page.evaluate(() => document.body.dataset.step)) >= 50,
        `it trains ${what} with no error${opened.log.errors.join('; ')}`);
      if (prefix === '/isolated/') expect(/isolated: yes/.test(engine), 'the isolated page says so (its worker may use kernel threads)');
      await opened.page.close();
    }

    // 8: keyboard and phone width.
    const kb = await open(context, `${origin}/?dataset=xor`);
    await kb.page.focus('[data-testid="start"]');
    await kb.page.keyboard.press('Enter');
    await poll(kb.page, () => Number(document.body.dataset.step) > 0, 20_000, 'training started by the keyboard');
    await kb.page.keyboard.press('Tab');
    const focused = await kb.page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.id);
    expect(focused === 'pause', `Enter on Start starts training, and Tab then reaches Pause (focus on '${focused}')`);
    await kb.page.close();
    const phone = await open(context, `${origin}/?dataset=spirals&autostart=1`, { width: 390, height: 844 });
    await phone.page.waitForTimeout(2000);
    const widths = await phone.page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
    await phone.page.screenshot({ path: resolve(shotDir, 'phone.png'), fullPage: true });
    console.log(`phone width: page ${widths.page} px wide on a ${widths.screen} px screen; screenshot ${relative(root, resolve(shotDir, 'phone.png'))}`);
    expect(widths.page <= widths.screen, 'at 390 px nothing is wider than the screen');
    await phone.page.close();
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

await mkdir(shotDir, { recursive: true });
const built = await buildPlayground();
console.log(`built ${describePlayground(built)}`);
const helpers = await buildNodeHelpers();
const server = await serveFolder(resolve(built.outdir), 0, PREFIXES);
try {
  await check(`http://127.0.0.1:${server.address().port}`, helpers);
} catch (error) {
  console.error(`the check itself failed: ${error?.stack ?? error}`);
  counts.failed++;
} finally {
  server.close();
}
console.log(`playground e2e: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 ? 0 : 1);
