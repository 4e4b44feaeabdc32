/**
 * Starts one child process per (peer, task) and collects its answer. Children run the
 * transpiled sources (see compile-cache.ts) with `--expose-gc`, so the harness can collect
 * garbage between repetitions and the reported peak memory excludes the TypeScript compiler.
 */
import { fork } from 'child_process';
import * as path from 'path';
import { buildCompileCache } from './compile-cache';
import { cachedPath } from './cache-path';
import type { PeerRef } from './peers';
import type { ChildMessage, Task } from './tasks';

/** Where children find the repository, the transpiled sources and the require hook. */
export interface ChildContext {
  readonly root: string;
  readonly cacheDir: string;
  readonly hook: string;
}

/** The repository root (the parent of bench/). */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** Transpiles the sources into `bench/results/.cache` (only what changed) and returns the context. */
export function prepareChildren(root: string = REPO_ROOT): ChildContext {
  const cacheDir = path.join(root, 'bench', 'results', '.cache');
  buildCompileCache(root, cacheDir);
  return { root, cacheDir, hook: cachedPath(root, cacheDir, path.join(root, 'bench', 'require-hook.ts')) };
}

/** How much of a child's output to keep for an error report. */
const OUTPUT_TAIL = 4000;

/** A child still running after this long is stopped and reported as failed (a hung peer must not hang the run). */
const CHILD_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * Runs `task` for `peer` (`null` for the baseline) in a fresh Node process and resolves with
 * its message; a crash, a silent exit or a timeout resolves as `{ ok: false }` with the output's tail.
 */
export function runChild(context: ChildContext, peer: PeerRef | null, task: Task): Promise<ChildMessage> {
  return new Promise((resolve) => {
    const child = fork(path.join(context.root, 'bench', 'child.ts'), [JSON.stringify(peer), JSON.stringify(task)], {
      execArgv: ['-r', context.hook, '--expose-gc'],
      env: { ...process.env, LAYERWISE_BENCH_ROOT: context.root, LAYERWISE_BENCH_CACHE: context.cacheDir },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let answer: ChildMessage | null = null;
    child.on('message', (message) => {
      answer = message as ChildMessage;
    });
    child.on('error', (error) => {
      answer ??= { ok: false, error: `could not start the child: ${error.message}` };
    });
    const timer = setTimeout(() => {
      answer ??= { ok: false, error: `timed out after ${CHILD_TIMEOUT_MS / 60000} minutes` };
      child.kill();
    }, CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(answer ?? { ok: false, error: `child exited (${signal ?? `code ${code}`}) without an answer:\n${output.trim()}` });
    });
  });
}
