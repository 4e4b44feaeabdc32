/**
 * Builds the playground (playground/) into dist/playground/: a static site with relative
 * paths and no server code (index.html, style.css, main.js for the page, worker.js for the
 * training worker, with source maps), which any static file server can host.
 *
 * The worker bundles the library from lib/index.ts, the entry users import, with the browser
 * swaps of scripts/build-browser.mjs (`browserField`). The page's MNIST digits are generated
 * here: 600 digits of the `mnist` package (loadMnist with seed 0), shrunk to 14×14 bytes by
 * playground/digits.ts and inlined into worker.js as base64 (the module `playground-mnist-data`),
 * so the page makes no request for data.
 *
 * Also builds dist/playground-node/playground.cjs: the public API plus the playground's own
 * modules for Node, which this build and the end-to-end test (playground-e2e.mjs) use.
 *
 * Usage: node scripts/playground-build.mjs      (npm run playground:build)
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { browserField } from './build-browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(root, 'playground');

/** The static site and the Node helpers, relative to the repository root. */
export const PLAYGROUND_OUTDIR = 'dist/playground';
export const NODE_HELPERS = 'dist/playground-node/playground.cjs';
/** Bundled digits: how many, and the seed of loadMnist's shuffle. */
export const DIGITS = { count: 600, seed: 0 };

/** Builds and loads the Node helpers: everything lib/index.ts exports, plus the playground's Trainer, settings and digits. */
export async function buildNodeHelpers() {
  const outfile = resolve(root, NODE_HELPERS);
  await build({
    stdin: {
      contents: [
        "export * from './lib/index';",
        "export { Trainer } from './playground/trainer';",
        "export { settingsFromParams, settingsToParams, defaultSettings } from './playground/settings';",
        "export { encodeDigits, decodeDigits } from './playground/digits';",
        "export { makeData } from './playground/datasets';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'playground-node-entry.ts',
    },
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  delete require.cache[outfile];
  return require(outfile);
}

/** An esbuild plugin that serves `playground-mnist-data` as a module exporting `base64`. */
function digitsModule(base64) {
  return {
    name: 'playground-mnist-data',
    setup(b) {
      b.onResolve({ filter: /^playground-mnist-data$/ }, () => ({ path: 'playground-mnist-data', namespace: 'playground-data' }));
      b.onLoad({ filter: /.*/, namespace: 'playground-data' }, () => ({ contents: `export default ${JSON.stringify(base64)};`, loader: 'js' }));
    },
  };
}

/** Builds the site into `outdir` (default dist/playground). Resolves to `{ outdir, files: { name: bytes } }`. */
export async function buildPlayground(outdir = resolve(root, PLAYGROUND_OUTDIR)) {
  const helpers = await buildNodeHelpers();
  const { x, labels } = helpers.loadMnist({ count: DIGITS.count, seed: DIGITS.seed });
  const base64 = Buffer.from(helpers.encodeDigits(x.data, labels.data)).toString('base64');
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const common = { bundle: true, platform: 'browser', target: 'es2022', sourcemap: true, metafile: true, logLevel: 'warning', outdir };
  const page = await build({ ...common, entryPoints: { main: resolve(source, 'main.ts') }, format: 'esm' });
  const worker = await build({
    ...common,
    entryPoints: { worker: resolve(source, 'worker.ts') },
    format: 'iife',
    // The worker never plots: Vega stays an import() that never runs, instead of 1.7 MB inlined.
    external: ['vega', 'vega-lite'],
    plugins: [browserField, digitsModule(base64)],
  });
  for (const file of ['index.html', 'style.css', 'favicon.svg']) await copyFile(resolve(source, file), resolve(outdir, file));
  const files = {};
  for (const result of [page, worker]) {
    for (const [file, output] of Object.entries(result.metafile.outputs)) if (file.endsWith('.js')) files[relative(outdir, resolve(root, file))] = output.bytes;
  }
  return { outdir, files };
}

/** One line about a build. */
export function describePlayground({ outdir, files }) {
  return `${relative(root, outdir)}/: ${Object.entries(files).map(([f, n]) => `${f} ${(n / 1024).toFixed(0)} KiB`).join(', ')}, index.html, style.css, favicon.svg`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(describePlayground(await buildPlayground()));
}
