/**
 * `Model.predict`: the model's outputs for every sample, in forward passes of at most
 * {@link PREDICT_CHUNK_ROWS} rows staged in the kernel heap.
 */
import { optionsObject, positiveInteger } from './checks';
import { allFinite, kernelZeros } from './kernels';
import { freeKernelZeros } from './kernels/kernel-zeros';
import { assertFinite } from './inputs';
import { DataError } from './errors';
import { zeros, type Tensor } from './tensor';
import type { EngineModel } from './engine/engine-model';
import { toDataList, type ModelData } from './engine/model-data';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of `Model.predict`. */
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

/** Each model's input staging buffers for `predict`, kept while the model lives. */
const stagingBuffers = new WeakMap<EngineModel, Tensor[]>();

/**
 * The model's staging buffer for input `k` of `shape`, in the kernel heap; reused while the
 * shape is unchanged, as layers reuse their own buffers, so a `predict` allocates no heap block
 * and touches no new pages after the first.
 */
function stagingBuffer(model: EngineModel, k: number, shape: readonly number[]): Tensor {
  const buffers = stagingBuffers.get(model) ?? [];
  stagingBuffers.set(model, buffers);
  const existing = buffers[k];
  if (existing && existing.shape.length === shape.length && existing.shape.every((d, i) => d === shape[i])) return existing;
  if (existing) freeKernelZeros(existing);
  buffers[k] = kernelZeros(shape, model.dtype);
  return buffers[k];
}

/** Frees the model's staging buffers at once (`Model.dispose`), for the next to reuse. */
export function releaseStagingBuffer(model: EngineModel): void {
  const buffers = stagingBuffers.get(model);
  if (buffers === undefined) return;
  stagingBuffers.delete(model);
  for (const buffer of buffers) freeKernelZeros(buffer);
}

/**
 * Implements `Model.predict`: the outputs for every sample of `x`, as a new tensor (one per
 * output, in output order, for a model of several outputs). Runs the graph's forward pass in
 * inference mode; changes no state.
 */
export function predict(model: EngineModel, x: ModelData, rawOptions?: PredictOptions): Tensor | Tensor[] {
  const done = model.beginCall('predict');
  try {
    const options = optionsObject(rawOptions, 'predict', ['batchSize'] satisfies (keyof PredictOptions)[]);
    const batchSize = positiveInteger(options.batchSize, 'predict: batchSize', 32);
    const xs = toDataList(x, model.inputNames, 'predict: x', model.dtype, false);
    const n = xs[0].shape[0];
    if (xs.some((t) => t.shape[0] !== n)) {
      throw new DataError(`predict: every input must have the same number of samples, got ${xs.map((t) => t.shape[0]).join(', ')}`);
    }
    // An unbuilt model is built from this data only once the data is known to be good.
    if (model.inputShapes === null) xs.forEach((t, k) => assertFinite(t, xs.length > 1 ? `predict: x '${model.inputNames[k]}'` : 'predict: x'));
    const graph = model.ensureBuilt(xs.map((t) => t.shape));
    const rows = passRows(n, batchSize);
    const stages = xs.map((t, k) => stagingBuffer(model, k, [rows, ...t.shape.slice(1)]));
    let outs: Tensor[] | null = null;
    for (let start = 0; start < n; start += rows) {
      // Each pass's rows are copied into the kernel heap, where the finite check is a SIMD scan
      // and the first layer's product reads them in place. A short last pass is padded with zero
      // rows, so every pass has one shape and no layer reallocates its buffers.
      const real = math.min(rows, n - start);
      xs.forEach((t, k) => {
        const rowSize = t.size / n;
        const stage = stages[k];
        stage.data.set(t.data.subarray(t.offset + start * rowSize, t.offset + (start + real) * rowSize));
        stage.data.fill(0, real * rowSize);
        if (!allFinite(stage)) assertFinite(t, xs.length > 1 ? `predict: x '${model.inputNames[k]}'` : 'predict: x');
      });
      const ys = graph.forward(stages, false);
      outs ??= ys.map((y) => zeros([n, ...y.shape.slice(1)], model.dtype));
      ys.forEach((y, k) => {
        const outRowSize = y.size / y.shape[0];
        (outs as Tensor[])[k].data.set(y.data.subarray(y.offset, y.offset + real * outRowSize), start * outRowSize);
      });
    }
    const result = outs as Tensor[];
    return result.length === 1 ? result[0] : result;
  } finally {
    done();
  }
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
