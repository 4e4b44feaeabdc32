/**
 * Drawing scales: the input area of a dataset, linear and logarithmic maps from values to
 * pixels, nice tick values, and the colours of classes, weights and gradients. Pure functions.
 */

/** A closed interval `[low, high]`. */
export type Interval = readonly [number, number];
/** One interval per drawn input axis. */
export type Domain = readonly Interval[];

/**
 * The smallest interval per column of `x` (row-major, `columns` wide) holding every value,
 * widened by `pad` of its width on each side; a column of one value gets ±0.5.
 */
export function domainOf(x: ArrayLike<number>, columns: number, pad = 0.1): Interval[] {
  const out: Interval[] = [];
  for (let c = 0; c < columns; c++) {
    let low = Infinity, high = -Infinity;
    for (let i = c; i < x.length; i += columns) {
      low = Math.min(low, x[i]);
      high = Math.max(high, x[i]);
    }
    if (!(low <= high)) out.push([-1, 1]);
    else if (low === high) out.push([low - 0.5, high + 0.5]);
    else out.push([low - pad * (high - low), high + pad * (high - low)]);
  }
  return out;
}

/** `v ↦ r₀ + (v − d₀)·(r₁ − r₀)/(d₁ − d₀)`: maps the interval `domain` onto `range`. */
export function linearScale(domain: Interval, range: Interval): (v: number) => number {
  const [d0, d1] = domain, [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * `v ↦ linear(log₁₀ v)` on `[10^lowExp, 10^highExp]`, clamped there: values below (zero
 * included) go to the range's start, values above to its end.
 */
export function logScale(lowExp: number, highExp: number, range: Interval): (v: number) => number {
  const lin = linearScale([lowExp, highExp], range);
  return (v) => lin(Math.min(highExp, Math.max(lowExp, v > 0 ? Math.log10(v) : lowExp)));
}

/** About `count` evenly spaced round values (steps of 1, 2 or 5 × 10ⁿ) covering `[low, high]`. */
export function ticks(low: number, high: number, count = 5): number[] {
  if (!(high > low) || count < 1) return [low];
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** The centres of an `n`×`n` grid over a 2-D domain, row-major from the top-left (x₁ decreasing downwards). */
export function gridPoints(domain: Domain, n: number): Float32Array {
  const out = new Float32Array(n * n * 2);
  const [[x0, x1], [y0, y1]] = domain;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      out[2 * (r * n + c)] = x0 + ((c + 0.5) / n) * (x1 - x0);
      out[2 * (r * n + c) + 1] = y1 - ((r + 0.5) / n) * (y1 - y0);
    }
  }
  return out;
}

/** Class colours (colour-blind friendly, Okabe–Ito), as `[r, g, b]`. */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  [230, 159, 0], [0, 114, 178], [0, 158, 115], [204, 121, 167], [86, 180, 233],
  [213, 94, 0], [240, 228, 66], [0, 0, 0], [120, 120, 120], [160, 80, 40],
];

/**
 * The background colour of a grid cell from its class probabilities `p` (one per class):
 * the likeliest class's colour, mixed with white by its margin over a uniform guess,
 * `t = (max p − 1/K)/(1 − 1/K)`, so an undecided cell is white.
 */
export function cellColor(p: ArrayLike<number>): [number, number, number] {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  const uniform = 1 / p.length;
  const t = p.length > 1 ? Math.max(0, Math.min(1, (p[best] - uniform) / (1 - uniform))) : 1;
  const [r, g, b] = CLASS_COLORS[best % CLASS_COLORS.length];
  const mix = (v: number): number => Math.round(255 + (v - 255) * 0.75 * t);
  return [mix(r), mix(g), mix(b)];
}

/** A weight's edge: blue for positive, orange for negative, width and opacity from `|w|/maxAbs`. */
export function weightStyle(w: number, maxAbs: number): { color: string; width: number; alpha: number } {
  const t = maxAbs > 0 ? Math.min(1, Math.abs(w) / maxAbs) : 0;
  return { color: w >= 0 ? '#0072b2' : '#e69f00', width: 0.5 + 3.5 * t, alpha: 0.15 + 0.85 * t };
}

/**
 * How a gradient norm compares with the last layer's: `vanishing` below 1/100 of it,
 * `exploding` above 100 times it, `ok` otherwise (and when either is not a positive number).
 */
export function gradientHealth(norm: number, reference: number): 'vanishing' | 'exploding' | 'ok' {
  if (!(norm >= 0) || !(reference > 0)) return 'ok';
  if (norm < reference / 100) return 'vanishing';
  if (norm > reference * 100) return 'exploding';
  return 'ok';
}

/** A number for display: 4 significant digits, exponent form outside [1e-3, 1e4). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e4 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}
