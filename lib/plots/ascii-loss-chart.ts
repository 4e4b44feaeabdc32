/** {@link asciiLossChart}: a small text chart of the loss for the end of a fit in a terminal. */
import * as asciichart from 'asciichart';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Room taken by the value labels left of the chart. */
const LABEL_WIDTH = 12;

/** At most `count` values of `values`, evenly spaced, keeping the first and the last. */
function sample(values: readonly number[], count: number): number[] {
  if (values.length <= count) return values.slice();
  return Array.from({ length: count }, (_, i) => values[math.round((i * (values.length - 1)) / (count - 1))]);
}

/**
 * The training loss (and the validation loss, when given) per epoch as a text line chart a few
 * rows high, for a terminal `columns` wide (long runs are sampled down to fit), drawn with
 * asciichart in colour: training blue, validation yellow. `null` when there are fewer than two
 * epochs or a value is not finite (nothing useful to draw).
 *
 * @example
 * ```ts
 * process.stdout.write(asciiLossChart([0.9, 0.5, 0.3, 0.25], [1.0, 0.7, 0.5, 0.45], 80) ?? '');
 * ```
 */
export function asciiLossChart(loss: readonly number[], valLoss: readonly number[] | null, columns = 80, height = 8): string | null {
  const series = valLoss && valLoss.length === loss.length ? [loss, valLoss] : [loss];
  if (loss.length < 2 || series.some((s) => s.some((v) => !Number.isFinite(v)))) return null;
  const points = math.max(2, math.min(loss.length, columns - LABEL_WIDTH - 2));
  const chart = asciichart.plot(series.map((s) => sample(s, points)), {
    height,
    colors: [asciichart.blue, asciichart.yellow],
    format: (x: number) => x.toPrecision(3).padStart(LABEL_WIDTH - 2),
  });
  const legend = series.length === 2
    ? `loss over ${loss.length} epochs: ${asciichart.colored('─ training', asciichart.blue)}  ${asciichart.colored('─ validation', asciichart.yellow)}`
    : `loss over ${loss.length} epochs`;
  return `${legend}\n${chart}\n`;
}
