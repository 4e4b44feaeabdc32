/** The text table `Sequential.summary()` prints, laid out as Keras prints it. */
import { formatShape, type Shape } from './tensor';
import type { Layer } from '../layers/layer';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * One row of the summary: a layer, its output shape (`null` while unknown; one shape per output
 * for a layer of several, a recurrent layer with returnState) and the layers it reads (graphs).
 */
export interface SummaryRow {
  readonly layer: Layer;
  readonly shape: Shape | readonly Shape[] | null;
  readonly inputs: readonly string[];
}

/** Keras's words for a model whose layers have no weights yet (no input shape was given). */
export const NOT_BUILT = 'This model has not yet been built. Build the model first by calling build() or by calling the model on a batch of data.';

/** `[?, 4]`, or for several outputs the list of their shapes, `[[?, 4], [?, 4]]` (Keras 3 prints `[(None, 4), (None, 4)]`). */
function formatShapes(shape: Shape | readonly Shape[]): string {
  const isList = shape.length > 0 && Array.isArray(shape[0]);
  return isList ? `[${(shape as readonly Shape[]).map(formatShape).join(', ')}]` : formatShape(shape as Shape);
}

/**
 * Formats a model as a table of `Layer (type)`, `Output Shape` and `Param #`, then the total,
 * trainable and non-trainable parameter counts. Output shapes are `?` until the input shape is
 * known; layers not built yet count `0 (unbuilt)`, and Keras's {@link NOT_BUILT} line follows.
 */
export function formatSummary(summaryRows: readonly SummaryRow[], name: string): string {
  const isGraph = summaryRows.some((r) => r.inputs.length > 0);
  const rows: string[][] = [];
  let total = 0;
  let trainable = 0;
  for (const { layer, shape, inputs } of summaryRows) {
    const count = layer.countParams();
    total += count;
    trainable += layer.trainableParams().reduce((n, p) => n + p.value.size, 0);
    // Keras 3 prints an unbuilt layer's count as `0 (unbuilt)`.
    const row = [`${layer.name} (${layer.className})`, shape ? formatShapes(shape) : '?', layer.built ? count.toLocaleString('en-US') : '0 (unbuilt)'];
    rows.push(isGraph ? [...row, inputs.join(', ') || '-'] : row);
  }
  const header = isGraph ? ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'] : ['Layer (type)', 'Output Shape', 'Param #'];
  const widths = header.map((h, c) => math.max(h.length, ...rows.map((r) => r[c].length)) + 2);
  const line = (r: string[]) => ` ${r[0].padEnd(widths[0])}${r[1].padEnd(widths[1])}${r[2].padStart(widths[2])}${isGraph ? `  ${r[3]}` : ''}`.trimEnd();
  const width = widths.reduce((a, b) => a + b, 1);
  const out = [
    `Model: "${name}"`,
    '_'.repeat(width),
    line(header),
    '='.repeat(width),
    ...rows.flatMap((r, i) => [line(r), i < rows.length - 1 ? '_'.repeat(width) : '='.repeat(width)]),
  ];
  if (rows.length === 0) out.push('='.repeat(width));
  out.push(
    `Total params: ${total.toLocaleString('en-US')}`,
    `Trainable params: ${trainable.toLocaleString('en-US')}`,
    `Non-trainable params: ${(total - trainable).toLocaleString('en-US')}`,
    '_'.repeat(width),
  );
  if (summaryRows.some((r) => !r.layer.built)) out.push(NOT_BUILT);
  return out.join('\n');
}
