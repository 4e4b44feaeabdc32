/**
 * Preloaded (`node -r`) in each benchmark child, in its transpiled form: teaches `require` to
 * load a `.ts` file from the cache that compile-cache.ts built, under the original file name.
 * `LAYERWISE_BENCH_ROOT` is the repository and `LAYERWISE_BENCH_CACHE` the cache folder.
 */
import * as fs from 'fs';
import { cachedPath } from './cache-path';

const root = process.env.LAYERWISE_BENCH_ROOT;
const cacheDir = process.env.LAYERWISE_BENCH_CACHE;
if (!root || !cacheDir) throw new Error('bench require-hook: LAYERWISE_BENCH_ROOT and LAYERWISE_BENCH_CACHE must be set');

type CompilableModule = NodeJS.Module & { _compile(code: string, filename: string): void };

require.extensions['.ts'] = (module, filename) => {
  const compiled = cachedPath(root, cacheDir, filename);
  if (!fs.existsSync(compiled)) throw new Error(`bench require-hook: ${filename} has no transpiled copy at ${compiled}`);
  (module as CompilableModule)._compile(fs.readFileSync(compiled, 'utf8'), filename);
};
