/**
 * Child processes for the kill and race tests: the library bundled once into one CommonJS file
 * (esbuild, in a separate process because esbuild refuses to run inside Jest's VM context), and
 * {@link spawnChild}, which runs `spec/helpers/io-child.js` on it with the given arguments.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Bundles lib/index.ts into `outDir/layerwise.js` and returns its path. @throws Error with esbuild's output on failure. */
export function bundleLibrary(outDir: string): string {
  const outfile = path.join(outDir, 'layerwise.js');
  const script = `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(path.join(ROOT, 'lib', 'index.ts'))}], bundle: true, platform: 'node', outfile: ${JSON.stringify(outfile)}, logLevel: 'error' })`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bundling the library failed: ${run.stderr}`);
  return outfile;
}

/** A running child, its output so far, and a promise of its exit. */
export interface Child {
  readonly process: ChildProcess;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  /** Resolves when its stdout contains `text`, or rejects when it exits first. */
  waitFor(text: string): Promise<void>;
  /** Resolves with the exit code (null when killed) and stderr. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Runs `io-child.js <bundle> ...args`. */
export function spawnChild(bundle: string, args: readonly string[]): Child {
  const child = spawn(process.execPath, [path.join(__dirname, 'io-child.js'), bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const l of listeners.slice()) l();
  });
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stderr: err }));
  });
  return {
    process: child,
    stdout: () => out,
    exited,
    waitFor: (text) => new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (out.includes(text)) resolve();
      };
      listeners.push(check);
      check();
      void exited.then(({ code, signal, stderr }) => {
        if (!out.includes(text)) reject(new Error(`child exited (${code ?? signal}) before writing '${text}': ${stderr}`));
      });
    }),
  };
}
