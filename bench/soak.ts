/**
 * `npm run soak`: long runs stay flat. Trains the MNIST MLP 784-128(relu)-10(softmax) on the
 * 8,000-digit split for 200 epochs (`--epochs`), saving a resumable checkpoint (ModelCheckpoint
 * with the optimizer state) every 10 epochs (`--every`) into a temporary directory, and prints
 * the process's memory every 10 epochs: resident set size, V8 heap in use, array buffers, and
 * the tensors allocated since the previous line.
 *
 * The verdict compares the first sample (after `--every` epochs, once buffers, JIT code and the
 * first checkpoint exist) with the last one, and fits a line through the samples from there on
 * and through the second half alone (a leak keeps its slope; warm-up flattens out). It fails
 * (exit code 1) when, from the first sample to the last, the RSS grows by more than
 * `--max-rss-growth` MiB, the V8 heap by more than `--max-heap-growth` MiB, or the typed arrays'
 * buffers (outside the heap) by more than `--max-heap-growth` MiB. Run under
 * `node --expose-gc` (as `npm run soak` does), the heap is collected before each sample, so its
 * figures are what is still reachable.
 *
 * Run: npm run soak [-- --epochs 200 --every 10 --max-rss-growth 16 --max-heap-growth 4]
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseArgs } from 'util';
import { Dense, ModelCheckpoint, SGD, Sequential, loadCheckpoint, mnistSplit, oneHot, setSeed, tensorAllocations, type Callback } from '../lib';

/** One memory reading, after `epoch` epochs. */
interface Sample {
  epoch: number;
  rssMiB: number;
  heapMiB: number;
  arrayBuffersMiB: number;
  tensors: number;
}

const MiB = 1024 * 1024;

/** Collects garbage first when Node runs with `--expose-gc`, so the heap figure is the live heap. */
function measure(epoch: number): Sample {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { epoch, rssMiB: m.rss / MiB, heapMiB: m.heapUsed / MiB, arrayBuffersMiB: m.arrayBuffers / MiB, tensors: tensorAllocations() };
}

/** The least-squares slope of `y` against `x`. */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!(value > 0)) throw new Error(`soak: --${name} must be a positive number, got '${text}'`);
  return value;
}

/** Runs the soak; returns true when memory stayed within the bounds. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<boolean> {
  const { values } = parseArgs({
    args: argv,
    options: {
      epochs: { type: 'string', default: '200' },
      every: { type: 'string', default: '10' },
      'max-rss-growth': { type: 'string', default: '16' },
      'max-heap-growth': { type: 'string', default: '4' },
    },
  });
  const epochs = positiveNumber('epochs', values.epochs);
  const every = positiveNumber('every', values.every);
  const maxRss = positiveNumber('max-rss-growth', values['max-rss-growth']);
  const maxHeap = positiveNumber('max-heap-growth', values['max-heap-growth']);
  if (!Number.isInteger(epochs) || !Number.isInteger(every) || epochs < 2 * every) {
    throw new Error(`soak: --epochs and --every must be integers with epochs >= 2·every, got ${epochs} and ${every}`);
  }

  setSeed(42);
  const { xTrain, yTrain } = mnistSplit({ trainSize: 8000, testSize: 2000, seed: 0 });
  const y = oneHot(yTrain, 10);
  const model = new Sequential([
    new Dense({ units: 128, activation: 'relu', inputShape: [784] }),
    new Dense({ units: 10, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: new SGD({ learningRate: 0.05, momentum: 0.9 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const dir = mkdtempSync(join(tmpdir(), 'layerwise-soak-'));
  const gcNote = typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'heap collected before each sample' : 'run with node --expose-gc for a collected heap';
  console.log(`soak: ${epochs} epochs of 784-128-10 on ${xTrain.shape[0]} MNIST digits, a checkpoint every ${every} epochs in ${dir} (${gcNote})`);
  console.log('epoch   loss    acc     rss MiB  heap MiB  buffers MiB  tensors+  s');
  const samples: Sample[] = [];
  const started = Date.now();
  const probe: Callback = {
    onEpochEnd(epoch, logs = {}) {
      if ((epoch + 1) % every !== 0) return;
      const s = measure(epoch + 1);
      const allocated = s.tensors - (samples.at(-1)?.tensors ?? 0);
      samples.push(s);
      console.log(`${String(s.epoch).padStart(5)}  ${logs.loss.toFixed(4)}  ${logs.accuracy.toFixed(4)}  ${s.rssMiB.toFixed(1).padStart(7)}  ${s.heapMiB.toFixed(1).padStart(8)}  ${s.arrayBuffersMiB.toFixed(1).padStart(11)}  ${String(allocated).padStart(8)}  ${((Date.now() - started) / 1000).toFixed(0)}`);
    },
  };
  const checkpoint = new ModelCheckpoint({ filepath: join(dir, 'latest'), period: every });
  try {
    await model.fit(xTrain, y, { epochs, batchSize: 32, verbose: 0, seed: 1, callbacks: [checkpoint, probe] });
    const { epoch } = await loadCheckpoint(join(dir, 'latest'));
    console.log(`last checkpoint: ${checkpoint.saved.length} saves, loads back at epoch ${epoch}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const first = samples[0], last = samples[samples.length - 1];
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const growth: [string, keyof Sample, number][] = [['rss', 'rssMiB', maxRss], ['heap', 'heapMiB', maxHeap], ['buffers', 'arrayBuffersMiB', maxHeap]];
  console.log(`\nfrom epoch ${first.epoch} to ${last.epoch} (slopes: all samples from epoch ${first.epoch} / from epoch ${secondHalf[0].epoch}):`);
  let ok = true;
  for (const [name, key, bound] of growth) {
    const delta = last[key] - first[key];
    const kib = (part: Sample[]): string => (slope(part.map((s) => s.epoch), part.map((s) => s[key])) * 1024).toFixed(1);
    ok &&= delta <= bound;
    console.log(`  ${name.padEnd(7)} ${first[key].toFixed(1)} -> ${last[key].toFixed(1)} MiB (${delta >= 0 ? '+' : ''}${delta.toFixed(1)}; slope ${kib(samples)} / ${kib(secondHalf)} KiB/epoch; bound +${bound} MiB)`);
  }
  console.log(`  tensors allocated after epoch ${first.epoch}: ${last.tensors - first.tensors} (${checkpoint.saved.length - 1} checkpoints since)`);
  console.log(ok ? 'PASS: memory stays flat' : 'FAIL: memory grows beyond the bounds');
  return ok;
}

if (require.main === module) {
  main().then((ok) => { process.exitCode = ok ? 0 : 1; }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
