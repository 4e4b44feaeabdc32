/**
 * The ES module builds of the published package (run by `npm run build`, after tsc has written
 * the CommonJS build and the `.d.ts` files into dist/):
 *
 * - dist/esm/index.js, package.json's `import` condition: for Node. A `createRequire` banner
 *   gives the bundle the `require` that the progress bar (`cli-progress`, loaded on first use)
 *   and `loadMnist` (`require.resolve` of the mnist package's files) call.
 * - dist/esm/browser.js, the `browser` condition: for bundlers. Node-only modules are swapped
 *   out as package.json's `browser` field swaps them in the CommonJS build (the plugin of
 *   build-browser.mjs), so it imports no `fs`, `path` or `module`.
 *
 * Both are one file each from lib/index.ts with every dependency left as an import, so a
 * user's bundler resolves and dedupes them. Vega and Vega-Lite stay dynamic `import()`s
 * (lib/plots/render-svg.ts): a bundler with code splitting puts them in a chunk that loads on
 * the first plot, and a program that never plots never loads them. In the CommonJS build, tsc
 * turns those `import()`s into `require` calls, which bundlers follow eagerly.
 *
 * dist/esm/package.json says `{"type":"module"}`. Usage: node scripts/build-esm.mjs
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { browserField } from './build-browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ESM_OUTDIR = 'dist/esm';

/**
 * Deep imports of packages without an `exports` map need their file's extension under Node's
 * ES module resolution (`seedrandom/lib/alea` → `seedrandom/lib/alea.js`); bundlers accept both.
 */
const withExtension = {
  name: 'layerwise-deep-import-extension',
  setup(b) {
    b.onResolve({ filter: /^seedrandom\/lib\/[a-z]+$/ }, (args) => ({ path: `${args.path}.js`, external: true }));
  },
};

const common = {
  entryPoints: [resolve(root, 'lib/index.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

/** Builds both files and dist/esm/package.json; resolves to their paths relative to the root. */
export async function buildEsm() {
  const outdir = resolve(root, ESM_OUTDIR);
  await mkdir(outdir, { recursive: true });
  await writeFile(resolve(outdir, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  await build({
    ...common,
    outfile: resolve(outdir, 'index.js'),
    platform: 'node',
    banner: { js: "import { createRequire as __layerwiseCreateRequire } from 'module';\nconst require = __layerwiseCreateRequire(import.meta.url);" },
    plugins: [withExtension],
  });
  await build({
    ...common,
    outfile: resolve(outdir, 'browser.js'),
    platform: 'browser',
    plugins: [browserField, withExtension],
  });
  return [`${ESM_OUTDIR}/index.js`, `${ESM_OUTDIR}/browser.js`];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildEsm();
  console.log(`built ${files.join(' and ')}`);
}
