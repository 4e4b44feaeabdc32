/**
 * What the benchmark measures, as plain JSON that the parent process sends to each child:
 * the two MLPs, the matrix-multiply shapes, one task per child and what the child sends back.
 */

/** Pixels per MNIST digit, the models' input width. */
export const INPUTS = 784;
/** Digit classes, the models' output width. */
export const CLASSES = 10;

/** The benchmarked models: two MLPs, a residual MLP and the Keras MNIST convnet. */
export type MlpId = 'small' | 'big' | 'residual' | 'cnn';

/** An MLP `784 → hidden… (ReLU) → 10 (softmax)`, trained with categorical cross-entropy. */
export interface MlpSpec {
  readonly id: MlpId;
  /** The widths of the hidden ReLU layers, first to last. */
  readonly hidden: readonly number[];
  /** How tables name it, e.g. `784-128(ReLU)-10(softmax)`. */
  readonly title: string;
  /**
   * A residual MLP (a graph, not a chain): `h = ReLU(Dense(x))`, then
   * `ReLU(h + Dense(ReLU(Dense(h))))` with the hidden widths, then the softmax layer.
   */
  readonly residual?: boolean;
  /**
   * Set for the Keras "Simple MNIST convnet" (`hidden` is then empty): Conv2D 32 3×3 ReLU,
   * MaxPool 2, Conv2D 64 3×3 ReLU, MaxPool 2, Flatten, Dropout 0.5, Dense 10 softmax, trained
   * with Adam (learning rate 0.001) at this batch size, and predicting in batches of
   * `inferBatch`, instead of the shared SGD settings.
   */
  readonly convnet?: { readonly batchSize: number; readonly learningRate: number; readonly inferBatch: number };
}

/** The small MLP 784-128-10, the big MLP 784-512-512-10, a residual MLP with one skip connection and the Keras MNIST convnet. */
export const MLPS: Readonly<Record<MlpId, MlpSpec>> = {
  small: { id: 'small', hidden: [128], title: '784-128(ReLU)-10(softmax)' },
  big: { id: 'big', hidden: [512, 512], title: '784-512(ReLU)-512(ReLU)-10(softmax)' },
  residual: { id: 'residual', hidden: [256, 256, 256], residual: true, title: 'residual 784-256-[256-256]+skip-10(softmax)' },
  cnn: {
    id: 'cnn', hidden: [], title: 'the Keras MNIST convnet (Conv32-Pool-Conv64-Pool-Dropout-Dense10, Adam, batch 128)',
    convnet: { batchSize: 128, learningRate: 0.001, inferBatch: 500 },
  },
};

/** Height and width of an MNIST digit, the convnet's input `[28, 28, 1]`. */
export const IMAGE_SIDE = 28;

/** A product `C[M, N] = A[M, K] · B[K, N]`. */
export interface MatmulShape {
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

/** `2·M·K·N`: the floating-point operations of one product (a multiply and an add per term). */
export function matmulFlops(s: MatmulShape): number {
  return 2 * s.m * s.k * s.n;
}

/** The settings every training run shares (one place, so every peer trains the same way). */
export interface TrainSettings {
  /** SGD step size. */
  readonly learningRate: number;
  /** Samples per gradient update (brain.js and ConvNetJS's batch 1 aside, see their peers). */
  readonly batchSize: number;
  /** Seeds initial weights and shuffling (and `Math.random` in the child). */
  readonly seed: number;
}

/** Which training and test digits a child loads: the first rows of a split written by data-file.ts. */
export interface DataSpec {
  /** The binary file holding `mnistSplit({ trainSize: splitTrain, testSize: splitTest, seed })`. */
  readonly file: string;
  /** Training rows used, at most `splitTrain`. */
  readonly trainSamples: number;
  /** Test rows (the inference batch), at most `splitTest`. */
  readonly testSamples: number;
  /** Size of the training part of the split (the 8,000). */
  readonly splitTrain: number;
  /** Size of the test part of the split (the 2,000). */
  readonly splitTest: number;
  /** Seed of the split's shuffle. */
  readonly seed: number;
}

/** One child's job. Every child also reports its peak resident memory. */
export type Task =
  /** Load the data and nothing else: the memory floor of a child. */
  | { readonly kind: 'baseline'; readonly data: DataSpec }
  /** `warmupEpochs` untimed epochs, then `reps` timed repetitions of `epochsPerRep` epochs, then test accuracy. */
  | {
      readonly kind: 'train'; readonly mlp: MlpId; readonly data: DataSpec; readonly settings: TrainSettings;
      readonly warmupEpochs: number; readonly reps: number; readonly epochsPerRep: number;
    }
  /** Forward passes over the whole test set in one batch, `warmup` untimed then up to `reps` timed (see {@link TimeBox}). */
  | ({
      readonly kind: 'infer'; readonly mlp: MlpId; readonly data: DataSpec; readonly settings: TrainSettings;
      /** Untimed passes first: at least `warmup` of them, and until they have taken `warmupSeconds`. */
      readonly warmup: number; readonly warmupSeconds: number;
    } & TimeBox)
  /** Each shape plain and with A transposed; each repetition runs for at least `minSeconds`. */
  | ({ readonly kind: 'matmul'; readonly shapes: readonly MatmulShape[]; readonly minSeconds: number; readonly seed: number } & TimeBox);

/**
 * How many timed repetitions a case gets: `reps`, but no more once at least
 * {@link MIN_REPS} are done and they took `maxSeconds` together (slow peers would take minutes).
 */
export interface TimeBox {
  readonly reps: number;
  readonly maxSeconds: number;
}

/** The fewest timed repetitions a time-boxed case gets (fewer only if `reps` asks for fewer). */
export const MIN_REPS = 3;

/** GFLOP/s of one product form over the repetitions. */
export interface MatmulMeasurement extends MatmulShape {
  /** True for `Aᵀ·B` with A stored as `[K, M]`. */
  readonly transposeA: boolean;
  readonly gflops: readonly number[];
}

/** What a child sends back for its task. */
export type TaskResult =
  | { readonly kind: 'baseline' }
  | {
      readonly kind: 'train';
      /** Training throughput of each timed repetition. */
      readonly samplesPerSecond: readonly number[];
      /** Fraction of test digits classified correctly after all epochs. */
      readonly accuracy: number;
      /** Epochs trained in total (warm-up included) before the accuracy was taken. */
      readonly epochs: number;
      readonly trainSamples: number;
    }
  | { readonly kind: 'infer'; readonly samplesPerSecond: readonly number[]; readonly batch: number }
  | { readonly kind: 'matmul'; readonly products: readonly MatmulMeasurement[] };

/** The message a child sends to its parent over IPC. */
export type ChildMessage =
  | { readonly ok: true; readonly result: TaskResult; readonly peakRssMiB: number; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: string };
