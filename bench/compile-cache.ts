/**
 * Transpiles the repository's TypeScript once, in the parent, so that child processes run plain
 * JavaScript: loading ts-node or the TypeScript compiler in a child would add ~55 MiB to the
 * peak resident memory the benchmark reports. The children keep the original `.ts` file names
 * (see require-hook.ts), so `__dirname`-relative paths (e.g. to .wasm files) still resolve.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { cachedPath } from './cache-path';

/** Folders whose TypeScript a child may load. */
const SOURCE_DIRS = ['lib', 'layers', 'losses', 'optimizers', 'bench'];

function* typeScriptFiles(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'results' && entry.name !== 'node_modules') yield* typeScriptFiles(full);
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/**
 * Transpiles every `.ts` file of the source folders under `root` into `cacheDir` (CommonJS,
 * ES2022, no type check), skipping files whose copy is newer than the source. Returns the
 * number of files transpiled.
 */
export function buildCompileCache(root: string, cacheDir: string): number {
  let count = 0;
  for (const dir of SOURCE_DIRS) {
    for (const file of typeScriptFiles(path.join(root, dir))) {
      const target = cachedPath(root, cacheDir, file);
      if (fs.existsSync(target) && fs.statSync(target).mtimeMs >= fs.statSync(file).mtimeMs) continue;
      const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Write then rename, so a concurrent run never reads half a file.
      const temporary = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, outputText);
      fs.renameSync(temporary, target);
      count++;
    }
  }
  return count;
}
