/** Training and validation curves (loss, or accuracy / R²) against the step count. */
import { formatNumber, linearScale, ticks } from './scales';

/** One line of a curve chart. */
export interface Series {
  readonly label: string;
  readonly color: string;
  readonly isDashed: boolean;
  readonly values: readonly number[];
}

const MARGIN = { left: 44, right: 8, top: 16, bottom: 18 };

/** Draws `series` against `steps` (shared x values); `title` goes top left. */
export function drawCurves(canvas: HTMLCanvasElement, title: string, steps: readonly number[], series: readonly Series[]): void {
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#333';
  ctx.fillText(title, MARGIN.left, 11);
  const finite = series.flatMap((s) => s.values.filter(Number.isFinite));
  if (steps.length === 0 || finite.length === 0) return;
  let low = Math.min(...finite), high = Math.max(...finite);
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const sx = linearScale([steps[0], Math.max(steps[steps.length - 1], steps[0] + 1)], [MARGIN.left, w - MARGIN.right]);
  const sy = linearScale([low, high], [h - MARGIN.bottom, MARGIN.top]);
  ctx.strokeStyle = '#e5e5e5';
  ctx.lineWidth = 1;
  for (const t of ticks(low, high, 4)) {
    ctx.beginPath();
    ctx.moveTo(MARGIN.left, sy(t));
    ctx.lineTo(w - MARGIN.right, sy(t));
    ctx.stroke();
    ctx.fillStyle = '#555';
    ctx.fillText(formatNumber(t), 2, sy(t) + 4);
  }
  ctx.fillText(`step ${steps[steps.length - 1]}`, w - MARGIN.right - 60, h - 4);
  let legendX = MARGIN.left + ctx.measureText(title).width + 12;
  for (const s of series) {
    ctx.beginPath();
    ctx.setLineDash(s.isDashed ? [5, 3] : []);
    s.values.forEach((v, i) => (i === 0 ? ctx.moveTo(sx(steps[i]), sy(v)) : ctx.lineTo(sx(steps[i]), sy(v))));
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(legendX, 7);
    ctx.lineTo(legendX + 18, 7);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#333';
    ctx.fillText(s.label, legendX + 22, 11);
    legendX += 30 + ctx.measureText(s.label).width;
  }
}

/**
 * Keeps at most `max` points of a history by dropping every second one when it grows past
 * `max`, so long runs keep their shape at a bounded cost. Mutates and returns `points`.
 */
export function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const kept = points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
  points.length = 0;
  points.push(...kept);
  return points;
}
