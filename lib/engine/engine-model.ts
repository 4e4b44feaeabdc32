/**
 * {@link EngineModel}: what the training loop, prediction, gradient tracing, snapshots and
 * saving need of a model. They depend on this interface, never on the model classes, so the
 * model classes can depend on them without an import cycle.
 */
import type { DType, Shape } from '../tensor';
import type { Layer } from '../../layers/layer';
import type { Optimizer } from '../../optimizers/optimizer';
import type { CompiledSetup } from './compile-setup';
import type { Graph } from './graph';
import type { TrainStepObserver } from './train-step-observer';

/**
 * A model as the engine runs it (`Model` and `Sequential` implement it). The members only the
 * engine calls are tagged internal: the published typings leave them out (`stripInternal`), as
 * they leave them out of `Model`.
 */
export interface EngineModel {
  /** The model's name. */
  readonly name: string;
  /** The dtype of every parameter and activation. */
  readonly dtype: DType;
  /** Set to true to stop `fit` after the current batch. */
  stopTraining: boolean;
  /** Called inside every training step, or `null`. */
  trainObserver: TrainStepObserver | null;
  /** The layers, in the order of their first call. */
  readonly layers: Layer[];
  /** The compiled optimizer, or `null` before compile. */
  readonly optimizer: Optimizer | null;
  /** The inputs' names, which data records are keyed by. */
  readonly inputNames: readonly string[];
  /** The outputs' names, which label records, per-output losses and History keys use. */
  readonly outputNames: readonly string[];
  /** The input shapes with a `null` batch axis, or `null` while unknown (an unbuilt Sequential). */
  readonly inputShapes: readonly Shape[] | null;
  /**
   * @internal The graph, built from the data's shapes if needed, after checking that each input of
   * `dataShapes` fits. A failed check builds nothing.
   * @throws ShapeError naming the model, the input and both shapes.
   */
  ensureBuilt(dataShapes: readonly (readonly number[])[]): Graph;
  /**
   * The output shapes for data of `dataShapes`, without building anything.
   * @throws ShapeError when the data does not fit the inputs.
   */
  outputShapesFor(dataShapes: readonly (readonly number[])[]): Shape[];
  /** @internal The compiled setup, or a StateError naming `what` needs it. */
  requireCompiled(what: string): CompiledSetup;
  /** The sum of every layer's regularization penalty. */
  regularizationLoss(): number;
  /**
   * @internal Marks `what` (`'fit'`, `'evaluate'`, …) as running until the returned function is called.
   * @throws StateError naming the running call, when another may not run beside it.
   */
  beginCall(what: string): () => void;
  /** @internal True while a hook of the running `fit` runs (a callback may then evaluate, predict or save). */
  isInCallback: boolean;
}

/** A reference to a tensor of a graph as Keras saves it: the producing layer's name, which of its calls, and which of that call's outputs (0 but for a recurrent layer's states). */
export type NodeRef = readonly [layerName: string, nodeIndex: number, tensorIndex: number];

/** A graph model's connections as Keras's functional config lists them. */
export interface GraphConnections {
  /** The input layers, in input order. */
  readonly inputLayers: readonly NodeRef[];
  /** The outputs, in output order. */
  readonly outputLayers: readonly NodeRef[];
  /** Each layer (inputs first, then in the order of first call) with what each of its calls reads. */
  readonly layers: readonly { readonly layer: import('../../layers/layer').Layer; readonly inboundNodes: readonly (readonly NodeRef[])[] }[];
  /** Whether the model was given its inputs as a list (`[x]`) rather than one tensor (`x`); a list when absent. */
  readonly inputsAsList?: boolean;
  /** Whether the model was given its outputs as a list; a list when absent. */
  readonly outputsAsList?: boolean;
}

/** What saving reads of a model beyond {@link EngineModel}. */
export interface SavableModel extends EngineModel {
  /** A graph model's connections, or `null` for a chain saved as a Keras `Sequential`. */
  connections(): GraphConnections | null;
  /** True once every layer has its weights. */
  readonly built: boolean;
  /** The (single) input's shape with a `null` batch axis once known. */
  readonly inputShape: Shape | null;
  /** The compiled loss of the (first) output, or `null` before compile. */
  readonly loss: import('../../losses/loss').Loss | null;
  /** The compiled metrics of the (first) output, as given to compile. */
  readonly metrics: readonly (string | import('../metrics').Metric)[];
  /** Compiles the model (used by loading a saved training config). */
  compile(options: import('./compile-setup').CompileOptions): void;
}
