/**
 * `Sequential.predict`: the model's outputs for every sample, in forward passes of at most
 * {@link PREDICT_CHUNK_ROWS} rows staged in the kernel heap.
 */
import { optionsObject, positiveInteger } from './checks';
import { allFinite, kernelZeros } from './kernels';
import { freeKernelZeros } from './kernels/kernel-zeros';
import { assertFinite, toDataTensor, type DataLike } from './inputs';
import { zeros, type Tensor } from './tensor';
import type { Sequential } from './sequential';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of `Sequential.predict`. */
export interface PredictOptions {
  /**
   * Samples per forward pass, at most {@link PREDICT_CHUNK_ROWS}: larger batches run as equal
   * passes of at most that many rows. At inference every layer treats rows independently, and a
   * product's rows do not depend on how many rows it has, so the results are those of one pass
   * (bit for bit, unless a pass's products are small enough for the TypeScript kernel while one
   * pass's would not be; then to float32 rounding). @defaultValue 32
   */
  batchSize?: number;
}

/**
 * The most rows `predict` runs through the model at once. Passes this size keep products large
 * enough for both cores while bounding the memory of a big batch: for 2,000 digits at batch
 * 2,000 the staged input and the layers' buffers shrink from 7.9 MiB to 2 MiB.
 */
export const PREDICT_CHUNK_ROWS = 512;

/** Each model's input staging buffer for `predict`, kept while the model lives. */
const stagingBuffers = new WeakMap<Sequential, Tensor>();

/**
 * The model's staging buffer for an input batch of `shape`, in the kernel heap; reused while the
 * shape is unchanged, as layers reuse their own buffers, so a `predict` allocates no heap block
 * and touches no new pages after the first.
 */
function stagingBuffer(model: Sequential, shape: readonly number[]): Tensor {
  const existing = stagingBuffers.get(model);
  if (existing && existing.shape.length === shape.length && existing.shape.every((d, i) => d === shape[i])) return existing;
  if (existing) freeKernelZeros(existing);
  const buffer = kernelZeros(shape, model.dtype);
  stagingBuffers.set(model, buffer);
  return buffer;
}

/** Frees the model's staging buffer at once (`Sequential.dispose`), for the next to reuse. */
export function releaseStagingBuffer(model: Sequential): void {
  const buffer = stagingBuffers.get(model);
  if (buffer === undefined) return;
  stagingBuffers.delete(model);
  freeKernelZeros(buffer);
}

/** Implements `Sequential.predict`: the outputs for every sample of `x`, as a new tensor. */
export function predict(model: Sequential, x: DataLike, rawOptions?: PredictOptions): Tensor {
  const options = optionsObject(rawOptions, 'predict');
  const batchSize = positiveInteger(options.batchSize, 'predict: batchSize', 32);
  const xs = toDataTensor(x, 'predict: x', model.dtype, false);
  model.ensureBuilt(xs.shape);
  const n = xs.shape[0];
  const rowSize = xs.size / n;
  const rows = passRows(n, batchSize);
  const stage = stagingBuffer(model, [rows, ...xs.shape.slice(1)]);
  let out: Tensor | null = null;
  for (let start = 0; start < n; start += rows) {
    // Each pass's rows are copied into the kernel heap, where the finite check is a SIMD scan
    // and the first layer's product reads them in place. A short last pass is padded with zero
    // rows, so every pass has one shape and no layer reallocates its buffers.
    const real = math.min(rows, n - start);
    stage.data.set(xs.data.subarray(xs.offset + start * rowSize, xs.offset + (start + real) * rowSize));
    stage.data.fill(0, real * rowSize);
    if (!allFinite(stage)) assertFinite(xs, 'predict: x');
    const y = model.forwardInference(stage);
    const outRowSize = y.size / y.shape[0];
    if (!out) out = zeros([n, ...y.shape.slice(1)], model.dtype);
    out.data.set(y.data.subarray(y.offset, y.offset + real * outRowSize), start * outRowSize);
  }
  return out as Tensor;
}

/**
 * Rows per forward pass of `predict` over `n` samples with batch size `batchSize`: all of
 * them when they fit in one pass of at most `min(batchSize, PREDICT_CHUNK_ROWS)` rows, else
 * that many passes of equal size (2,000 digits at batch 2,000 run as 4 passes of 500).
 */
function passRows(n: number, batchSize: number): number {
  const cap = math.min(batchSize, PREDICT_CHUNK_ROWS);
  return n <= cap ? n : math.ceil(n / math.ceil(n / cap));
}
