/** {@link plotGradients}: per-layer gradient norms over training, on a log scale, as an SVG file. */
import { formatValue, optionsObject } from '../checks';
import { ConfigError } from '../errors';
import type { GradientMonitor, GradientQuantity } from '../callbacks';
import { integerAxis, renderSvg, writeSvg } from './render-svg';

/** Options of {@link plotGradients}. */
export interface PlotGradientsOptions {
  /**
   * What to draw for each layer (see {@link GradientQuantity}): `'dW'`, `'db'`, `'dAPrev'`,
   * `'updateRatio:W'` or `'deadReluFraction'` (the last on a linear scale). @defaultValue 'dW'
   */
  quantity?: GradientQuantity;
  /** The chart's title. @defaultValue the quantity, e.g. `‖dW‖₂ per layer` */
  title?: string;
  /** The width in pixels. @defaultValue 480 */
  width?: number;
  /** The height in pixels. @defaultValue 260 */
  height?: number;
}

function describeQuantity(quantity: string): string {
  if (quantity === 'deadReluFraction') return 'dead ReLU fraction';
  if (quantity.startsWith('updateRatio:')) return `‖Δ${quantity.slice('updateRatio:'.length)}‖₂ / ‖${quantity.slice('updateRatio:'.length)}‖₂`;
  return `‖${quantity}‖₂`;
}

/**
 * Writes what a {@link GradientMonitor} recorded as an SVG line chart and returns the SVG text:
 * one line per layer that has the quantity (a ReLU layer has no `dW`), records across (epochs,
 * or steps with a numeric `updateFreq`), values on a log scale, so vanishing gradients show as
 * lines sinking by orders of magnitude towards the first layer. Values that are 0 or not finite
 * cannot sit on a log scale and are left out. Each layer's line is one SVG `<path>`.
 *
 * @param monitor - a GradientMonitor that observed a fit.
 * @param file - the SVG file to write (folders are created; Node only), or `null` to only get the SVG text.
 * @throws ConfigError when the monitor has no records or no layer has the quantity, or the
 * options are not an object with a string `quantity`.
 * @example
 * ```ts
 * const monitor = new GradientMonitor();
 * await model.fit(x, y, { epochs: 30, callbacks: [monitor] });
 * await plotGradients(monitor, 'gradients.svg');                      // ‖dW‖ per layer
 * await plotGradients(monitor, 'updates.svg', { quantity: 'updateRatio:W' });
 * ```
 */
export async function plotGradients(monitor: GradientMonitor, file: string | null, options: PlotGradientsOptions = {}): Promise<string> {
  const quantity = optionsObject(options, 'plotGradients').quantity ?? 'dW';
  if (typeof quantity !== 'string') throw new ConfigError(`plotGradients: quantity must be a string such as 'dW', got ${formatValue(quantity)}`);
  if (monitor.records.length === 0) throw new ConfigError('plotGradients: the monitor has no records; pass it to fit in callbacks first');
  const isLog = quantity !== 'deadReluFraction';
  const bySteps = monitor.updateFreq !== 'epoch';
  const rows: { x: number; value: number; layer: string }[] = [];
  const layers: string[] = [];
  for (const layer of monitor.layerNames()) {
    const values = monitor.series(layer, quantity);
    const points = values
      .map((value, i) => ({ x: bySteps ? monitor.records[i].step : monitor.records[i].epoch + 1, value, layer })) // epochs from 1, as the console
      .filter((p) => Number.isFinite(p.value) && (!isLog || p.value > 0));
    if (points.length === 0) continue;
    layers.push(layer);
    rows.push(...points);
  }
  if (layers.length === 0) {
    throw new ConfigError(`plotGradients: no layer has a finite${isLog ? ', positive' : ''} '${quantity}': expected 'dW', 'db', 'dAPrev', 'updateRatio:<param>' or 'deadReluFraction'`);
  }
  const svg = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title ?? `${describeQuantity(quantity)} per layer`,
    width: options.width ?? 480,
    height: options.height ?? 260,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: bySteps ? 'step' : 'epoch', axis: integerAxis(rows.map((r) => r.x)) },
      y: { field: 'value', type: 'quantitative', title: describeQuantity(quantity), scale: isLog ? { type: 'log' } : { zero: true } },
      color: { field: 'layer', type: 'nominal', title: 'layer', sort: layers },
    },
  });
  writeSvg('plotGradients', file, svg);
  return svg;
}
