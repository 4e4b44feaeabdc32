/** The interface each benchmarked library implements in its own module under bench/peers/. */
import type { BenchData } from '../data';
import type { MatmulShape, MlpSpec, TrainSettings } from '../tasks';

/** A peer's MLP, built and compiled, holding its training and test data in the peer's own format. */
export interface PeerModel {
  /** Trains one epoch over the training rows (shuffled), as the peer's users would. */
  fitEpoch(): Promise<void>;
  /** Scores of every test row, `[testSamples, 10]` row-major, computed to completion. */
  predict(): ArrayLike<number>;
}

/** One matrix product with fixed random operands; `run` computes it to completion. */
export interface MatmulProduct {
  run(): void;
}

/** A benchmarked library. */
export interface Peer {
  /** Caveats shown under the tables, e.g. "batch 1 only". */
  readonly notes: readonly string[];
  /** Builds the MLP `spec` with the peer's closest equivalent of the shared settings. */
  createMlp(spec: MlpSpec, data: BenchData, settings: TrainSettings): Promise<PeerModel>;
  /** `C = A·B`, or `C = Aᵀ·B` with A stored `[K, M]`; absent when the peer has no matrix product. */
  createMatmul?(shape: MatmulShape, transposeA: boolean, seed: number): MatmulProduct;
}
