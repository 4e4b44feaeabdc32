/**
 * Runs the whole benchmark: every selected peer on every selected case, each in its own child
 * process, plus numpy's sgemm as the physical limit, and assembles the {@link BenchReport}.
 */
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { writeDataFile } from './data-file';
import { runNumpy } from './numpy';
import type { BenchOptions } from './options';
import { PEER_INFO, peerLabel, type PeerRef } from './peers';
import { buildCase, type BenchReport, type CaseResult, type Measurement } from './report';
import { prepareChildren, runChild, type ChildContext } from './runner';
import { formatValue } from './table';
import { MLPS, type ChildMessage, type DataSpec, type MatmulMeasurement, type MatmulShape, type MlpId, type Task, type TaskResult } from './tasks';

/** Where progress lines go (stderr in the CLI). */
export type Log = (line: string) => void;

/** The layerwise kernel backends to compare besides the default, when lib/kernels can select them. */
/**
 * The inference case's untimed passes last at least this long (after at least 2), the same for
 * every peer: a peer's first passes include one-time start-up (V8's tier-up of its code, and for
 * layerwise its kernel worker starting, about 200 ms), which two 7-ms passes did not cover.
 */
const INFER_WARMUP_SECONDS = 1;
const LAYERWISE_BACKENDS = ['js', 'wasm'];

async function layerwiseRefs(options: BenchOptions, log: Log): Promise<PeerRef[]> {
  const refs: PeerRef[] = [{ id: 'layerwise' }];
  if (!options.backends) return refs;
  try {
    const { kernelBackendSetter } = await import('./peers/layerwise');
    if (kernelBackendSetter()) return [...refs, ...LAYERWISE_BACKENDS.map((backend) => ({ id: 'layerwise' as const, backend }))];
    log('lib/kernels exports no setKernelBackend: layerwise runs with its default kernels only');
  } catch (error) {
    log(`could not load layerwise in the parent to look for setKernelBackend (${(error as Error).message.split('\n')[0]})`);
  }
  return refs;
}

/** Runs one child and logs a one-line summary. */
async function run(context: ChildContext, ref: PeerRef | null, task: Task, caseName: string, log: Log): Promise<ChildMessage> {
  const start = performance.now();
  const message = await runChild(context, ref, task);
  const label = ref ? peerLabel(ref) : 'node + data';
  const took = `${((performance.now() - start) / 1000).toFixed(1)} s`;
  if (!message.ok) log(`[${caseName}] ${label}: FAILED (${took}): ${message.error.split('\n')[0]}`);
  else log(`[${caseName}] ${label}: ${summary(message.result)}, peak RSS ${message.peakRssMiB.toFixed(0)} MiB (${took})`);
  return message;
}

function summary(result: TaskResult): string {
  const median = (values: readonly number[]) => formatValue(values.slice().sort((a, b) => a - b)[values.length >> 1]);
  switch (result.kind) {
    case 'baseline': return 'loaded the data';
    case 'train': return `${median(result.samplesPerSecond)} samples/s, test accuracy ${(100 * result.accuracy).toFixed(1)}%`;
    case 'infer': return `${median(result.samplesPerSecond)} samples/s`;
    case 'matmul': return result.products.map((p) => `${p.m}×${p.k}×${p.n}${p.transposeA ? 'ᵀ' : ''} ${median(p.gflops)}`).join(', ') + ' GFLOP/s';
  }
}

function failed(peer: string, message: ChildMessage): Measurement {
  return { peer, values: null, error: message.ok ? 'unexpected result' : message.error };
}

function matmulId(s: MatmulShape, transposeA: boolean): string {
  return `matmul-${s.m}x${s.k}x${s.n}${transposeA ? '-tA' : ''}`;
}

/**
 * Runs the benchmark described by `options`, logging progress, and returns the report.
 * Failures of single peers become rows with an error; only a failure to set up throws.
 */
export async function runBench(options: BenchOptions, log: Log = () => undefined): Promise<BenchReport> {
  const context = prepareChildren();
  const notes = new Set<string>();
  const file = writeDataFile(path.join(context.cacheDir, 'data'), options.trainSamples, options.testSamples, options.dataSeed);
  const dataFor = (ref: PeerRef, mlp: MlpId): DataSpec => {
    const cap = options.sampleCaps[ref.id]?.[mlp];
    return {
      file, splitTrain: options.trainSamples, splitTest: options.testSamples, seed: options.dataSeed,
      trainSamples: cap === undefined ? options.trainSamples : Math.min(cap, options.trainSamples), testSamples: options.testSamples,
    };
  };
  const settings = { learningRate: options.learningRate, batchSize: options.batchSize, seed: options.seed };
  const refs: PeerRef[] = [];
  for (const id of options.peers) refs.push(...(id === 'layerwise' ? await layerwiseRefs(options, log) : [{ id }]));
  const keepNotes = (message: ChildMessage) => {
    if (message.ok) for (const n of message.notes) notes.add(n);
  };

  const baseline = await run(context, null, { kind: 'baseline', data: dataFor({ id: 'layerwise' }, 'small') }, 'baseline', log);
  const cases: CaseResult[] = [];

  if (options.cases.includes('train')) {
    for (const mlp of options.mlps) {
      const rows: Measurement[] = [];
      for (const ref of refs) {
        const data = dataFor(ref, mlp);
        const task: Task = { kind: 'train', mlp, data, settings, warmupEpochs: options.warmupEpochs, reps: options.reps, epochsPerRep: options.epochsPerRep };
        const message = await run(context, ref, task, `train ${mlp}`, log);
        keepNotes(message);
        const note = data.trainSamples < options.trainSamples
          ? `${data.trainSamples.toLocaleString('en-US')} digits/epoch (capped: slow), so its accuracy is not comparable` : undefined;
        if (!message.ok || message.result.kind !== 'train') rows.push(failed(peerLabel(ref), message));
        else rows.push({ peer: peerLabel(ref), values: message.result.samplesPerSecond, accuracy: message.result.accuracy, peakRssMiB: message.peakRssMiB, ...(note ? { note } : {}) });
      }
      const epochs = options.warmupEpochs + options.reps * options.epochsPerRep;
      cases.push(buildCase(`train-${mlp}`, `Training ${MLPS[mlp].title}: samples/s; test accuracy after ${epochs} epochs`, 'samples/s', rows));
    }
  }

  if (options.cases.includes('infer')) {
    for (const mlp of options.mlps) {
      const rows: Measurement[] = [];
      for (const ref of refs) {
        const task: Task = { kind: 'infer', mlp, data: dataFor(ref, mlp), settings, warmup: 2, warmupSeconds: INFER_WARMUP_SECONDS, reps: options.inferReps, maxSeconds: options.maxSeconds };
        const message = await run(context, ref, task, `infer ${mlp}`, log);
        keepNotes(message);
        const batchOne = ref.id === 'brain' || ref.id === 'convnetjs' ? 'one sample at a time (no batched forward)' : undefined;
        if (!message.ok || message.result.kind !== 'infer') rows.push(failed(peerLabel(ref), message));
        else rows.push({ peer: peerLabel(ref), values: message.result.samplesPerSecond, ...(batchOne ? { note: batchOne } : {}) });
      }
      const batch = MLPS[mlp].convnet ? `${options.testSamples} digits in batches of ${MLPS[mlp].convnet?.inferBatch}` : `batch ${options.testSamples}`;
      cases.push(buildCase(`infer-${mlp}`, `Inference ${MLPS[mlp].title}, ${batch}: samples/s`, 'samples/s', rows));
    }
  }

  if (options.cases.includes('matmul')) {
    const byPeer: { peer: string; products: readonly MatmulMeasurement[] | null; error?: string }[] = [];
    for (const ref of refs.filter((r) => PEER_INFO[r.id].hasMatmul)) {
      const task: Task = { kind: 'matmul', shapes: options.matmulShapes, reps: options.matmulReps, maxSeconds: options.maxSeconds, minSeconds: options.matmulMinSeconds, seed: options.seed };
      const message = await run(context, ref, task, 'matmul', log);
      keepNotes(message);
      if (!message.ok || message.result.kind !== 'matmul') byPeer.push({ peer: peerLabel(ref), products: null, error: message.ok ? 'unexpected result' : message.error });
      else byPeer.push({ peer: peerLabel(ref), products: message.result.products });
    }
    if (options.numpy) {
      for (const threads of [1, 2]) {
        const result = runNumpy(options.matmulShapes, options.matmulReps, options.matmulMinSeconds, options.seed, threads);
        if (!result.available) {
          notes.add(`numpy reference skipped: ${result.reason}`);
          break;
        }
        const peer = `numpy (${threads} thread${threads > 1 ? 's' : ''})`;
        notes.add(`${peer}: numpy ${result.version} sgemm from ${result.blas}, the physical-limit reference (OPENBLAS_NUM_THREADS=${threads})`);
        log(`[matmul] ${peer}: ${summary({ kind: 'matmul', products: result.products })}`);
        byPeer.push({ peer, products: result.products });
      }
    } else {
      notes.add('numpy reference skipped (--no-numpy)');
    }
    for (const shape of options.matmulShapes) {
      for (const transposeA of [false, true]) {
        const rows = byPeer.map(({ peer, products, error }): Measurement => {
          const p = products?.find((q) => q.m === shape.m && q.k === shape.k && q.n === shape.n && q.transposeA === transposeA);
          return p ? { peer, values: p.gflops } : { peer, values: null, error: error ?? 'not measured' };
        });
        const form = transposeA ? `Aᵀ·B (A stored ${shape.k}×${shape.m})` : 'A·B';
        cases.push(buildCase(matmulId(shape, transposeA), `Matrix multiply float32 (M, K, N) = (${shape.m}, ${shape.k}, ${shape.n}), ${form}: GFLOP/s`, 'GFLOP/s', rows));
      }
    }
  }

  const baselineRssMiB = baseline.ok ? baseline.peakRssMiB : null;
  if (baselineRssMiB !== null) notes.add(`A child that only loads the data peaks at ${baselineRssMiB.toFixed(0)} MiB: the floor under every peak-RSS figure.`);
  notes.add('Peak RSS is the child process\'s VmHWM (Linux) at the end of the run; each (peer, case) runs in its own process.');
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    machine: { node: process.version, cpu: cpus[0]?.model ?? 'unknown CPU', cores: cpus.length, platform: `${os.platform()} ${os.arch()}` },
    options,
    baselineRssMiB,
    cases,
    notes: [...notes],
  };
}
