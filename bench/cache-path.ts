/** Where the benchmark's transpiled copy of a TypeScript file lives (kept apart from the compiler). */
import * as path from 'path';

/** The transpiled copy of `file` (absolute, under `root`) in `cacheDir`: same relative path, `.js`. */
export function cachedPath(root: string, cacheDir: string, file: string): string {
  return path.join(cacheDir, path.relative(root, file).replace(/\.ts$/, '.js'));
}
