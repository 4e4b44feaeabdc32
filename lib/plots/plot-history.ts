/** {@link plotHistory}: the loss and metric curves of one or more fits, as an SVG file. */
import { formatValue, isArray, isReadableObject, kindOf, optionsObject } from '../checks';
import { ConfigError } from '../errors';
import type { History } from '../callbacks';
import { integerAxis, renderSvg, writeSvg } from './render-svg';

/** Options of {@link plotHistory}. */
export interface PlotHistoryOptions {
  /**
   * The quantities to draw, one panel each, by their training name (`'loss'`, `'accuracy'`);
   * each panel shows the training curve and, when logged, the `val_` one.
   * @defaultValue every logged name except `learning_rate`, `loss` first
   */
  metrics?: string[];
  /** The chart's title. @defaultValue none */
  title?: string;
  /** The width of each panel in pixels. @defaultValue 480 */
  width?: number;
  /** The height of each panel in pixels. @defaultValue 180 */
  height?: number;
}

/** One point of a curve, as the Vega-Lite data rows. */
interface Row {
  epoch: number;
  value: number;
  quantity: string;
  split: 'train' | 'validation';
  run: string;
}

function isHistory(value: unknown): value is History {
  return isReadableObject(value) && isArray(value.epoch) && typeof value.history === 'object';
}

function quantitiesOf(runs: readonly History[], requested: string[] | undefined): string[] {
  const logged = new Set(runs.flatMap((h) => Object.keys(h.history)));
  if (requested) {
    if (!isArray(requested)) throw new ConfigError(`plotHistory: metrics must be an array of names, got ${kindOf(requested)}`);
    for (const q of requested) {
      if (!logged.has(q) && !logged.has(`val_${q}`)) {
        throw new ConfigError(`plotHistory: ${formatValue(q)} is not in the history: expected one of [${[...logged].map((k) => `'${k}'`).join(', ')}]`);
      }
    }
    return requested;
  }
  const names = [...new Set([...logged].map((k) => k.replace(/^val_/, '')))].filter((k) => k !== 'learning_rate');
  return names.sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
}

/**
 * Writes the learning curves of a `fit` as an SVG file and returns the SVG text: one panel per
 * quantity (loss first, then each metric) with epochs across, the training curve and the
 * validation curve (`val_…`) in two colours. Pass several histories by name
 * (`{ sgd: h1, adam: h2 }`) to compare runs: colour then tells the run and dashes the split.
 * Each series is one SVG `<path>`; non-finite values are left out. Rendered by Vega-Lite, in
 * Node, without a browser.
 *
 * @param history - a History, or histories by run name.
 * @param file - the SVG file to write (folders are created; Node only), or `null` to only get the SVG text.
 * @throws ConfigError for an empty history or a requested metric that was not logged, or options
 * that are not an object.
 * @example
 * ```ts
 * const history = await model.fit(x, y, { epochs: 50, validationSplit: 0.2 });
 * await plotHistory(history, 'curves.svg');
 * await plotHistory({ sgd: sgdHistory, adam: adamHistory }, 'optimizers.svg', { metrics: ['loss'] });
 * ```
 */
export async function plotHistory(history: History | Record<string, History>, file: string | null, options: PlotHistoryOptions = {}): Promise<string> {
  options = optionsObject(options, 'plotHistory');
  if (!isReadableObject(history)) throw new ConfigError(`plotHistory: expected a History or histories by name, got ${kindOf(history)}`);
  const runs: [string, History][] = isHistory(history) ? [['', history]] : Object.entries(history);
  if (runs.length === 0 || runs.some(([, h]) => !isHistory(h))) throw new ConfigError('plotHistory: expected a History or histories by name');
  if (runs.every(([, h]) => h.epoch.length === 0)) throw new ConfigError('plotHistory: the history is empty: no epoch was run');
  const quantities = quantitiesOf(runs.map(([, h]) => h), options.metrics);
  const rows: Row[] = [];
  for (const [run, h] of runs) {
    for (const quantity of quantities) {
      for (const [split, key] of [['train', quantity], ['validation', `val_${quantity}`]] as const) {
        // History counts epochs from 0, as Keras does; the console and the plot count from 1.
        h.history[key]?.forEach((value, i) => rows.push({ epoch: h.epoch[i] + 1, value, quantity, split, run }));
      }
    }
  }
  const isComparison = runs.length > 1;
  // A legend entry for the split only when there is a validation curve to tell it from.
  const hasValidation = rows.some((r) => r.split === 'validation');
  const svg = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(options.title ? { title: options.title } : {}),
    data: { values: rows },
    transform: [{ filter: 'isFinite(datum.value)' }],
    facet: { row: { field: 'quantity', type: 'nominal', title: null, sort: quantities } },
    spec: {
      width: options.width ?? 480,
      height: options.height ?? 180,
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: integerAxis(rows.map((r) => r.epoch)) },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
        color: isComparison
          ? { field: 'run', type: 'nominal', title: 'run' }
          : { field: 'split', type: 'nominal', title: null, scale: { domain: ['train', 'validation'] }, ...(hasValidation ? {} : { legend: null }) },
        ...(isComparison && hasValidation ? { strokeDash: { field: 'split', type: 'nominal', title: null } } : {}),
      },
    },
    resolve: { scale: { y: 'independent' } },
  });
  writeSvg('plotHistory', file, svg);
  return svg;
}
