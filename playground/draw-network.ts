/**
 * The network drawing: one column of nodes per Dense width (the input first), edges whose
 * width and colour show the weights, and the layers between two Dense columns written under
 * their gap (activation, batch normalization, dropout).
 */
import type { LayerInfo, WeightInfo } from './protocol';
import { weightStyle } from './scales';

/** Nodes drawn per column at most (wider layers show a sample of evenly spaced units). */
export const MAX_NODES = 16;

/** The `min(n, max)` unit indices drawn for a layer of `n` units, evenly spaced. */
export function shownUnits(n: number, max = MAX_NODES): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1)));
}

/** Draws the network for `layers` with the Dense kernels `weights` (in layer order). */
export function drawNetwork(canvas: HTMLCanvasElement, inputDim: number, layers: readonly LayerInfo[], weights: readonly WeightInfo[]): void {
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  const widths = [inputDim, ...layers.filter((l) => l.className === 'Dense').map((l) => l.units)];
  const between: string[][] = widths.map(() => []);
  let dense = 0;
  for (const layer of layers) {
    if (layer.className === 'Dense') dense++;
    else between[dense].push(layer.className === 'BatchNormalization' ? 'BN' : layer.className);
  }
  const top = 18, bottom = h - 30;
  const columnX = (c: number): number => 30 + (c * (w - 60)) / Math.max(1, widths.length - 1);
  const shown = widths.map((n) => shownUnits(n));
  const nodeY = (c: number, k: number): number => {
    const count = shown[c].length;
    return count === 1 ? (top + bottom) / 2 : top + (k * (bottom - top)) / (count - 1);
  };
  weights.forEach((kernel, c) => {
    if (c + 1 >= widths.length) return;
    const [, units] = kernel.shape;
    let maxAbs = 0;
    for (const v of kernel.data) maxAbs = Math.max(maxAbs, Math.abs(v));
    shown[c].forEach((i, a) => shown[c + 1].forEach((j, b) => {
      const style = weightStyle(kernel.data[i * units + j], maxAbs);
      ctx.globalAlpha = style.alpha;
      ctx.strokeStyle = style.color;
      ctx.lineWidth = style.width;
      ctx.beginPath();
      ctx.moveTo(columnX(c), nodeY(c, a));
      ctx.lineTo(columnX(c + 1), nodeY(c + 1, b));
      ctx.stroke();
    }));
  });
  ctx.globalAlpha = 1;
  ctx.font = '11px system-ui, sans-serif';
  widths.forEach((n, c) => {
    const x = columnX(c);
    shown[c].forEach((_, k) => {
      ctx.beginPath();
      ctx.arc(x, nodeY(c, k), 5, 0, 2 * Math.PI);
      ctx.fillStyle = '#fff';
      ctx.fill();
      ctx.strokeStyle = '#333';
      ctx.lineWidth = 1.2;
      ctx.stroke();
    });
    ctx.fillStyle = '#222';
    ctx.textAlign = c === widths.length - 1 ? 'right' : c === 0 ? 'left' : 'center';
    const textX = c === widths.length - 1 ? x + 6 : c === 0 ? x - 6 : x;
    const name = c === 0 ? `input ${n}` : `Dense ${n}`;
    ctx.fillText(n > MAX_NODES ? `${name} (${MAX_NODES} shown)` : name, textX, h - 16);
    if (c > 0 && between[c].length > 0) {
      ctx.fillStyle = '#0b5cad';
      ctx.fillText(`→ ${between[c].join(' → ')}`, textX, h - 3);
    }
  });
  ctx.textAlign = 'left';
}
