/** The benchmark's settings: defaults for the full run, the `--quick` smoke test, and the command-line flags. */
import { parseArgs } from 'util';
import { PEER_IDS, isPeerId, type PeerId } from './peers';
import type { MatmulShape, MlpId } from './tasks';

/** The benchmark's three kinds of case. */
export const CASE_KINDS = ['train', 'infer', 'matmul'] as const;
/** A kind of case: training throughput and accuracy, inference throughput, matrix multiply. */
export type CaseKind = (typeof CASE_KINDS)[number];

/** Caps on a peer's training samples per epoch, per model (slow peers train on the first N digits). */
export type SampleCaps = Readonly<Partial<Record<PeerId, Readonly<Partial<Record<MlpId, number>>>>>>;

/** Everything a run depends on; written into the JSON report. */
export interface BenchOptions {
  /** The peers to run, in table order. */
  readonly peers: readonly PeerId[];
  /** The kinds of case to run. */
  readonly cases: readonly CaseKind[];
  /** The models to train and run inference on. */
  readonly mlps: readonly MlpId[];
  /** Untimed epochs before the timed ones. */
  readonly warmupEpochs: number;
  /** Timed training repetitions. */
  readonly reps: number;
  /** Epochs per timed training repetition. */
  readonly epochsPerRep: number;
  /** Timed inference repetitions (after two untimed). */
  readonly inferReps: number;
  /** Timed repetitions of each matrix product. */
  readonly matmulReps: number;
  /** Inference and matmul repetitions stop after this many seconds once 3 are done (slow peers). */
  readonly maxSeconds: number;
  /** The shortest matrix-multiply repetition, in seconds (more calls per repetition for small products). */
  readonly matmulMinSeconds: number;
  /** The matrix products, each run plain and with A transposed. */
  readonly matmulShapes: readonly MatmulShape[];
  /** Training digits of the split (the 8,000). */
  readonly trainSamples: number;
  /** Test digits of the split, also the inference batch (the 2,000). */
  readonly testSamples: number;
  /** Per-peer caps on training samples per epoch. */
  readonly sampleCaps: SampleCaps;
  /** Samples per SGD update (brain.js: always 1). */
  readonly batchSize: number;
  /** SGD step size for every peer. */
  readonly learningRate: number;
  /** Seed of the weights, shuffles and `Math.random`. */
  readonly seed: number;
  /** Seed of the MNIST split. */
  readonly dataSeed: number;
  /** Also time numpy's sgemm (OpenBLAS) with 1 and 2 threads when python3 has numpy. */
  readonly numpy: boolean;
  /** Run every layerwise kernel backend ('js', 'wasm') besides the default, when `setKernelBackend` exists. */
  readonly backends: boolean;
  /** True for the `--quick` smoke-test sizes. */
  readonly quick: boolean;
}

/** The full run: about 5-8 minutes on 2 cores. */
export const DEFAULT_OPTIONS: BenchOptions = {
  peers: PEER_IDS,
  cases: CASE_KINDS,
  mlps: ['small', 'big', 'residual', 'cnn'],
  warmupEpochs: 1,
  reps: 3,
  epochsPerRep: 1,
  inferReps: 10,
  matmulReps: 5,
  maxSeconds: 5,
  matmulMinSeconds: 0.2,
  matmulShapes: [{ m: 64, k: 784, n: 128 }, { m: 512, k: 512, n: 512 }, { m: 1024, k: 1024, n: 1024 }],
  trainSamples: 8000,
  testSamples: 2000,
  // brain.js (batch 1, ~1,200 samples/s on the small MLP) and the big MLP on tfjs-cpu and
  // ConvNetJS (~300-400 samples/s) would take minutes per run on all 8,000 digits.
  // The convnet trains at about 1-3 samples/s on tfjs-cpu (a batch of 128 takes 50-140 s) and
  // 20-40 on ConvNetJS.
  sampleCaps: { brain: { small: 2000, big: 500 }, 'tfjs-cpu': { big: 2000, cnn: 128 }, convnetjs: { big: 2000, cnn: 512 } },
  batchSize: 64,
  learningRate: 0.1,
  seed: 1,
  dataSeed: 0,
  numpy: true,
  backends: true,
  quick: false,
};

/** `--quick`: tiny sizes, one repetition, a few seconds per peer; a smoke test, not a measurement. */
export const QUICK_OPTIONS: BenchOptions = {
  ...DEFAULT_OPTIONS,
  reps: 1,
  inferReps: 1,
  matmulReps: 1,
  matmulMinSeconds: 0.01,
  matmulShapes: [{ m: 8, k: 16, n: 12 }],
  trainSamples: 256,
  testSamples: 128,
  sampleCaps: { brain: { small: 128, big: 64 }, 'tfjs-cpu': { big: 128, cnn: 128 }, convnetjs: { big: 128, cnn: 128 } },
  quick: true,
};

/** The command-line help. */
export const USAGE = `Usage: npm run bench -- [flags]   (or: npx tsx bench/run.ts [flags])

  --quick              tiny sizes, one repetition: a smoke test of every peer (seconds, not minutes)
  --peers a,b          peers to run (default all: ${PEER_IDS.join(',')})
  --cases a,b          train, infer, matmul (default all)
  --mlps a,b           small, big, residual, cnn (default all)
  --reps N             timed training repetitions (default ${DEFAULT_OPTIONS.reps})
  --warmup N           untimed warm-up epochs (default ${DEFAULT_OPTIONS.warmupEpochs})
  --epochs N           epochs per timed repetition (default ${DEFAULT_OPTIONS.epochsPerRep})
  --infer-reps N       timed inference repetitions (default ${DEFAULT_OPTIONS.inferReps})
  --matmul-reps N      timed repetitions per product (default ${DEFAULT_OPTIONS.matmulReps})
  --min-seconds S      shortest matmul repetition (default ${DEFAULT_OPTIONS.matmulMinSeconds})
  --max-seconds S      stop inference/matmul repetitions after S seconds once 3 are done (default ${DEFAULT_OPTIONS.maxSeconds})
  --train-samples N    training digits (default ${DEFAULT_OPTIONS.trainSamples})
  --test-samples N     test digits and inference batch (default ${DEFAULT_OPTIONS.testSamples})
  --cap peer.mlp=N,…   cap a peer's training digits per epoch, e.g. brain.small=4000 (0 removes a cap)
  --no-numpy           skip numpy's sgemm reference
  --no-backends        run layerwise with its default kernel backend only
  --out DIR            where latest.md and latest.json go (default bench/results)
  --help`;

function positive(name: string, text: string | undefined, fallback: number, integer = true): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0) || (integer && !Number.isInteger(value))) throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${text}`);
  return value;
}

function list<T extends string>(name: string, text: string | undefined, valid: readonly T[], fallback: readonly T[]): readonly T[] {
  if (text === undefined) return fallback;
  const items = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const item of items) {
    if (!(valid as readonly string[]).includes(item)) throw new Error(`--${name}: unknown '${item}'; valid: ${valid.join(', ')}`);
  }
  return items as T[];
}

function parseCaps(text: string | undefined, base: SampleCaps): SampleCaps {
  if (text === undefined) return base;
  const caps: Partial<Record<PeerId, Partial<Record<MlpId, number>>>> = {};
  for (const [peer, perMlp] of Object.entries(base)) caps[peer as PeerId] = { ...perMlp };
  for (const item of text.split(',')) {
    const match = /^([\w.-]+)\.(small|big|residual)=(\d+)$/.exec(item.trim());
    if (!match || !isPeerId(match[1])) throw new Error(`--cap: expected peer.mlp=N with a peer of ${PEER_IDS.join(', ')}, got '${item}'`);
    const perMlp = (caps[match[1]] ??= {});
    if (Number(match[3]) === 0) delete perMlp[match[2] as MlpId];
    else perMlp[match[2] as MlpId] = Number(match[3]);
  }
  return caps;
}

/** What the command line asks for: the options, the output folder, or help. */
export interface ParsedArgs {
  readonly options: BenchOptions;
  readonly outDir: string | undefined;
  readonly help: boolean;
}

/**
 * Parses the flags of {@link USAGE}.
 * @throws Error naming the flag for an unknown flag or a bad value.
 */
export function parseBenchArgs(argv: readonly string[]): ParsedArgs {
  const { values } = parseArgs({
    args: argv.slice(),
    options: {
      quick: { type: 'boolean' }, peers: { type: 'string' }, cases: { type: 'string' }, mlps: { type: 'string' },
      reps: { type: 'string' }, warmup: { type: 'string' }, epochs: { type: 'string' }, 'infer-reps': { type: 'string' },
      'matmul-reps': { type: 'string' }, 'min-seconds': { type: 'string' }, 'max-seconds': { type: 'string' }, 'train-samples': { type: 'string' },
      'test-samples': { type: 'string' }, cap: { type: 'string' }, 'no-numpy': { type: 'boolean' },
      'no-backends': { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean' },
    },
    strict: true,
  });
  const base = values.quick ? QUICK_OPTIONS : DEFAULT_OPTIONS;
  const warmup = values.warmup === undefined ? base.warmupEpochs : Number(values.warmup);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`--warmup must be a non-negative integer, got ${values.warmup}`);
  const options: BenchOptions = {
    ...base,
    peers: list('peers', values.peers, PEER_IDS, base.peers),
    cases: list('cases', values.cases, CASE_KINDS, base.cases),
    mlps: list<MlpId>('mlps', values.mlps, ['small', 'big', 'residual', 'cnn'], base.mlps),
    reps: positive('reps', values.reps, base.reps),
    warmupEpochs: warmup,
    epochsPerRep: positive('epochs', values.epochs, base.epochsPerRep),
    inferReps: positive('infer-reps', values['infer-reps'], base.inferReps),
    matmulReps: positive('matmul-reps', values['matmul-reps'], base.matmulReps),
    matmulMinSeconds: positive('min-seconds', values['min-seconds'], base.matmulMinSeconds, false),
    maxSeconds: positive('max-seconds', values['max-seconds'], base.maxSeconds, false),
    trainSamples: positive('train-samples', values['train-samples'], base.trainSamples),
    testSamples: positive('test-samples', values['test-samples'], base.testSamples),
    sampleCaps: parseCaps(values.cap, base.sampleCaps),
    numpy: base.numpy && !values['no-numpy'],
    backends: base.backends && !values['no-backends'],
  };
  return { options, outDir: values.out, help: values.help === true };
}
