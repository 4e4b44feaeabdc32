/**
 * Moves matrices between strided tensors and the WebAssembly heap, where the GEMM wants them
 * row-major and packed tight (leading dimension = stored columns).
 *
 * A transposed view of a row-major matrix is itself a row-major matrix of the transposed
 * shape, so it is copied as stored, row by row, and the GEMM is told the operand is
 * transposed: no transposed copy is ever made outside the kernel's own packing.
 */
import type { Tensor } from '../../tensor';
import { heapAddress } from './kernel-heap';

/** A matrix as the GEMM takes it: byte address, leading dimension (elements), whether stored transposed. */
export interface PlacedMatrix {
  readonly at: number;
  readonly ld: number;
  readonly trans: boolean;
}

/**
 * The `[rows, cols]` matrix `t` in place, when it is a view of the kernel heap (kernel-heap.ts)
 * that the GEMM can read as stored: one axis of stride 1 and the other's stride at least the
 * stored row length (as {@link copyOperandIn} would copy it, without the copy). Null otherwise.
 */
export function operandInPlace(t: Tensor): PlacedMatrix | null {
  const base = heapAddress(t.data);
  if (base < 0) return null;
  const rows = t.shape[0];
  const cols = t.shape[1];
  const s0 = t.stride[0];
  const s1 = t.stride[1];
  const at = base + t.offset * 4;
  if ((s1 === 1 || cols === 1) && (rows === 1 || s0 >= cols)) return { at, ld: rows === 1 ? cols : s0, trans: false };
  if ((s0 === 1 || rows === 1) && (cols === 1 || s1 >= rows)) return { at, ld: cols === 1 ? rows : s1, trans: true };
  return null;
}

/**
 * The `[M, N]` output `out` in place, when it is a view of the kernel heap with rows of
 * stride-1 elements at least N apart: its byte address and leading dimension. Null otherwise.
 */
export function resultInPlace(out: Tensor): PlacedMatrix | null {
  const base = heapAddress(out.data);
  if (base < 0) return null;
  const rows = out.shape[0];
  const cols = out.shape[1];
  const s0 = out.stride[0];
  if ((out.stride[1] === 1 || cols === 1) && (rows === 1 || s0 >= cols)) {
    return { at: base + out.offset * 4, ld: rows === 1 ? cols : s0, trans: false };
  }
  return null;
}

/**
 * Copies the `[rows, cols]` matrix `t` to `heap[at …]` and returns whether it was stored
 * transposed (`cols × rows`, from a view whose first axis has stride 1) or as is
 * (`rows × cols`). Either way the stored rows are packed, so the leading dimension is the
 * stored column count. Views with neither axis of stride 1 are gathered element by element.
 */
export function copyOperandIn(heap: Float32Array, at: number, t: Tensor): boolean {
  const rows = t.shape[0];
  const cols = t.shape[1];
  const s0 = t.stride[0];
  const s1 = t.stride[1];
  const data = t.data;
  if (s1 === 1 || cols === 1) {
    copyRows(heap, at, data, t.offset, rows, cols, s0);
    return false;
  }
  if (s0 === 1 || rows === 1) {
    copyRows(heap, at, data, t.offset, cols, rows, s1);
    return true;
  }
  let q = at;
  for (let i = 0, row = t.offset; i < rows; i++, row += s0) {
    for (let j = 0, p = row; j < cols; j++, p += s1) heap[q++] = data[p];
  }
  return false;
}

/** Copies `count` rows of `length` stride-1 elements, `pitch` apart in `src`, packed to `heap[at …]`. */
function copyRows(heap: Float32Array, at: number, src: Tensor['data'], start: number, count: number, length: number, pitch: number): void {
  if (pitch === length || count === 1) {
    heap.set(src.subarray(start, start + count * length), at);
    return;
  }
  if (length === 1) {
    for (let i = 0, p = start; i < count; i++, p += pitch) heap[at + i] = src[p];
    return;
  }
  for (let i = 0, p = start, q = at; i < count; i++, p += pitch, q += length) {
    heap.set(src.subarray(p, p + length), q);
  }
}

/** Copies the packed row-major `[M, N]` result at `heap[at …]` into `out`, whatever its strides. */
export function copyResultOut(out: Tensor, heap: Float32Array, at: number): void {
  const rows = out.shape[0];
  const cols = out.shape[1];
  const s0 = out.stride[0];
  const s1 = out.stride[1];
  const data = out.data;
  if ((s1 === 1 || cols === 1) && (s0 === cols || rows === 1)) {
    data.set(heap.subarray(at, at + rows * cols), out.offset);
    return;
  }
  if (s1 === 1) {
    for (let i = 0, p = out.offset, q = at; i < rows; i++, p += s0, q += cols) {
      data.set(heap.subarray(q, q + cols), p);
    }
    return;
  }
  let q = at;
  for (let i = 0, row = out.offset; i < rows; i++, row += s0) {
    for (let j = 0, p = row; j < cols; j++, p += s1) data[p] = heap[q++];
  }
}
