/**
 * A Jest transform for the ES-module-only packages the library loads with a real `import()`
 * at run time (h5wasm): Jest's CommonJS sandbox cannot run `import()`, so the library falls
 * back to `require`, and this turns the package's files into CommonJS with esbuild
 * (`import.meta.url` becomes the file's URL, and `import("module")` of a Node built-in a
 * `require`, since Jest's sandbox has no dynamic import). Jest caches the result.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const cjs = source.replace(/\bimport\((["'])((?:node:)?[a-z_]+)\1\)/g, 'Promise.resolve(__cjsRequire($1$2$1))');
    const { code } = transformSync(cjs, {
      format: 'cjs',
      loader: 'js',
      target: 'node20',
      define: { 'import.meta.url': '__esmFileUrl' },
      banner: 'const __cjsRequire = require; const __esmFileUrl = require("url").pathToFileURL(__filename).href;',
      sourcefile: filename,
    });
    return { code };
  },
  getCacheKey(source, filename) {
    return require('crypto').createHash('sha256').update('esm-to-cjs-3\0').update(filename).update('\0').update(source).digest('hex');
  },
};
