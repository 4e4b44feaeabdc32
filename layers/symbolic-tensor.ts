/**
 * {@link SymbolicTensor} and {@link LayerNode}: the graph that calling layers on symbolic
 * inputs builds (Keras's functional API). They hold shapes and connections, never values.
 */
import { formatShape, type DType, type Shape } from '../lib/tensor';

/**
 * What a graph node keeps of its layer: a `Layer` always (this module sits below layer.ts, so
 * it names only what it reads itself).
 */
export interface NodeLayer {
  /** The layer's name. */
  readonly name: string;
}

/**
 * One call of a layer in a graph: the layer, the symbolic tensors it was called on, and the
 * ones it produced (Keras's `Node`): one, or more for a recurrent layer with `returnState`
 * (its output, then its final states). A layer called twice has two nodes (shared weights).
 */
export interface LayerNode {
  /** The layer that was called (a `Layer`). */
  readonly layer: NodeLayer;
  /** The position of this call among the layer's calls, from 0. */
  readonly index: number;
  /** What the layer was called on (empty for an input layer's node). */
  readonly inputs: readonly SymbolicTensor[];
}

/**
 * A placeholder for a batch of values in a graph: its shape (batch axis `null`), dtype and the
 * {@link LayerNode} that produces it. `input({ shape })` makes one; `layer.apply(t)` makes
 * another; `new Model({ inputs, outputs })` runs the graph between them on real data.
 *
 * @example
 * ```ts
 * const x = input({ shape: [4] });            // SymbolicTensor [?, 4]
 * const h = new Dense({ units: 8 }).apply(x); // SymbolicTensor [?, 8]
 * ```
 */
export class SymbolicTensor {
  constructor(
    /** The shape with a `null` batch axis. */
    readonly shape: Shape,
    /** The dtype of the values it stands for. */
    readonly dtype: DType,
    /** The layer call that produces it. */
    readonly node: LayerNode,
    /** Which of the call's outputs it is (Keras's `tensor_index`): 0, or a final state's place after the output. */
    readonly outputIndex = 0,
  ) {}

  /**
   * The producing layer's name, with the call index after a colon when it is not the first
   * call and the output index in brackets when it is not the first output: `'dense_1'`,
   * `'dense_1:1'`, `'lstm_1[2]'`.
   */
  get name(): string {
    const call = this.node.index === 0 ? this.node.layer.name : `${this.node.layer.name}:${this.node.index}`;
    return this.outputIndex === 0 ? call : `${call}[${this.outputIndex}]`;
  }

  /** `SymbolicTensor 'dense_1' [?, 8]`, for messages. */
  toString(): string {
    return `SymbolicTensor '${this.name}' ${formatShape(this.shape)}`;
  }
}

/** True for a {@link SymbolicTensor}. */
export function isSymbolicTensor(value: unknown): value is SymbolicTensor {
  return value instanceof SymbolicTensor;
}
