/**
 * Smoke test of `npm run bench --quick` for the layerwise peer: the data file, the in-process
 * harness, and one end-to-end run through child processes. No timing assertions; the other
 * peers' heavy runs stay out of `npm test`.
 */
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import { mnistSplit } from '../../lib/data/mnist';
import { loadBenchData } from '../../bench/data';
import { writeDataFile } from '../../bench/data-file';
import { runTask } from '../../bench/harness';
import { createLayerwisePeer } from '../../bench/peers/layerwise';
import { runBench } from '../../bench/bench';
import { prepareChildren, runChild } from '../../bench/runner';
import { QUICK_OPTIONS } from '../../bench/options';
import { renderReport } from '../../bench/table';
import type { DataSpec } from '../../bench/tasks';
import type { Peer } from '../../bench/peers/peer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-bench-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function spec(trainSamples: number, testSamples: number): DataSpec {
  return { file: writeDataFile(dir, 64, 32, 0), splitTrain: 64, splitTest: 32, seed: 0, trainSamples, testSamples };
}

describe('bench data file', () => {
  it('holds the digits and labels of mnistSplit, in order', () => {
    const data = loadBenchData(spec(64, 32));
    const split = mnistSplit({ trainSize: 64, testSize: 32, seed: 0 });
    expect(Array.from(data.xTrain)).toEqual(Array.from(split.xTrain.data));
    expect(Array.from(data.yTest)).toEqual(Array.from(split.yTest.data));
  });

  it('keeps only the first rows asked for', () => {
    const data = loadBenchData(spec(10, 5));
    expect([data.xTrain.length, data.yTrain.length, data.xTest.length, data.yTest.length]).toEqual([7840, 10, 3920, 5]);
  });
});

describe('harness with the layerwise peer', () => {
  const settings = { learningRate: 0.1, batchSize: 16, seed: 1 };

  it('trains, times and scores', async () => {
    const result = await runTask(createLayerwisePeer(), {
      kind: 'train', mlp: 'small', data: spec(64, 32), settings, warmupEpochs: 1, reps: 2, epochsPerRep: 1,
    }, loadBenchData(spec(64, 32)));
    if (result.kind !== 'train') throw new Error('expected a training result');
    expect(result.samplesPerSecond).toHaveLength(2);
    for (const v of result.samplesPerSecond) expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(result.accuracy).toBeGreaterThanOrEqual(0);
    expect(result.accuracy).toBeLessThanOrEqual(1);
    expect(result.epochs).toBe(3);
  });

  it('times both forms of each product', async () => {
    const result = await runTask(createLayerwisePeer(), { kind: 'matmul', shapes: [{ m: 3, k: 5, n: 4 }], reps: 2, maxSeconds: 10, minSeconds: 0.001, seed: 1 }, null);
    if (result.kind !== 'matmul') throw new Error('expected a matmul result');
    expect(result.products.map((p) => p.transposeA)).toEqual([false, true]);
    for (const p of result.products) for (const g of p.gflops) expect(Number.isFinite(g) && g > 0).toBe(true);
  });
});

describe('time-boxed repetitions', () => {
  /** A peer whose forward pass busy-waits `ms` milliseconds, so each repetition takes at least that long. */
  const slowPeer = (ms: number): Peer => ({
    notes: [],
    createMlp: async () => ({
      fitEpoch: async () => undefined,
      predict: () => {
        const end = Date.now() + ms;
        while (Date.now() < end) { /* busy */ }
        return new Float32Array(320);
      },
    }),
  });
  const infer = (reps: number, maxSeconds: number) => runTask(slowPeer(5), {
    kind: 'infer', mlp: 'small', data: spec(64, 32), settings: { learningRate: 0.1, batchSize: 16, seed: 1 }, warmup: 0, warmupSeconds: 0, reps, maxSeconds,
  }, loadBenchData(spec(64, 32)));

  it('stops after 3 repetitions once the time box is spent', async () => {
    // Each repetition takes ≥ 5 ms, so 3 take ≥ 15 ms > 10 ms: repetitions 4 … 10 are skipped.
    const result = await infer(10, 0.01);
    expect(result.kind === 'infer' && result.samplesPerSecond.length).toBe(3);
  });

  it('never runs more repetitions than asked', async () => {
    const result = await infer(2, 0.001);
    expect(result.kind === 'infer' && result.samplesPerSecond.length).toBe(2);
  });
});

describe('runBench --quick, layerwise only', () => {
  it('runs every case in child processes and reports finite ratios', async () => {
    const report = await runBench({
      ...QUICK_OPTIONS, peers: ['layerwise'], numpy: false, backends: false, mlps: ['small'], trainSamples: 64, testSamples: 32,
    });
    expect(report.cases.map((c) => c.id)).toEqual(['train-small', 'infer-small', 'matmul-8x16x12', 'matmul-8x16x12-tA']);
    for (const c of report.cases) {
      expect(c.rows).toHaveLength(1);
      expect(c.rows[0].error).toBeUndefined();
      expect(c.rows[0].ratio).toBe(1);
    }
    expect(report.cases[0].rows[0].peakRssMiB).toBeGreaterThan(0);
    expect(report.baselineRssMiB).toBeGreaterThan(0);
    const markdown = renderReport(report);
    expect(markdown).toContain('| peer | samples/s (median) | min–max | layerwise ÷ peer | test accuracy');
    expect(markdown).toContain('numpy reference skipped (--no-numpy)');
  });

  it('reports a peer that throws as a failed answer, with its message', async () => {
    const message = await runChild(prepareChildren(), { id: 'layerwise', backend: 'no-such-backend' },
      { kind: 'matmul', shapes: [{ m: 2, k: 2, n: 2 }], reps: 1, maxSeconds: 1, minSeconds: 0.001, seed: 1 });
    expect(message.ok).toBe(false);
    expect(!message.ok && message.error).toContain('no-such-backend');
  });
});
