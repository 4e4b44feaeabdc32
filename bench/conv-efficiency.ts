/**
 * `npm run bench:conv` (and a table of `npm run bench`): how much of the GEMM's speed a
 * training step of Keras's MNIST convnet keeps. A step's useful work is its products'
 * multiply-adds, counted per sample from the layer shapes:
 *
 * | layer | forward `Z = cols·W` | filter gradient `dW = colsᵀ·dZ` | input gradient `dX = col2im(dZ·Wᵀ)` |
 * |---|---|---|---|
 * | Conv2D 32 3×3 on 28×28×1 | 26·26·9·32 | the same | none (the first layer) |
 * | Conv2D 64 3×3 on 13×13×32 | 11·11·288·64 | the same | the same |
 * | Dense 1600 → 10 | 1600·10 | the same | the same |
 *
 * Effective GFLOP/s = 2 · (those multiply-adds) · samples per second, for training on 1,024 of
 * the shipped digits at batch 128 with Adam, one and two kernel threads, against the GEMM's own
 * GFLOP/s at 512×512×512 on the same threads (what `npm run bench:matmul` measures), in the
 * same process: medians of `REPS` after a warm-up epoch.
 */
import ndarray from 'ndarray';
import { Adam, mnistSplit, oneHot, reshape, setSeed } from '../lib';
import { setKernelThreads, type KernelThreads } from '../lib/kernels/backend';
import { matmul } from '../lib/kernels/matmul';
import { hardwareThreads } from '../lib/kernels/wasm/worker-host';
import { Random } from '../lib/random';
import { kerasMnistConvnet } from './peers/layerwise-cnn';
import { summarize } from './stats';

const REPS = Number(process.env.CONV_BENCH_REPS ?? 5);
const SAMPLES = 1024;
const BATCH = 128;

/** Multiply-adds of one sample's training step, by the table above. */
export const TRAIN_STEP_MACS = 2 * (26 * 26 * 9 * 32) + 3 * (11 * 11 * 288 * 64) + 3 * (1600 * 10);

const median = (values: readonly number[]): number => summarize(values).median;
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** Training samples per second of the convnet (median of REPS epochs after one untimed). */
async function trainSamplesPerSecond(): Promise<number> {
  setSeed(1);
  const split = mnistSplit({ trainSize: SAMPLES, testSize: 10, seed: 0 });
  const x = reshape(split.xTrain, [SAMPLES, 28, 28, 1]);
  const y = oneHot(split.yTrain, 10);
  const model = kerasMnistConvnet();
  model.compile({ optimizer: new Adam(), loss: 'categoricalCrossentropy' });
  await model.fit(x, y, { epochs: 1, batchSize: BATCH, verbose: 0 });
  const rates: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const start = process.hrtime.bigint();
    await model.fit(x, y, { epochs: 1, batchSize: BATCH, verbose: 0 });
    rates.push(SAMPLES / seconds(start));
  }
  model.dispose();
  return median(rates);
}

/** The GEMM's GFLOP/s at 512³ (median of REPS runs of 8 products after one untimed). */
function gemmGflops(): number {
  const n = 512;
  const rng = new Random(3);
  const matrix = () => ndarray(Float32Array.from({ length: n * n }, () => rng.uniformRange(-1, 1)), [n, n]);
  const a = matrix(), b = matrix(), out = ndarray(new Float32Array(n * n), [n, n]);
  matmul(out, a, b);
  const rates: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < 8; k++) matmul(out, a, b);
    rates.push((8 * 2 * n ** 3) / seconds(start) / 1e9);
  }
  return median(rates);
}

/** Measures one and (where the machine has them) two kernel threads and returns the markdown table. */
export async function runConvEfficiencyBench(log: (line: string) => void): Promise<string> {
  const threads: KernelThreads[] = hardwareThreads() > 1 ? [1, 2] : [1];
  const rows: string[] = [];
  for (const t of threads) {
    setKernelThreads(t);
    log(`conv efficiency bench: ${t} thread${t === 1 ? '' : 's'}…`);
    const samples = await trainSamplesPerSecond();
    const step = (2 * TRAIN_STEP_MACS * samples) / 1e9;
    const gemm = gemmGflops();
    rows.push(`| ${t} | ${samples.toFixed(0)} | ${step.toFixed(1)} | ${gemm.toFixed(1)} | ${((100 * step) / gemm).toFixed(0)}% |`);
  }
  setKernelThreads('auto');
  return [
    '',
    `### Training step of the Keras MNIST convnet against the GEMM (batch ${BATCH}, Adam, ${(2 * TRAIN_STEP_MACS / 1e6).toFixed(2)} MFLOP per sample in its products; medians of ${REPS} after a warm-up)`,
    '',
    '| kernel threads | train samples/s | step GFLOP/s | GEMM 512³ GFLOP/s | step / GEMM |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (require.main === module) {
  runConvEfficiencyBench((line) => void process.stderr.write(`${line}\n`)).then((table) => void process.stdout.write(table), (error: unknown) => {
    process.stderr.write(`conv efficiency bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
