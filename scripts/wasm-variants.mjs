/**
 * The two builds of assembly/gemm.ts, shared by scripts/build-wasm.mjs (which writes them) and
 * scripts/check-wasm.mjs (which proves the committed files match a rebuild).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Each build: the generated file's name in lib/kernels/wasm/, the constant it exports, its
 * TSDoc line, and the compiler flags beyond the common ones.
 *
 * The shared build imports its memory (`env.memory`, shared, at most 65,536 pages = 4 GiB, the
 * wasm32 limit; the loader creates it smaller) so that every thread's instance runs on one heap.
 */
export const VARIANTS = [
  {
    file: 'gemm-wasm.generated.ts',
    constant: 'GEMM_WASM_BASE64',
    description: 'The float32 SIMD GEMM WebAssembly module',
    flags: [],
  },
  {
    file: 'gemm-wasm-shared.generated.ts',
    constant: 'GEMM_SHARED_WASM_BASE64',
    description: 'The float32 SIMD GEMM WebAssembly module on an imported shared memory',
    flags: ['--importMemory', '--sharedMemory', '--maximumMemory', '65536', '--enable', 'threads'],
  },
];
