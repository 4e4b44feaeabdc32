/**
 * Fails (exit 1) when the committed lib/kernels/wasm/gemm-wasm.generated.ts is not exactly
 * what scripts/build-wasm.mjs produces from the current assembly/ sources. CI runs it so the
 * shipped binary can never drift from its source.
 *
 * Usage: node scripts/check-wasm.mjs
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committedPath = resolve(root, 'lib/kernels/wasm/gemm-wasm.generated.ts');
const dir = await mkdtemp(join(tmpdir(), 'layerwise-wasm-'));
try {
  const rebuiltPath = join(dir, 'gemm-wasm.generated.ts');
  const build = spawnSync(process.execPath, [resolve(root, 'scripts/build-wasm.mjs'), '--out', rebuiltPath], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    process.stderr.write(`check-wasm: the rebuild failed\n${build.stdout}${build.stderr}`);
    process.exitCode = 1;
  } else {
    await compare(rebuiltPath);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** Sets exit code 1 and explains when the committed file is missing or differs. */
async function compare(rebuiltPath) {
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
  process.stdout.write('check-wasm: the committed GEMM binary matches a rebuild of assembly/\n');
}
