/**
 * The weights binary: tensors as little-endian float32 (int32 for counters), row-major,
 * concatenated in manifest order with no header, and the manifest that names and shapes them
 * (`<layer>/<weight>`, e.g. `dense_1/kernel`, as TensorFlow.js names them).
 */
import { DataError } from '../errors';
import { formatShape, sizeOf, type Shape, type Tensor } from '../tensor';
import type { Layer } from '../../layers';
import type { WeightsManifestEntry, WeightsManifestGroup } from './format';
import { brief, isJsonObject } from './json-value';
import { formatJson, formatList, formatValue } from '../safe-format';
import { shapeProblem } from './limits';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** A tensor with the name it is saved under. */
export interface NamedTensor {
  /** `<layer>/<weight>` for model weights, e.g. `dense_1/kernel`; `<layer>/<weight>/<slot>` for optimizer state. */
  readonly name: string;
  /** The values; contiguous. */
  readonly value: Tensor;
  /** How it is stored. @defaultValue 'float32' */
  readonly dtype?: 'float32' | 'int32';
  /** `'optimizer'` for optimizer state, as TensorFlow.js marks it. */
  readonly group?: 'optimizer';
}

/** A weight a model has or will have, by the name it is saved under, with its shape. */
export interface WeightSpec {
  /** `<layer>/<weight>`, e.g. `dense_1/kernel`; `<layer>/<weight>/<slot>` for optimizer state. */
  readonly name: string;
  readonly shape: Shape;
}

/** A decoded manifest entry: its spec and its values. */
export interface DecodedWeight {
  readonly entry: WeightsManifestEntry;
  readonly values: Float32Array | Int32Array;
}

/** Bytes per element of the dtypes layerwise reads and writes. */
const BYTES = 4;

/**
 * Every weight of the layers, in layer order, each layer's trainable weights ({@link Layer.params})
 * then its non-trainable ones (BatchNormalization's `moving_mean`, `moving_variance`).
 */
export function layerWeights(layers: readonly Layer[]): NamedTensor[] {
  return layers.flatMap((layer) => [...layer.params(), ...layer.nonTrainableWeights()]
    .map((w) => ({ name: `${layer.name}/${w.weightName}`, value: w.value })));
}

/**
 * The manifest entries and the binary for `tensors`, in order: each tensor's elements in
 * row-major order as little-endian float32 (float64 values rounded to float32) or int32.
 */
export function encodeWeights(tensors: readonly NamedTensor[]): { specs: WeightsManifestEntry[]; data: ArrayBuffer } {
  const total = tensors.reduce((n, t) => n + t.value.size, 0);
  const data = new ArrayBuffer(total * BYTES);
  const view = new DataView(data);
  const specs: WeightsManifestEntry[] = [];
  let at = 0;
  for (const t of tensors) {
    const dtype = t.dtype ?? 'float32';
    const { data: values, offset, size } = t.value;
    for (let i = 0; i < size; i++, at += BYTES) {
      if (dtype === 'int32') view.setInt32(at, values[offset + i], true);
      else view.setFloat32(at, values[offset + i], true);
    }
    const spec: WeightsManifestEntry = { name: t.name, shape: t.value.shape.slice(), dtype };
    if (t.group) spec.group = t.group;
    specs.push(spec);
  }
  return { specs, data };
}

/**
 * Checks the structure of a `weightsManifest` read from JSON, and that every shape is one a
 * tensor can have (safe non-negative integers, at most `MAX_TENSOR_ELEMENTS` elements), so
 * that nothing sized by the manifest can ask for more.
 * @throws DataError naming `source` and the first malformed group or entry.
 */
export function checkManifest(manifest: unknown, source: string): WeightsManifestGroup[] {
  if (!Array.isArray(manifest)) throw new DataError(`${source}: weightsManifest must be an array of { paths, weights }, got ${brief(manifest)}`);
  manifest.forEach((group: unknown, g) => {
    if (!isJsonObject(group) || !Array.isArray(group.paths) || !group.paths.every((p) => typeof p === 'string') || !Array.isArray(group.weights)) {
      throw new DataError(`${source}: weightsManifest[${g}] must be { paths: string[], weights: [...] }, got ${brief(group)}`);
    }
    group.weights.forEach((entry: unknown, k) => {
      const e = entry as Partial<WeightsManifestEntry> | null;
      const where = `${source}: weightsManifest[${g}].weights[${k}]`;
      if (!isJsonObject(e) || typeof e.name !== 'string') throw new DataError(`${where} must have a string name, got ${brief(entry)}`);
      if (!Array.isArray(e.shape) || !e.shape.every((d) => typeof d === 'number')) {
        throw new DataError(`${where} (${formatValue(e.name)}): shape must be an array of non-negative integers, got ${brief(e.shape)}`);
      }
      const problem = shapeProblem(e.shape, true);
      if (problem !== null) throw new DataError(`${where} (${formatValue(e.name)}): shape ${formatShape(e.shape)} is not a tensor shape: ${problem}`);
      if (e.quantization !== undefined) throw new DataError(`${where} (${formatValue(e.name)}): quantized weights (${formatJson(e.quantization)}) are not supported; convert without quantization`);
      if (e.dtype !== 'float32' && e.dtype !== 'int32') {
        throw new DataError(`${where} (${formatValue(e.name)}): dtype must be 'float32' or 'int32', got ${formatJson(e.dtype)}`);
      }
      // Only optimizer state holds counters; a model weight read as int32 would be silently truncated.
      if (e.dtype !== 'float32' && e.group !== 'optimizer') {
        throw new DataError(`${where}.dtype (${formatValue(e.name)}): a model weight must be 'float32', got ${formatJson(e.dtype)}`);
      }
    });
  });
  return manifest as WeightsManifestGroup[];
}

/** The bytes a manifest group describes: 4 per element of each entry. */
export function groupBytes(group: WeightsManifestGroup): number {
  return group.weights.reduce((n, e) => n + sizeOf(e.shape) * BYTES, 0);
}

/**
 * Checks that each group's binary (`data[g]`) has exactly the bytes its manifest describes,
 * without reading them: what the manifest declares can never exceed what is present.
 *
 * @param files - each group's file names, for error messages.
 * @throws DataError naming the file, the first weight that does not fit and both byte counts
 * for a truncated or overlong binary.
 */
export function checkWeightBytes(groups: readonly WeightsManifestGroup[], data: readonly ArrayBuffer[], files: readonly string[]): void {
  groups.forEach((group, g) => {
    const problem = byteCountProblem(group, data[g].byteLength);
    if (problem !== null) throw new DataError(`${files[g]}: ${problem}`);
  });
}

/**
 * What is wrong with `found` bytes as a group's data, or null when it is the size the manifest
 * describes: both byte counts and, for short data, the first weight that does not fit.
 */
export function byteCountProblem(group: WeightsManifestGroup, found: number, foundText = String(found)): string | null {
  const expected = groupBytes(group);
  if (found === expected) return null;
  let end = 0;
  const cut = group.weights.find((e) => (end += sizeOf(e.shape) * BYTES) > found);
  const which = cut ? `; weight ${formatValue(cut.name)} ${formatShape(cut.shape)} ends at byte ${end}` : '; the data is longer than the manifest describes';
  return `expected ${expected} bytes of weights (from the manifest), found ${foundText}${which}`;
}

/**
 * Decodes every group's binary (`data[g]` holds group `g`'s shards concatenated) into values by
 * name, after {@link checkWeightBytes}: it allocates as many elements as the bytes present hold.
 *
 * @param files - each group's file names, for error messages.
 * @throws DataError as {@link checkWeightBytes}; naming the weight for a duplicate name or a NaN/Infinity.
 */
export function decodeWeights(groups: readonly WeightsManifestGroup[], data: readonly ArrayBuffer[], files: readonly string[]): Map<string, DecodedWeight> {
  checkWeightBytes(groups, data, files);
  const out = new Map<string, DecodedWeight>();
  groups.forEach((group, g) => {
    const bytes = data[g];
    const view = new DataView(bytes);
    let at = 0;
    for (const entry of group.weights) {
      if (out.has(entry.name)) throw new DataError(`${files[g]}: weight ${formatValue(entry.name)} appears twice in the manifest`);
      const n = sizeOf(entry.shape);
      const values = entry.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
      for (let i = 0; i < n; i++, at += BYTES) {
        values[i] = entry.dtype === 'int32' ? view.getInt32(at, true) : view.getFloat32(at, true);
      }
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new DataError(`${files[g]}: weight ${formatValue(entry.name)} ${formatShape(entry.shape)} holds ${values[bad]} at element ${bad}; expected finite numbers (corrupt file?)`);
      out.set(entry.name, { entry, values });
    }
  });
  return out;
}

/**
 * Checks that every weight of `expected` is in the manifest `entries` with its shape and, when
 * `isComplete` (the list is every weight of the group), that no entry of the group is left
 * over. Works on shapes alone, so it runs before any weight is created or decoded.
 *
 * @param group - which entries to match: model weights (no group, or `'model'`) or `'optimizer'` state.
 * @throws DataError naming `source`, the weight, the expected and the found shape (or the
 * missing and the unexpected names).
 */
export function matchWeights(
  expected: readonly WeightSpec[], entries: readonly WeightsManifestEntry[], source: string,
  group: 'model' | 'optimizer' = 'model', isComplete = true,
): void {
  const inGroup = entries.filter((e) => (group === 'optimizer') === (e.group === 'optimizer'));
  const byName = new Map(inGroup.map((e) => [e.name, e]));
  for (const w of expected) {
    const found = byName.get(w.name);
    if (!found) {
      const names = formatList(inGroup.map((e) => e.name)) || 'nothing';
      throw new DataError(`${source}: weight ${formatValue(w.name)} ${formatShape(w.shape)} is missing from the weights manifest; found ${names}`);
    }
    if (found.shape.length !== w.shape.length || found.shape.some((d, i) => d !== w.shape[i])) {
      throw new DataError(`${source}: weight ${formatValue(w.name)}: expected shape ${formatShape(w.shape)} (from the model topology), found ${formatShape(found.shape)} in the weights manifest`);
    }
  }
  const wanted = new Set(expected.map((w) => w.name));
  const extra = isComplete ? inGroup.filter((e) => !wanted.has(e.name)) : [];
  if (extra.length > 0) {
    throw new DataError(`${source}: unexpected weight${extra.length > 1 ? 's' : ''} ${formatList(extra.map((e) => e.name))} in the weights manifest; the model has ${formatList(expected.map((w) => w.name)) || 'no weights'}`);
  }
}

/**
 * Copies decoded values into `targets` by name, after checking with {@link matchWeights},
 * before any write, that every target is present with its shape and that no weight of the
 * group is left over: a mismatch changes nothing.
 *
 * @throws DataError as {@link matchWeights}.
 */
export function assignWeights(targets: readonly NamedTensor[], decoded: ReadonlyMap<string, DecodedWeight>, source: string, group: 'model' | 'optimizer' = 'model'): void {
  const specs = targets.map((t) => ({ name: t.name, shape: t.value.shape }));
  matchWeights(specs, [...decoded.values()].map((d) => d.entry), source, group);
  for (const t of targets) t.value.data.set((decoded.get(t.name) as DecodedWeight).values, t.value.offset);
}

/** The buffers concatenated into one, in order. */
export function concatBuffers(parts: readonly ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}

/** Splits one buffer holding every group's data into per-group buffers, by the manifest's sizes. */
export function splitByGroup(groups: readonly WeightsManifestGroup[], data: ArrayBuffer): ArrayBuffer[] {
  let at = 0;
  return groups.map((group, g) => {
    const size = groupBytes(group);
    const end = g === groups.length - 1 ? data.byteLength : math.min(at + size, data.byteLength);
    const part = data.slice(at, end);
    at = end;
    return part;
  });
}
