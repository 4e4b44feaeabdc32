/**
 * Fails (exit 1) when the committed lib/kernels/wasm/*.generated.ts files are not exactly what
 * scripts/build-wasm.mjs produces from the current assembly/ sources. CI runs it so the
 * shipped binaries can never drift from their source.
 *
 * Usage: node scripts/check-wasm.mjs
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, VARIANTS } from './wasm-variants.mjs';

const dir = await mkdtemp(join(tmpdir(), 'layerwise-wasm-'));
try {
  const build = spawnSync(process.execPath, [resolve(ROOT, 'scripts/build-wasm.mjs'), '--out-dir', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    process.stderr.write(`check-wasm: the rebuild failed\n${build.stdout}${build.stderr}`);
    process.exitCode = 1;
  } else {
    for (const { file } of VARIANTS) await compare(resolve(ROOT, 'lib/kernels/wasm', file), join(dir, file));
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** Sets exit code 1 and explains when a committed file is missing or differs from its rebuild. */
async function compare(committedPath, rebuiltPath) {
  const [committed, rebuilt] = await Promise.all([
    readFile(committedPath, 'utf8').catch(() => null),
    readFile(rebuiltPath, 'utf8'),
  ]);
  if (committed !== rebuilt) {
    process.stderr.write(
      committed === null
        ? `check-wasm: ${committedPath} is missing; run \`npm run build:wasm\` and commit it\n`
        : `check-wasm: ${committedPath} differs from a rebuild of assembly/; run \`npm run build:wasm\` and commit it\n`,
    );
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`check-wasm: ${committedPath} matches a rebuild of assembly/\n`);
}
