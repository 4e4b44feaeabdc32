/**
 * The data view: the decision boundary with the points over it (2-D sets), the fitted curve
 * (regression), or the misclassified validation digits (MNIST).
 */
import { DIGIT_SIDE } from './digits';
import type { DataInfo, View } from './protocol';
import { CLASS_COLORS, cellColor, formatNumber, linearScale, ticks } from './scales';

const rgb = (c: readonly number[]): string => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** A scratch canvas for the grid image (scaled up with smoothing). */
let scratch: HTMLCanvasElement | null = null;

function drawClasses(ctx: CanvasRenderingContext2D, w: number, h: number, data: DataInfo, view: Extract<View, { kind: 'classes' }>): void {
  const n = view.grid, k = view.classes;
  scratch ??= document.createElement('canvas');
  scratch.width = n;
  scratch.height = n;
  const sctx = scratch.getContext('2d') as CanvasRenderingContext2D;
  const image = sctx.createImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = cellColor(view.probabilities.subarray(i * k, (i + 1) * k));
    image.data.set([r, g, b, 255], 4 * i);
  }
  sctx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, 0, 0, w, h);
  const [dx, dy] = data.domain;
  const sx = linearScale(dx, [0, w]), sy = linearScale(dy, [h, 0]);
  const points = (x: Float32Array, labels: Int32Array, isFilled: boolean): void => {
    for (let i = 0; i < labels.length; i++) {
      ctx.beginPath();
      ctx.arc(sx(x[2 * i]), sy(x[2 * i + 1]), isFilled ? 3.5 : 4, 0, 2 * Math.PI);
      const color = rgb(CLASS_COLORS[labels[i] % CLASS_COLORS.length]);
      if (isFilled) {
        ctx.fillStyle = color;
        ctx.fill();
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 1;
      } else {
        ctx.strokeStyle = color;
        ctx.lineWidth = 2;
      }
      ctx.stroke();
    }
  };
  points(data.xTrain, data.labelsTrain, true);
  points(data.xVal, data.labelsVal, false);
  axisLabels(ctx, w, h, dx, dy);
}

function axisLabels(ctx: CanvasRenderingContext2D, w: number, h: number, dx: readonly [number, number], dy: readonly [number, number]): void {
  ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.font = '11px system-ui, sans-serif';
  const sx = linearScale(dx, [0, w]), sy = linearScale(dy, [h, 0]);
  for (const t of ticks(dx[0], dx[1], 4)) ctx.fillText(formatNumber(t), sx(t) + 2, h - 3);
  for (const t of ticks(dy[0], dy[1], 4)) ctx.fillText(formatNumber(t), 2, sy(t) - 2);
}

function drawRegression(ctx: CanvasRenderingContext2D, w: number, h: number, data: DataInfo, view: Extract<View, { kind: 'regression' }>): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  let low = Infinity, high = -Infinity;
  for (const v of [...data.yTrain, ...data.yVal, ...view.ys]) {
    if (Number.isFinite(v)) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  const pad = (high - low) * 0.1 || 1;
  const dy: [number, number] = [low - pad, high + pad];
  const dx = data.domain[0];
  const sx = linearScale(dx, [0, w]), sy = linearScale(dy, [h, 0]);
  const dots = (x: Float32Array, y: Float32Array, color: string, isFilled: boolean): void => {
    for (let i = 0; i < y.length; i++) {
      ctx.beginPath();
      ctx.arc(sx(x[i]), sy(y[i]), 3, 0, 2 * Math.PI);
      if (isFilled) {
        ctx.fillStyle = color;
        ctx.fill();
      } else {
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
    }
  };
  dots(data.xTrain, data.yTrain, rgb(CLASS_COLORS[1]), true);
  dots(data.xVal, data.yVal, rgb(CLASS_COLORS[0]), false);
  ctx.beginPath();
  view.xs.forEach((x, i) => (i === 0 ? ctx.moveTo(sx(x), sy(view.ys[i])) : ctx.lineTo(sx(x), sy(view.ys[i]))));
  ctx.strokeStyle = '#c62828';
  ctx.lineWidth = 2.5;
  ctx.stroke();
  axisLabels(ctx, w, h, dx, dy);
}

function drawDigits(ctx: CanvasRenderingContext2D, w: number, h: number, data: DataInfo, view: Extract<View, { kind: 'digits' }>): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const columns = 8, cell = Math.floor(w / columns);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#333';
  if (view.misses.length === 0) {
    ctx.fillText('No misclassified validation digits.', 8, 20);
    return;
  }
  const pixels = DIGIT_SIDE * DIGIT_SIDE;
  const rows = Math.min(Math.ceil(view.misses.length / columns), Math.floor(h / (cell + 12)));
  // All digits into one image at 1 px per pixel, then scaled up once without smoothing.
  scratch ??= document.createElement('canvas');
  scratch.width = columns * DIGIT_SIDE;
  scratch.height = rows * DIGIT_SIDE;
  const sctx = scratch.getContext('2d') as CanvasRenderingContext2D;
  const image = sctx.createImageData(scratch.width, scratch.height);
  image.data.fill(255);
  view.misses.forEach((index, m) => {
    const row = Math.floor(m / columns);
    if (row >= rows) return;
    for (let p = 0; p < pixels; p++) {
      const v = Math.round(255 * (1 - data.xVal[index * pixels + p]));
      const at = 4 * ((row * DIGIT_SIDE + Math.floor(p / DIGIT_SIDE)) * scratch!.width + (m % columns) * DIGIT_SIDE + (p % DIGIT_SIDE));
      image.data[at] = image.data[at + 1] = image.data[at + 2] = v;
    }
  });
  sctx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  for (let row = 0; row < rows; row++) {
    ctx.drawImage(scratch, 0, row * DIGIT_SIDE, scratch.width, DIGIT_SIDE, 0, row * (cell + 12), columns * cell, cell);
  }
  ctx.fillStyle = '#c62828';
  view.misses.forEach((index, m) => {
    if (Math.floor(m / columns) < rows) ctx.fillText(`${view.predicted[m]} (is ${data.labelsVal[index]})`, (m % columns) * cell + 2, Math.floor(m / columns) * (cell + 12) + cell + 9);
  });
}

/** Draws the data view for the latest report. */
export function drawDataView(canvas: HTMLCanvasElement, data: DataInfo, view: View): void {
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  if (view.kind === 'classes') drawClasses(ctx, w, h, data, view);
  else if (view.kind === 'regression') drawRegression(ctx, w, h, data, view);
  else drawDigits(ctx, w, h, data, view);
}
