/**
 * Runs one task against one peer and times it. All timing lives here, so every peer is timed
 * the same way: warm-up first (JIT tiers, cwise compilation, wasm instantiation), then
 * repetitions, each preceded by a garbage collection when `--expose-gc` is on.
 */
import { performance } from 'perf_hooks';
import { accuracyOf, type BenchData } from './data';
import { CLASSES, MIN_REPS, MLPS, matmulFlops, type MatmulMeasurement, type Task, type TaskResult, type TimeBox } from './tasks';
import type { Peer } from './peers/peer';

/** Collects garbage between repetitions when the process runs with `--expose-gc`. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Seconds that `body` takes. */
async function seconds(body: () => unknown): Promise<number> {
  const start = performance.now();
  await body();
  return (performance.now() - start) / 1000;
}

/**
 * Times `body` repeatedly as `box` allows (see {@link TimeBox}), collecting garbage before each
 * repetition, and returns `measure(seconds)` for each.
 */
async function timeBoxed(box: TimeBox, body: () => unknown, measure: (seconds: number) => number): Promise<number[]> {
  const values: number[] = [];
  let total = 0;
  for (let r = 0; r < box.reps; r++) {
    collectGarbage();
    const elapsed = await seconds(body);
    values.push(measure(elapsed));
    total += elapsed;
    if (r + 1 >= MIN_REPS && total >= box.maxSeconds) break;
  }
  return values;
}

/**
 * Runs `task` on `peer` with `data` (`null` for a matmul or baseline task) and returns its
 * measurements.
 */
export async function runTask(peer: Peer | null, task: Task, data: BenchData | null): Promise<TaskResult> {
  if (task.kind === 'baseline') return { kind: 'baseline' };
  if (!peer) throw new Error(`runTask: a '${task.kind}' task needs a peer`);
  if (task.kind === 'matmul') return { kind: 'matmul', products: await runMatmul(peer, task) };
  if (!data) throw new Error(`runTask: a '${task.kind}' task needs data`);
  const model = await peer.createMlp(MLPS[task.mlp], data, task.settings);
  if (task.kind === 'infer') {
    const warmupStart = performance.now();
    for (let i = 0; i < task.warmup || performance.now() - warmupStart < task.warmupSeconds * 1000; i++) model.predict();
    const samplesPerSecond = await timeBoxed(task, () => model.predict(), (s) => data.testSamples / s);
    return { kind: 'infer', samplesPerSecond, batch: data.testSamples };
  }
  for (let i = 0; i < task.warmupEpochs; i++) await model.fitEpoch();
  const samplesPerSecond: number[] = [];
  for (let r = 0; r < task.reps; r++) {
    collectGarbage();
    const elapsed = await seconds(async () => {
      for (let e = 0; e < task.epochsPerRep; e++) await model.fitEpoch();
    });
    samplesPerSecond.push((data.trainSamples * task.epochsPerRep) / elapsed);
  }
  return {
    kind: 'train',
    samplesPerSecond,
    accuracy: accuracyOf(model.predict(), data.yTest, CLASSES),
    epochs: task.warmupEpochs + task.reps * task.epochsPerRep,
    trainSamples: data.trainSamples,
  };
}

async function runMatmul(peer: Peer, task: Extract<Task, { kind: 'matmul' }>): Promise<MatmulMeasurement[]> {
  const createMatmul = peer.createMatmul;
  if (!createMatmul) throw new Error('runTask: this peer has no matrix product');
  const products: MatmulMeasurement[] = [];
  for (const shape of task.shapes) {
    for (const transposeA of [false, true]) {
      const product = createMatmul(shape, transposeA, task.seed);
      // Two untimed calls (the first may run in a baseline tier), then size each repetition
      // to last at least minSeconds from the second call's time.
      product.run();
      const once = await seconds(() => product.run());
      const iterations = Math.max(1, Math.ceil(task.minSeconds / Math.max(once, 1e-6)));
      const gflops = await timeBoxed(task, () => {
        for (let i = 0; i < iterations; i++) product.run();
      }, (s) => (matmulFlops(shape) * iterations) / s / 1e9);
      products.push({ ...shape, transposeA, gflops });
    }
  }
  return products;
}
