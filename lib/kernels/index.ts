/** The numeric kernels: output first, return the output, never allocate. */
export { matmul } from './matmul';
/** How many threads computed the last `matmul` (0: TypeScript), a diagnostic for tests, benchmarks and the browser check. */
export { threadsUsedByLastMatmul } from './matmul';
export { kernelZeros } from './kernel-zeros';
export { addBias, addBiasRelu, sumColumns } from './bias';
export { addInto, map, zipWith } from './elementwise';
export { relu, reluBackward } from './relu';
export {
  sgdStep, momentumStep, adamStep, scaleInPlace, rmspropStep, adagradStep, adamaxStep, nadamStep, adadeltaStep,
  type AdamMoments, type RMSpropMoments, type NadamFactors,
} from './optimizer-steps';
export {
  sumOfSquares, lionStep, lambStep, ftrlStep, adafactorSecondMoment, adafactorFactoredMoment, adafactorDirection, muonMomentum, axpby, axpyTransposed,
  type LambMoments, type FtrlFactors,
} from './optimizer-steps-keras3';
export { softmaxRows, logSumExpRows } from './softmax';
export { sigmoidInPlace, tanhInPlace } from './gate-activations';
export { gatherRows, scatterAddRows } from './gather';
export { allFinite } from './finite';
export { setKernelBackend, getKernelBackend, setKernelThreads, getKernelThreads } from './backend';
export type { KernelBackend, KernelThreads } from './backend';
export { initWasm, isWasmReady } from './wasm/gemm-wasm';
export { axisGeometry, convGeometry, isPointwise, type ConvGeometry, type AxisGeometry, type Padding, type WindowOptions } from './conv/conv-geometry';
export { im2col } from './conv/im2col';
export { col2im } from './conv/col2im';
export { maxPool, maxPoolBackward, avgPool, avgPoolBackward } from './conv/pool';
export { depthwiseConv, depthwiseConvBackward } from './conv/depthwise';
export { globalAvgPool, globalAvgPoolBackward, globalAvgPoolMasked, globalAvgPoolMaskedBackward, globalMaxPool, type StepMask } from './conv/global-pool';
export { padImage, cropImage, upsampleNearest, upsampleNearestBackward } from './conv/pad-crop';
