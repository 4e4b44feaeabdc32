/** The benchmark's statistics, ratios and markdown tables, on hand-made measurements. */
import { summarize } from '../../bench/stats';
import { buildCase, type BenchReport } from '../../bench/report';
import { formatRatio, formatValue, renderCase, renderOverview, renderReport, renderTransposeCost } from '../../bench/table';
import { DEFAULT_OPTIONS } from '../../bench/options';

describe('summarize', () => {
  it('gives the median and the range', () => {
    // Sorted [1, 2, 3]: the middle is 2. Sorted [1, 2, 4, 10]: the median is (2 + 4) / 2 = 3.
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, values: [3, 1, 2] });
    expect(summarize([10, 2, 1, 4])).toMatchObject({ median: 3, min: 1, max: 10 });
  });

  it('refuses an empty list', () => {
    expect(() => summarize([])).toThrow('no values');
  });
});

describe('formatting', () => {
  it('keeps about three significant digits with thousands separators', () => {
    expect(formatValue(9870.4)).toBe('9,870');
    expect(formatValue(46.21)).toBe('46.2');
    expect(formatValue(0.71234)).toBe('0.712');
  });

  it('writes ratios as ×r, and — when there is none', () => {
    expect(formatRatio(3.4199)).toBe('×3.42');
    expect(formatRatio(34.21)).toBe('×34.2');
    expect(formatRatio(1234.5)).toBe('×1,235');
    expect(formatRatio(null)).toBe('—');
    expect(formatRatio(Infinity)).toBe('—');
  });
});

describe('buildCase', () => {
  const training = buildCase('train-small', 'Training small', 'samples/s', [
    { peer: 'layerwise', values: [30000, 34000, 32000], accuracy: 0.9, peakRssMiB: 100 },
    { peer: 'tfjs-wasm', values: [8000, 10000], accuracy: 0.885, peakRssMiB: 200 },
    { peer: 'brain.js', values: null, error: 'boom\nstack' },
  ]);

  it('divides layerwise\'s median by each peer\'s', () => {
    // layerwise median 32,000; tfjs-wasm median (8,000 + 10,000) / 2 = 9,000: 32,000 / 9,000 = 3.56.
    const [lw, tfjs, brain] = training.rows;
    expect(lw.ratio).toBe(1);
    expect(tfjs.ratio).toBeCloseTo(32000 / 9000, 12);
    expect(brain.ratio).toBeNull();
    // Accuracy lead in points: 100·(0.9 − 0.885) = 1.5; memory 100 / 200 = 0.5.
    expect(tfjs.accuracyDelta).toBeCloseTo(1.5, 12);
    expect(tfjs.rssRatio).toBe(0.5);
  });

  it('renders a table with every column, finite ratios and the failure', () => {
    const table = renderCase(training);
    const header = table.split('\n')[2];
    for (const column of ['peer', 'samples/s (median)', 'min–max', 'layerwise ÷ peer', 'test accuracy', 'peak RSS (MiB)', 'notes']) {
      expect(header).toContain(column);
    }
    expect(table).toContain('| tfjs-wasm | 9,000 | 8,000–10,000 | ×3.56 | 88.5% | +1.5 | 200 | ×0.500 |');
    expect(table).toContain('failed: boom |');
    // Every row has as many cells as the header.
    const lines = table.split('\n').slice(2);
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    for (const line of lines) expect(cells(line)).toBe(cells(header));
  });

  it('has no ratio anywhere when layerwise failed', () => {
    const c = buildCase('infer-small', 'Inference', 'samples/s', [
      { peer: 'layerwise', values: null, error: 'x' },
      { peer: 'tfjs-cpu', values: [5] },
    ]);
    expect(c.rows.map((r) => r.ratio)).toEqual([null, null]);
  });
});

describe('renderReport', () => {
  const plain = buildCase('matmul-4x5x6', 'Matmul A·B', 'GFLOP/s', [
    { peer: 'layerwise', values: [50] }, { peer: 'tfjs-wasm', values: [40] },
  ]);
  const transposed = buildCase('matmul-4x5x6-tA', 'Matmul Aᵀ·B', 'GFLOP/s', [
    { peer: 'layerwise', values: [45] }, { peer: 'tfjs-wasm', values: [4] },
  ]);

  it('puts a peer column per peer in the overview', () => {
    // 50 / 40 = 1.25 and 45 / 4 = 11.25.
    expect(renderOverview([plain, transposed])).toBe([
      '| case | tfjs-wasm |', '| --- | --- |', '| Matmul A·B | ×1.25 |', '| Matmul Aᵀ·B | ×11.3 |',
    ].join('\n'));
  });

  it('gives each peer\'s cost of a transposed operand', () => {
    // layerwise 45 / 50 = 0.9; tfjs-wasm 4 / 40 = 0.1.
    expect(renderTransposeCost([plain, transposed])).toContain('| 4×5×6 | ×0.900 | ×0.100 |');
  });

  it('assembles the header, the cases and the notes', () => {
    const report: BenchReport = {
      date: '2025-01-01T00:00:00.000Z',
      machine: { node: 'v20', cpu: 'CPU', cores: 2, platform: 'linux x64' },
      options: DEFAULT_OPTIONS,
      baselineRssMiB: 80,
      cases: [plain, transposed],
      notes: ['a note'],
    };
    const text = renderReport(report);
    expect(text).toContain('**Ratios are layerwise ÷ peer**');
    expect(text).toContain('### Matmul Aᵀ·B');
    expect(text).toContain('- a note');
  });
});
