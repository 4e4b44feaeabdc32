/**
 * The backward pass as in layerwise's figure: one box per layer, and in red, right to left,
 * the gradient each layer hands to the one before it (‖dAPrev‖, arrow width on a log scale),
 * with each Dense's ‖dW‖ as a bar and the layers where the gradient vanishes or explodes, or
 * where ReLU units are dead, marked. Also writes the numbers into the canvas's data
 * attributes (`data-dw`: ‖dW‖ of each Dense, first to last) and into a table.
 */
import type { LayerGradientStats } from '../lib/index';
import { formatNumber, gradientHealth, logScale } from './scales';

/** The log₁₀ range drawn: norms from 1e-8 to 1e2. */
const LOG_RANGE: readonly [number, number] = [-8, 2];
/** The canvas's width for shallow networks, and the least width per layer before it grows. */
const BASE_WIDTH = 820;
const MIN_SLOT = 62;
/** A ReLU layer is marked dead when more than this fraction of its units output 0 for a whole batch. */
export const DEAD_FRACTION = 0.5;

/** What the drawing marks for one layer. */
export interface LayerMark {
  readonly layer: string;
  readonly dW: number | null;
  readonly health: 'vanishing' | 'exploding' | 'ok';
  readonly isDead: boolean;
}

/** Each layer's health: its ‖dW‖ against the last Dense's, and dead ReLU units. */
export function markLayers(stats: readonly LayerGradientStats[]): LayerMark[] {
  const dense = stats.filter((s) => s.grads.dW !== undefined);
  const reference = dense.length > 0 ? dense[dense.length - 1].grads.dW : NaN;
  return stats.map((s) => ({
    layer: s.layer,
    dW: s.grads.dW ?? null,
    health: s.grads.dW === undefined ? 'ok' : gradientHealth(s.grads.dW, reference),
    isDead: (s.deadReluFraction ?? 0) > DEAD_FRACTION,
  }));
}

/** Draws the gradient flow for the latest `GradientMonitor` record. */
export function drawGradientFlow(canvas: HTMLCanvasElement, stats: readonly LayerGradientStats[] | null): void {
  // Deep networks get a wider canvas (at least MIN_SLOT px per layer) that scrolls sideways.
  const width = Math.max(BASE_WIDTH, (stats?.length ?? 0) * MIN_SLOT);
  if (canvas.width !== width) {
    canvas.width = width;
    canvas.classList.toggle('scrolls', width > BASE_WIDTH);
  }
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  if (!stats || stats.length === 0) {
    ctx.fillStyle = '#555';
    ctx.fillText('Take a step or start training to see the gradients.', 10, 20);
    canvas.dataset.dw = '[]';
    return;
  }
  const marks = markLayers(stats);
  canvas.dataset.dw = JSON.stringify(marks.filter((m) => m.dW !== null).map((m) => m.dW));
  canvas.dataset.dAPrev = JSON.stringify(stats.map((s) => s.dAPrev));
  canvas.dataset.health = JSON.stringify(marks.map((m) => (m.isDead ? 'dead' : m.health)));
  const n = stats.length;
  const slot = w / n, boxW = Math.min(70, slot * 0.62), boxY = 150, boxH = 40;
  const barScale = logScale(LOG_RANGE[0], LOG_RANGE[1], [0, 100]);
  const arrowScale = logScale(LOG_RANGE[0], LOG_RANGE[1], [1, 12]);
  const centre = (i: number): number => slot * (i + 0.5);
  ctx.fillStyle = '#c62828';
  ctx.fillText('← the gradient flows back (‖dAPrev‖)', w - 230, 12);
  ctx.fillStyle = '#222';
  ctx.fillText('bars: ‖dW‖ of each Dense, log scale', 8, 12);
  stats.forEach((s, i) => {
    const x = centre(i), mark = marks[i];
    ctx.fillStyle = mark.health !== 'ok' || mark.isDead ? '#fdecea' : '#f4f4f4';
    ctx.strokeStyle = '#555';
    ctx.lineWidth = 1;
    ctx.fillRect(x - boxW / 2, boxY, boxW, boxH);
    ctx.strokeRect(x - boxW / 2, boxY, boxW, boxH);
    ctx.fillStyle = '#222';
    const label = s.className === 'BatchNormalization' ? 'BN' : s.className;
    ctx.fillText(label.length > 9 ? `${label.slice(0, 8)}…` : label, x - boxW / 2 + 3, boxY + 15);
    ctx.fillStyle = '#666';
    ctx.fillText(s.layer.length > 10 ? `…${s.layer.slice(-9)}` : s.layer, x - boxW / 2 + 3, boxY + 31);
    if (s.grads.dW !== undefined) {
      const barH = barScale(s.grads.dW);
      ctx.fillStyle = mark.health === 'ok' ? '#ef9a9a' : '#c62828';
      ctx.fillRect(x - 7, boxY - 4 - barH, 14, barH);
      ctx.fillStyle = '#222';
      ctx.fillText(slot > 90 ? `‖dW‖ ${formatNumber(s.grads.dW)}` : formatNumber(s.grads.dW), x - boxW / 2, boxY - 8 - barH);
    }
    const flags = [mark.health !== 'ok' ? mark.health : '', mark.isDead ? `dead ${Math.round(100 * (s.deadReluFraction ?? 0))}%` : ''].filter(Boolean);
    if (flags.length > 0) {
      ctx.fillStyle = '#c62828';
      ctx.font = 'bold 11px system-ui, sans-serif';
      ctx.fillText(flags.join(', '), x - boxW / 2, boxY + boxH + 14);
      ctx.font = '11px system-ui, sans-serif';
    }
    if (s.dAPrev !== null && i > 0) {
      const y = boxY + boxH + 40, x0 = centre(i) - boxW / 2, x1 = centre(i - 1) + boxW / 2;
      ctx.strokeStyle = '#c62828';
      ctx.fillStyle = '#c62828';
      ctx.lineWidth = arrowScale(s.dAPrev);
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(x1 + 8, y);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(x1, y);
      ctx.lineTo(x1 + 9, y - 5 - ctx.lineWidth / 2);
      ctx.lineTo(x1 + 9, y + 5 + ctx.lineWidth / 2);
      ctx.fill();
      ctx.fillText(formatNumber(s.dAPrev), (x0 + x1) / 2 - 14, y + 22);
    }
  });
}

/** Fills `table` with one row per layer: ‖dW‖, ‖db‖, ‖dAPrev‖, update ratio of W, dead ReLU fraction, and other gradients (e.g. BatchNormalization's ‖dgamma‖, ‖dbeta‖). */
export function fillGradientTable(table: HTMLTableElement, stats: readonly LayerGradientStats[] | null): void {
  const caption = table.caption;
  table.replaceChildren();
  if (caption) table.append(caption);
  const head = table.createTHead().insertRow();
  for (const title of ['layer', '‖dW‖', '‖db‖', '‖dAPrev‖', '‖ΔW‖/‖W‖', 'dead ReLU units', 'other gradients']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = title;
    head.append(th);
  }
  if (!stats) return;
  const marks = markLayers(stats);
  const body = table.createTBody();
  stats.forEach((s, i) => {
    const row = body.insertRow();
    const cell = (text: string, className = ''): void => {
      const td = row.insertCell();
      td.textContent = text;
      if (className) td.className = className;
    };
    const maybe = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : formatNumber(v));
    cell(`${s.layer} (${s.className})`);
    cell(maybe(s.grads.dW) + (marks[i].health !== 'ok' ? ` ${marks[i].health}` : ''), marks[i].health !== 'ok' ? marks[i].health : '');
    cell(maybe(s.grads.db));
    cell(maybe(s.dAPrev));
    cell(maybe(s.updateRatios.W));
    cell(s.deadReluFraction === null ? '–' : `${Math.round(100 * s.deadReluFraction)}%`, marks[i].isDead ? 'dead' : '');
    const others = Object.entries(s.grads).filter(([key]) => key !== 'dW' && key !== 'db');
    cell(others.length === 0 ? '–' : others.map(([key, v]) => `‖${key}‖ ${formatNumber(v)}`).join(', '));
  });
}
