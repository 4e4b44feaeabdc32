/**
 * The four builds of assembly/index.ts (own or shared memory, with or without relaxed SIMD), shared by scripts/build-wasm.mjs (which writes them) and
 * scripts/check-wasm.mjs (which proves the committed files match a rebuild).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Flags of the shared-memory builds. */
const SHARED_FLAGS = ['--importMemory', '--sharedMemory', '--maximumMemory', '65536', '--enable', 'threads'];
/** Flags of the relaxed-SIMD builds (the micro-kernel's fused multiply-add). */
const RELAXED_FLAGS = ['--enable', 'relaxed-simd'];

/**
 * Each build: the generated file's name in lib/kernels/wasm/, the constant it exports, its
 * TSDoc line, and the compiler flags beyond the common ones.
 *
 * The relaxed builds differ only in the micro-kernel's multiply-add (assembly/micro-kernel.ts).
 * The shared builds import their memory (`env.memory`, shared, at most 65,536 pages = 4 GiB, the
 * wasm32 limit; the loader creates it smaller) so that every thread's instance runs on one heap.
 */
export const VARIANTS = [
  {
    file: 'gemm-wasm.generated.ts',
    constant: 'GEMM_WASM_BASE64',
    description: 'The float32 SIMD kernel WebAssembly module',
    flags: [],
  },
  {
    file: 'gemm-wasm-shared.generated.ts',
    constant: 'GEMM_SHARED_WASM_BASE64',
    description: 'The float32 SIMD kernel WebAssembly module on an imported shared memory',
    flags: SHARED_FLAGS,
  },
  {
    file: 'gemm-wasm-relaxed.generated.ts',
    constant: 'GEMM_RELAXED_WASM_BASE64',
    description: 'The float32 SIMD kernel WebAssembly module with relaxed-SIMD fused multiply-adds',
    flags: RELAXED_FLAGS,
  },
  {
    file: 'gemm-wasm-shared-relaxed.generated.ts',
    constant: 'GEMM_SHARED_RELAXED_WASM_BASE64',
    description: 'The float32 SIMD kernel WebAssembly module with relaxed-SIMD fused multiply-adds on an imported shared memory',
    flags: [...SHARED_FLAGS, ...RELAXED_FLAGS],
  },
];
