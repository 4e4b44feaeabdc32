import { cellColor, domainOf, formatNumber, gradientHealth, gridPoints, linearScale, logScale, ticks, weightStyle } from '../../playground/scales';
import { shownUnits } from '../../playground/draw-network';
import { thin } from '../../playground/draw-curves';
import { markLayers } from '../../playground/draw-gradients';
import type { LayerGradientStats } from '../../lib/index';

describe('playground drawing scales', () => {
  it('linearScale maps the domain onto the range, flipped ranges included', () => {
    const s = linearScale([-1, 1], [0, 400]);
    expect([s(-1), s(0), s(1)]).toEqual([0, 200, 400]);
    const flipped = linearScale([0, 10], [300, 0]);
    expect([flipped(0), flipped(2.5), flipped(10)]).toEqual([300, 225, 0]);
    expect(linearScale([2, 2], [0, 10])(5)).toBe(0);
  });

  it('logScale maps decades linearly and clamps outside, zero to the start', () => {
    const s = logScale(-8, 2, [0, 100]);
    expect(s(1e-8)).toBeCloseTo(0, 12);
    expect(s(1e-3)).toBeCloseTo(50, 12);
    expect(s(100)).toBeCloseTo(100, 12);
    expect([s(0), s(1e-20), s(1e9)]).toEqual([0, 0, 100]);
  });

  it('domainOf pads each column by 10% of its width', () => {
    const d = domainOf([0, 10, 1, 20, 2, 30], 2);
    expect(d[0][0]).toBeCloseTo(-0.2, 12);
    expect(d[0][1]).toBeCloseTo(2.2, 12);
    expect(d[1][0]).toBeCloseTo(8, 12);
    expect(d[1][1]).toBeCloseTo(32, 12);
    expect(domainOf([3, 3], 1)).toEqual([[2.5, 3.5]]);
    expect(domainOf([], 1)).toEqual([[-1, 1]]);
  });

  it('ticks are round steps of 1, 2 or 5 inside the interval', () => {
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(-1.1, 1.1, 4)).toEqual([-1, 0, 1]); // 2.2/4 = 0.55 rounds up to a step of 1
    expect(ticks(-1.1, 1.1, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(ticks(0.013, 0.05, 4)).toEqual([0.02, 0.03, 0.04, 0.05]);
    expect(ticks(3, 3)).toEqual([3]);
  });

  it('gridPoints are cell centres, row-major from the top left', () => {
    const g = gridPoints([[0, 2], [0, 2]], 2);
    expect(Array.from(g)).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
  });

  it('cellColor is white for an undecided cell and the class colour mixed 75% for a sure one', () => {
    expect(cellColor([0.5, 0.5])).toEqual([255, 255, 255]);
    expect(cellColor([1, 0])).toEqual([Math.round(255 - 25 * 0.75), Math.round(255 - 96 * 0.75), Math.round(255 - 255 * 0.75)]);
    // Three classes, p = 0.7 for the third: t = (0.7 − 1/3)/(1 − 1/3) = 0.55, colour (0, 158, 115).
    const t = 0.55 * 0.75;
    expect(cellColor([0.1, 0.2, 0.7])).toEqual([Math.round(255 - 255 * t), Math.round(255 - 97 * t), Math.round(255 - 140 * t)]);
  });

  it('weightStyle: colour by sign, width and opacity by |w|/max', () => {
    expect(weightStyle(2, 2)).toEqual({ color: '#0072b2', width: 4, alpha: 1 });
    expect(weightStyle(-1, 2)).toEqual({ color: '#e69f00', width: 2.25, alpha: 0.575 });
    expect(weightStyle(0, 0)).toEqual({ color: '#0072b2', width: 0.5, alpha: 0.15 });
  });

  it('gradientHealth marks a factor of 100 either way', () => {
    expect(gradientHealth(0.009, 1)).toBe('vanishing');
    expect(gradientHealth(0.011, 1)).toBe('ok');
    expect(gradientHealth(101, 1)).toBe('exploding');
    expect(gradientHealth(NaN, 1)).toBe('ok');
    expect(gradientHealth(1, 0)).toBe('ok');
  });

  it('formatNumber keeps 4 significant digits, exponent form for tiny and huge values', () => {
    expect([formatNumber(0), formatNumber(0.123456), formatNumber(1234.5), formatNumber(5e-7), formatNumber(12345), formatNumber(NaN)])
      .toEqual(['0', '0.1235', '1235', '5.00e-7', '1.23e+4', 'NaN']);
  });

  it('shownUnits picks evenly spaced units, ends included', () => {
    expect(shownUnits(3)).toEqual([0, 1, 2]);
    const s = shownUnits(196, 16);
    expect(s).toHaveLength(16);
    expect([s[0], s[15]]).toEqual([0, 195]);
  });

  it('thin halves a long history, keeping the first and last points', () => {
    const points = Array.from({ length: 11 }, (_, i) => i);
    expect(thin(points, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(thin([1, 2], 10)).toEqual([1, 2]);
  });

  it('markLayers compares each Dense ‖dW‖ with the last one and marks dead ReLU layers', () => {
    const layer = (name: string, dW: number | undefined, dead: number | null): LayerGradientStats => ({
      layer: name, className: dW === undefined ? 'ReLU' : 'Dense', grads: dW === undefined ? {} : { dW, db: 1 }, dAPrev: 1, updateRatios: {}, deadReluFraction: dead,
    });
    const marks = markLayers([layer('d1', 1e-5, null), layer('r1', undefined, 0.75), layer('d2', 1e3, null), layer('d3', 1, null)]);
    expect(marks.map((m) => [m.layer, m.health, m.isDead])).toEqual([
      ['d1', 'vanishing', false], ['r1', 'ok', true], ['d2', 'exploding', false], ['d3', 'ok', false],
    ]);
  });
});
