/**
 * The kernel module's exports: the GEMM (gemm.ts) and the element-wise kernels
 * (elementwise.ts). scripts/build-wasm.mjs compiles this file.
 */
export { heapBase, workspaceBytes, gemm } from './gemm';
export { axpy, momentumStep, relu, reluBackward, addBias, sumColumns, allFinite } from './elementwise';
