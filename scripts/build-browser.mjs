/**
 * Bundles the public API (lib/index.ts) for browsers with esbuild: the ES module
 * dist/browser/layerwise.js (+ .map) with every dependency inside, except Vega and Vega-Lite,
 * which `plotHistory` and `plotGradients` import on their first call: they become chunks in
 * dist/browser/chunks/ that the browser fetches only then (serve the folder as a whole).
 *
 * Usage: node scripts/build-browser.mjs        (npm run build:browser)
 *
 * Node-only modules are swapped out exactly as package.json's `browser` field swaps them for
 * anyone who bundles the published package: BROWSER_FIELD below is that field. The MNIST
 * loader becomes lib/data/mnist-browser.ts (same exports; the loaders throw "loadMnist is only
 * available in Node; …"), and `fs`, `path`, `crypto`, `os` and `cli-progress` (the terminal progress
 * bar, which needs `readline` and `events`) become empty modules: the code that uses them
 * either checks for Node first (lib/node-only.ts) or never runs in a browser (the live bar
 * needs a TTY). If package.json has a `browser` field, it must equal BROWSER_FIELD.
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The entry point and the output folder, relative to the repository root. */
export const ENTRY = 'lib/index.ts';
export const OUTDIR = 'dist/browser';

/** package.json's `browser` field: built files → browser stand-ins, and modules → `false` (empty). */
export const BROWSER_FIELD = {
  './dist/lib/data/mnist.js': './dist/lib/data/mnist-browser.js',
  fs: false,
  path: false,
  crypto: false,
  os: false,
  'cli-progress': false,
};

/** The source file that a built file of the field comes from: `./dist/lib/x.js` → `lib/x.ts`. */
const sourceOf = (built) => built.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts');

/** An esbuild plugin that applies BROWSER_FIELD to the TypeScript sources (the playground's build uses it too). */
export const browserField = {
  name: 'layerwise-browser-field',
  setup(b) {
    const files = new Map(Object.entries(BROWSER_FIELD).filter(([key]) => key.startsWith('./'))
      .map(([from, to]) => [resolve(root, sourceOf(from)), resolve(root, sourceOf(to))]));
    const empty = Object.keys(BROWSER_FIELD).filter((key) => BROWSER_FIELD[key] === false);
    const emptyFilter = new RegExp(`^(node:)?(${empty.map((m) => m.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter: emptyFilter }, (args) => ({ path: args.path, namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      const swapped = files.get(target) ?? files.get(`${target}.ts`);
      return swapped ? { path: swapped } : undefined;
    });
  },
};

/** Fails when package.json has a `browser` field that differs from {@link BROWSER_FIELD}. */
async function checkPackageField() {
  const pkg = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8'));
  if (pkg.browser === undefined) return 'package.json has no "browser" field yet (bundlers of the published package need it)';
  if (JSON.stringify(pkg.browser) !== JSON.stringify(BROWSER_FIELD)) {
    throw new Error(`package.json "browser" must be ${JSON.stringify(BROWSER_FIELD)}, got ${JSON.stringify(pkg.browser)}`);
  }
  return null;
}

/**
 * Builds the bundle. Resolves to `{ outfile, bytes, chunkBytes, inputs, note }`: the absolute
 * path of layerwise.js, its size, the size of the lazy chunks, the number of source files
 * bundled, and a note about package.json (or null).
 */
export async function buildBrowserBundle() {
  const note = await checkPackageField();
  const outdir = resolve(root, OUTDIR);
  await rm(resolve(outdir, 'chunks'), { recursive: true, force: true });
  const result = await build({
    entryPoints: { layerwise: resolve(root, ENTRY) },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [browserField],
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const [entryFile, entry] = outputs.find(([, output]) => output.entryPoint);
  const chunkBytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0) - entry.bytes;
  return { outfile: resolve(process.cwd(), entryFile), bytes: entry.bytes, chunkBytes, inputs: Object.keys(result.metafile.inputs).length, note };
}

/** One line about a build: sizes and file count. */
export function describeBuild({ outfile, bytes, chunkBytes, inputs }) {
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  return `${relative(root, outfile)}: ${kib(bytes)}, plus ${kib(chunkBytes)} of lazy chunks (Vega for the plots), from ${inputs} files`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildBrowserBundle();
  console.log(describeBuild(built));
  if (built.note) console.log(`note: ${built.note}`);
}
