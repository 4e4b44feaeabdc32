/**
 * The kernel module's exports: the GEMM (gemm.ts), the element-wise kernels (elementwise.ts)
 * the convolution and pooling window sweeps (windows.ts), the recurrent gate activations (gate-activations.ts) and the optimizer steps (optimizer-steps.ts, optimizer-steps-keras3.ts). scripts/build-wasm.mjs compiles this file.
 */
export { heapBase, workspaceBytes, gemm } from './gemm';
export { relu, reluBackward, addBias, addBiasRelu, sumColumns, allFinite } from './elementwise';
export { im2col, col2im, maxPool, maxPoolBackward } from './windows';
export { sigmoidInPlace, tanhInPlace } from './gate-activations';
export { axpy, momentumStep, adamStep, scale, rmspropStep, adagradStep, adamaxStep, nadamStep, adadeltaStep } from './optimizer-steps';
export {
  sumSquares, lionStep, lambDirection, ftrlStep, adafactorSecondMoment, adafactorFactored, adafactorDirection, muonMomentum, axpby, axpyTransposed,
} from './optimizer-steps-keras3';
