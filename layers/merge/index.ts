/**
 * The merge layers: layers called on a list of inputs (`layer.apply([a, b])` in a model,
 * `layer.forwardInputs([a, b])` by hand), which combine them into one output.
 */
export { MergeLayer } from './merge-layer';
export { ElementwiseMerge } from './elementwise-merge';
export { Add } from './add';
export { Subtract } from './subtract';
export { Multiply } from './multiply';
export { Average } from './average';
export { Maximum } from './maximum';
export { Minimum } from './minimum';
export { Concatenate } from './concatenate';
export type { ConcatenateConfig, ConcatenateOptions } from './concatenate';
export { Dot } from './dot';
export type { DotConfig, DotOptions } from './dot';
