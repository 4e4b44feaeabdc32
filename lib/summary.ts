/** The text table `Sequential.summary()` prints, laid out as Keras prints it. */
import { formatShape, type Shape } from './tensor';
import type { Layer } from '../layers/layer';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** The parts of a model the summary reads. */
export interface SummarizableModel {
  readonly name: string;
  readonly layers: readonly Layer[];
  readonly inputShape: Shape | null;
}

/**
 * Formats a model as a table of `Layer (type)`, `Output Shape` and `Param #`, then the total,
 * trainable and non-trainable parameter counts. Output shapes are `?` until the input shape is
 * known.
 */
export function formatSummary(model: SummarizableModel): string {
  const rows: [string, string, string][] = [];
  let shape: Shape | null = model.inputShape;
  let total = 0;
  let trainable = 0;
  for (const layer of model.layers) {
    shape = shape ? layer.computeOutputShape(shape) : null;
    const count = layer.countParams();
    total += count;
    trainable += layer.trainableParams().reduce((n, p) => n + p.value.size, 0);
    rows.push([`${layer.name} (${layer.className})`, shape ? formatShape(shape) : '?', count.toLocaleString('en-US')]);
  }
  const header: [string, string, string] = ['Layer (type)', 'Output Shape', 'Param #'];
  const widths = [0, 1, 2].map((c) => math.max(header[c].length, ...rows.map((r) => r[c].length)) + 2);
  const line = (r: [string, string, string]) => ` ${r[0].padEnd(widths[0])}${r[1].padEnd(widths[1])}${r[2].padStart(widths[2])}`;
  const width = widths.reduce((a, b) => a + b, 1);
  const out = [
    `Model: "${model.name}"`,
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
  return out.join('\n');
}
