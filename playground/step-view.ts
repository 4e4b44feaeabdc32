/**
 * The step view: for one sample, every intermediate of one forward and backward pass as
 * `computeGradients` returns it, one table row per tensor with its shape and first values.
 * Each row carries `data-layer` (layer index, -1 for the input), `data-key` (the field of
 * the LayerTrace: `output`, `dOut`, `dAPrev`, `dW`, …) and `data-shape` (JSON) for tests.
 */
import type { TraceInfo, TraceTensor } from './protocol';
import { formatNumber } from './scales';

/** Values shown per tensor (the rest is elided). */
export const SHOWN_VALUES = 8;

/** `[1, 16]` */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The first values of a tensor, `…` when there are more. */
export function valuesText(t: TraceTensor): string {
  const size = t.shape.reduce((a, b) => a * b, 1);
  const shown = Array.from(t.values.subarray(0, SHOWN_VALUES), formatNumber).join(', ');
  return size > SHOWN_VALUES ? `${shown}, …` : shown;
}

/** Renders `trace` into `container` (replacing what was there). */
export function renderStepView(container: HTMLElement, trace: TraceInfo): void {
  const table = document.createElement('table');
  const caption = table.createCaption();
  caption.textContent = `Training sample ${trace.sample}: loss ${formatNumber(trace.loss)}. Forward rows (black) go down, backward rows (red) are what flows back.`;
  const head = table.createTHead().insertRow();
  for (const title of ['layer', 'tensor', 'shape', 'first values']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = title;
    head.append(th);
  }
  const body = table.createTBody();
  const addRow = (layerIndex: number, layerText: string, t: TraceTensor, isFirst: boolean): void => {
    const row = body.insertRow();
    row.dataset.layer = String(layerIndex);
    row.dataset.key = t.key;
    row.dataset.shape = JSON.stringify(t.shape);
    row.dataset.values = JSON.stringify(Array.from(t.values));
    if (isFirst) row.className = 'layer-start';
    const isBackward = t.key !== 'output' && t.key !== 'input';
    const cells = [isFirst ? layerText : '', t.label, shapeText(t.shape), valuesText(t)];
    cells.forEach((text, i) => {
      const td = row.insertCell();
      td.textContent = text;
      if (i === 3) td.className = 'values';
      if (i === 1 && isBackward) td.className = 'back';
    });
  };
  addRow(-1, 'input', trace.input, true);
  trace.layers.forEach((layer, i) => layer.tensors.forEach((t, k) => addRow(i, `${layer.name} (${layer.className})`, t, k === 0)));
  container.replaceChildren(table);
  container.dataset.sample = String(trace.sample);
  container.dataset.loss = String(trace.loss);
}
