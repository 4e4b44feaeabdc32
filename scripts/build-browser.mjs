/**
 * Bundles the public API (lib/index.ts) for browsers with esbuild: one ES module,
 * dist/browser/layerwise.js (+ .map), with every dependency inside.
 *
 * Usage: node scripts/build-browser.mjs        (npm run build:browser)
 *
 * Node-only modules are swapped out exactly as package.json's `browser` field swaps them for
 * anyone who bundles the published package: BROWSER_FIELD below is that field. The MNIST
 * loader becomes lib/data/mnist-browser.ts (same exports; the loaders throw "loadMnist is only
 * available in Node; …"), and `fs`, `path`, `crypto` and `cli-progress` (the terminal progress
 * bar, which needs `readline` and `events`) become empty modules: the code that uses them
 * either checks for Node first (lib/node-only.ts) or never runs in a browser (the live bar
 * needs a TTY). If package.json has a `browser` field, it must equal BROWSER_FIELD.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The entry point and the output, relative to the repository root. */
export const ENTRY = 'lib/index.ts';
export const OUTFILE = 'dist/browser/layerwise.js';

/** package.json's `browser` field: built files → browser stand-ins, and modules → `false` (empty). */
export const BROWSER_FIELD = {
  './dist/lib/data/mnist.js': './dist/lib/data/mnist-browser.js',
  fs: false,
  path: false,
  crypto: false,
  'cli-progress': false,
};

/** The source file that a built file of the field comes from: `./dist/lib/x.js` → `lib/x.ts`. */
const sourceOf = (built) => built.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts');

/** An esbuild plugin that applies BROWSER_FIELD to the TypeScript sources. */
const browserField = {
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
 * Builds the bundle. Resolves to `{ outfile, bytes, inputs, note }`: the absolute output path,
 * its size, the number of source files bundled, and a note about package.json (or null).
 */
export async function buildBrowserBundle() {
  const note = await checkPackageField();
  const outfile = resolve(root, OUTFILE);
  const result = await build({
    entryPoints: [resolve(root, ENTRY)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [browserField],
  });
  const output = result.metafile.outputs[relative(process.cwd(), outfile)] ?? Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  return { outfile, bytes: output.bytes, inputs: Object.keys(result.metafile.inputs).length, note };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outfile, bytes, inputs, note } = await buildBrowserBundle();
  console.log(`${relative(root, outfile)}: ${(bytes / 1024).toFixed(0)} KiB from ${inputs} files`);
  if (note) console.log(`note: ${note}`);
}
