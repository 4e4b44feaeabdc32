/**
 * {@link OnnxGraphBuilder}: collects the nodes and initializers of an ONNX graph while layers are
 * converted, with unique value names and helpers for constants and common operator chains.
 */
import type { Tensor } from '../../tensor';
import { AttributeType, DataType, type AttributeProtoJson, type NodeProtoJson, type TensorProtoJson } from './onnx-proto';

/** An attribute value: a number (`float` unless listed as an int), an int list, a float list or a string. */
export type AttributeValue = number | string | { ints: readonly number[] } | { floats: readonly number[] } | { strings: readonly string[] } | { int: number };

/** The float32 little-endian bytes of `values`. */
function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

/** The int64 little-endian bytes of `values`. */
function int64Bytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i]), true);
  return bytes;
}

/** The values of `t` in row-major order, whatever its strides. */
export function tensorValues(t: Tensor): Float64Array {
  const out = new Float64Array(t.size);
  const { shape, stride, offset, data } = t;
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  for (let n = 0; n < out.length; n++) {
    let p = offset;
    for (let a = 0; a < rank; a++) p += index[a] * stride[a];
    out[n] = data[p];
    for (let a = rank - 1; a >= 0; a--) {
      if (++index[a] < shape[a]) break;
      index[a] = 0;
    }
  }
  return out;
}

/**
 * The nodes and initializers of one graph. Every value has a unique name: `fresh(hint)` makes
 * one from a layer's name, and each node is named after its first output.
 */
export class OnnxGraphBuilder {
  readonly nodes: NodeProtoJson[] = [];
  readonly initializers: TensorProtoJson[] = [];
  private readonly used = new Set<string>();
  /** The initializer of each weight tensor already added (a shared layer's calls reuse it). */
  private readonly weights = new Map<Tensor, string>();

  /** A value name not used yet: `hint`, else `hint_1`, `hint_2`, …. */
  fresh(hint: string): string {
    let name = hint;
    for (let n = 1; this.used.has(name); n++) name = `${hint}_${n}`;
    this.used.add(name);
    return name;
  }

  /** Reserves `name` (a graph input's) so that no other value takes it. */
  reserve(name: string): void {
    this.used.add(name);
  }

  /** Adds a float32 initializer of `dims` holding `values` (row-major) and returns its name. */
  floats(hint: string, dims: readonly number[], values: ArrayLike<number>): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims: dims.slice(), data_type: DataType.FLOAT, raw_data: float32Bytes(values) });
    return name;
  }

  /** Adds an int64 initializer (a shape, axes or indices) of `dims` and returns its name. */
  int64s(hint: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims: dims.slice(), data_type: DataType.INT64, raw_data: int64Bytes(values) });
    return name;
  }

  /** A float32 scalar initializer. */
  scalar(hint: string, value: number): string {
    return this.floats(hint, [], [value]);
  }

  /** A weight tensor as a float32 initializer of its own shape, added once per tensor. */
  weight(hint: string, t: Tensor): string {
    const known = this.weights.get(t);
    if (known !== undefined) return known;
    const name = this.floats(hint, t.shape, tensorValues(t));
    this.weights.set(t, name);
    return name;
  }

  /**
   * Adds a node `opType(inputs) → outputs` (one output named after `hint` unless `outputs` is
   * given as a count) and returns its output names.
   */
  nodeN(opType: string, inputs: readonly string[], hint: string, outputCount: number, attributes: Record<string, AttributeValue> = {}): string[] {
    const outputs = Array.from({ length: outputCount }, (_, k) => this.fresh(outputCount === 1 ? hint : `${hint}_out${k}`));
    this.nodes.push({ name: outputs[0], op_type: opType, input: inputs.slice(), output: outputs, attribute: Object.entries(attributes).map(([name, v]) => attribute(name, v)) });
    return outputs;
  }

  /** Adds a node of one output and returns its name. */
  node(opType: string, inputs: readonly string[], hint: string, attributes: Record<string, AttributeValue> = {}): string {
    return this.nodeN(opType, inputs, hint, 1, attributes)[0];
  }

  /** `Transpose(x, perm)`. */
  transpose(x: string, perm: readonly number[], hint: string): string {
    return this.node('Transpose', [x], hint, { perm: { ints: perm } });
  }

  /** `Reshape(x, shape)` with ONNX's `0` (keep) and `-1` (infer) entries. */
  reshape(x: string, shape: readonly number[], hint: string): string {
    return this.node('Reshape', [x, this.int64s(`${hint}_shape`, shape)], hint);
  }
}

/** One attribute: lists by their wrapper, `{ int }` for one int, a plain number for a float, a plain string for a string. */
function attribute(name: string, value: AttributeValue): AttributeProtoJson {
  if (typeof value === 'number') return { name, type: AttributeType.FLOAT, f: value };
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if ('int' in value) return { name, type: AttributeType.INT, i: value.int };
  if ('ints' in value) return { name, type: AttributeType.INTS, ints: value.ints.slice() };
  if ('strings' in value) return { name, type: AttributeType.STRINGS, strings: value.strings.map((v) => new TextEncoder().encode(v)) };
  return { name, type: AttributeType.FLOATS, floats: value.floats.slice() };
}
