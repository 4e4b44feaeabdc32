/**
 * `npm run bench:lstm` (and the last table of `npm run bench`): training and inference of
 * LSTM(128) on sequences of 32 steps × 64 features, batch 64, then Dense(10, softmax),
 * categorical cross-entropy and Adam, in layerwise and in TensorFlow.js 4.22 on its wasm
 * and cpu backends: the same model, data and settings, in one process one after the other.
 * Each peer trains one untimed epoch first (compilation, buffers), then `REPS` timed epochs;
 * the table gives the medians and the ratios against layerwise. Inference: `REPS` timed
 * predictions of all samples in batches of 256 after one untimed one.
 */
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { Adam, Dense, LSTM, Sequential, oneHot, setSeed, tensor, type Tensor } from '../lib';
import { Random } from '../lib/random';
import { summarize } from './stats';

const median = (values: readonly number[]): number => summarize(values).median;

const STEPS = 32;
const FEATURES = 64;
const UNITS = 128;
const CLASSES = 10;
const BATCH = 64;
const SAMPLES = 1024;
const REPS = Number(process.env.LSTM_BENCH_REPS ?? 5);

/** Seeded inputs in [-1, 1) and class labels. */
function makeData(): { x: Float32Array; labels: number[] } {
  const rng = new Random(7);
  const x = new Float32Array(SAMPLES * STEPS * FEATURES);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniformRange(-1, 1);
  const labels = Array.from({ length: SAMPLES }, () => Math.floor(rng.uniform() * CLASSES));
  return { x, labels };
}

interface Measured {
  readonly train: number[];
  readonly infer: number[];
}

async function timeIt(run: () => Promise<void> | void): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function layerwise(data: ReturnType<typeof makeData>): Promise<Measured> {
  setSeed(1);
  const model = new Sequential([new LSTM({ units: UNITS, inputShape: [STEPS, FEATURES] }), new Dense({ units: CLASSES, activation: 'softmax' })]);
  model.compile({ optimizer: new Adam({ learningRate: 0.001 }), loss: 'categoricalCrossentropy' });
  const x: Tensor = tensor(data.x, [SAMPLES, STEPS, FEATURES]);
  const y = oneHot(tensor(data.labels), CLASSES);
  const fit = async (): Promise<void> => void (await model.fit(x, y, { epochs: 1, batchSize: BATCH, verbose: 0, shuffle: false }));
  await fit();
  const train: number[] = [];
  for (let r = 0; r < REPS; r++) train.push(SAMPLES / (await timeIt(fit)));
  const predict = (): void => void model.predict(x, { batchSize: 256 });
  predict();
  const infer: number[] = [];
  for (let r = 0; r < REPS; r++) infer.push(SAMPLES / (await timeIt(predict)));
  return { train, infer };
}

async function tfjs(backend: 'cpu' | 'wasm', data: ReturnType<typeof makeData>): Promise<Measured> {
  if (backend === 'wasm') setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep);
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialize`);
  await tf.ready();
  const model = tf.sequential({
    layers: [
      tf.layers.lstm({ units: UNITS, recurrentActivation: 'sigmoid', inputShape: [STEPS, FEATURES] }),
      tf.layers.dense({ units: CLASSES, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  const x = tf.tensor(data.x, [SAMPLES, STEPS, FEATURES]);
  const y = tf.oneHot(tf.tensor1d(data.labels, 'int32'), CLASSES);
  const fit = async (): Promise<void> => void (await model.fit(x, y, { epochs: 1, batchSize: BATCH, verbose: 0, shuffle: false }));
  await fit();
  const train: number[] = [];
  for (let r = 0; r < REPS; r++) train.push(SAMPLES / (await timeIt(fit)));
  const predict = (): void => {
    const out = model.predict(x, { batchSize: 256 }) as tf.Tensor;
    out.dataSync();
    out.dispose();
  };
  predict();
  const infer: number[] = [];
  for (let r = 0; r < REPS; r++) infer.push(SAMPLES / (await timeIt(predict)));
  x.dispose();
  y.dispose();
  model.dispose();
  return { train, infer };
}

/** Runs the three peers one after the other and returns the markdown table of their medians and ratios. */
export async function runLstmBench(log: (line: string) => void): Promise<string> {
  const data = makeData();
  const results: [string, Measured | Error][] = [];
  for (const [name, run] of [
    ['layerwise', () => layerwise(data)],
    ['tfjs-wasm', () => tfjs('wasm', data)],
    ['tfjs-cpu', () => tfjs('cpu', data)],
  ] as const) {
    log(`lstm bench: ${name}…`);
    try {
      results.push([name, await run()]);
    } catch (error) {
      results.push([name, error as Error]);
    }
  }
  const ours = results[0][1];
  const row = (name: string, m: Measured | Error): string => {
    if (m instanceof Error) return `| ${name} | cannot run: ${m.message.split('\n')[0]} | | | |`;
    const t = median(m.train), i = median(m.infer);
    // Without layerwise's own figures (it failed) there is no ratio to give.
    const ratio = (theirs: number, pick: (x: Measured) => number[]) => (ours instanceof Error ? '–' : `×${(median(pick(ours)) / theirs).toFixed(2)}`);
    return `| ${name} | ${t.toFixed(0)} | ${ratio(t, (x) => x.train)} | ${i.toFixed(0)} | ${ratio(i, (x) => x.infer)} |`;
  };
  return [
    '',
    `### LSTM(${UNITS}) on ${STEPS} steps × ${FEATURES} features, batch ${BATCH}, Dense(${CLASSES}) softmax, Adam (${SAMPLES} samples, medians of ${REPS} after a warm-up)`,
    '',
    '| peer | train samples/s | layerwise is | predict samples/s | layerwise is |',
    '|---|---|---|---|---|',
    ...results.map(([name, m]) => row(name, m)),
    '',
  ].join('\n');
}

if (require.main === module) {
  runLstmBench((line) => void process.stderr.write(`${line}\n`)).then((table) => void process.stdout.write(table), (error: unknown) => {
    process.stderr.write(`lstm bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
