/** Renders a {@link BenchReport} as markdown: an overview of ratios, one table per case, notes. */
import { REFERENCE_PEER, type BenchReport, type CaseResult, type Row } from './report';

/** A figure with about three significant digits and thousands separators: `9,870`, `46.2`, `0.712`. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

/** A ratio as `×3.42`, `×34.2`, `×342`, `×0.292`; `—` when there is none. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `×${ratio >= 100 ? Math.round(ratio).toLocaleString('en-US') : ratio.toPrecision(3)}`;
}

/** Escapes a cell's pipes and newlines so it cannot break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** A markdown table from a header row and body rows. */
export function markdownTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

function rowNote(row: Row): string {
  if (row.error !== undefined) return `failed: ${row.error.split('\n')[0].slice(0, 160)}`;
  return row.note ?? '';
}

/**
 * One case as a markdown table: each peer's median and min–max, layerwise ÷ peer, and for
 * training cases the test accuracy (with layerwise's lead in points) and the peak RSS.
 */
export function renderCase(result: CaseResult): string {
  const hasAccuracy = result.rows.some((r) => r.accuracy !== undefined);
  const hasRss = result.rows.some((r) => r.peakRssMiB !== undefined);
  const header = [
    'peer', `${result.unit} (median)`, 'min–max', `${REFERENCE_PEER} ÷ peer`,
    ...(hasAccuracy ? ['test accuracy', `${REFERENCE_PEER} − peer (points)`] : []),
    ...(hasRss ? ['peak RSS (MiB)', `RSS ${REFERENCE_PEER} ÷ peer`] : []),
    'notes',
  ];
  const body = result.rows.map((row) => {
    const f = row.figure;
    const delta = row.accuracyDelta;
    return [
      row.peer,
      f ? formatValue(f.median) : '—',
      f ? `${formatValue(f.min)}–${formatValue(f.max)}` : '—',
      formatRatio(row.ratio),
      ...(hasAccuracy ? [
        row.accuracy !== undefined ? `${(100 * row.accuracy).toFixed(1)}%` : '—',
        delta === null || delta === undefined ? '—' : `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`,
      ] : []),
      ...(hasRss ? [row.peakRssMiB !== undefined ? row.peakRssMiB.toFixed(0) : '—', formatRatio(row.rssRatio)] : []),
      rowNote(row),
    ];
  });
  return `### ${result.title}\n\n${markdownTable(header, body)}`;
}

/** Every peer label that appears in `cases`, in first-seen order, without the reference. */
function otherPeers(cases: readonly CaseResult[]): string[] {
  const labels: string[] = [];
  for (const c of cases) for (const r of c.rows) if (r.peer !== REFERENCE_PEER && !labels.includes(r.peer)) labels.push(r.peer);
  return labels;
}

/** One line per case, one column per peer: layerwise ÷ peer on the case's main figure. */
export function renderOverview(cases: readonly CaseResult[]): string {
  const peers = otherPeers(cases);
  const body = cases.map((c) => [c.title, ...peers.map((p) => formatRatio(c.rows.find((r) => r.peer === p)?.ratio))]);
  return markdownTable(['case', ...peers], body);
}

/**
 * For each matrix shape, each peer's `Aᵀ·B` median ÷ its `A·B` median: how much a transposed
 * operand costs (1 means nothing). Matches the cases `matmul-<shape>` and `matmul-<shape>-tA`.
 */
export function renderTransposeCost(cases: readonly CaseResult[]): string | null {
  const pairs = cases
    .filter((c) => c.id.startsWith('matmul-') && !c.id.endsWith('-tA'))
    .map((plain) => ({ plain, transposed: cases.find((c) => c.id === `${plain.id}-tA`) }))
    .filter((p): p is { plain: CaseResult; transposed: CaseResult } => p.transposed !== undefined);
  if (pairs.length === 0) return null;
  const peers = [REFERENCE_PEER, ...otherPeers(pairs.map((p) => p.plain))];
  const body = pairs.map(({ plain, transposed }) => [
    plain.id.slice('matmul-'.length).replace(/x/g, '×'),
    ...peers.map((peer) => {
      const a = plain.rows.find((r) => r.peer === peer)?.figure?.median;
      const b = transposed.rows.find((r) => r.peer === peer)?.figure?.median;
      return a !== undefined && b !== undefined ? formatRatio(b / a) : '—';
    }),
  ]);
  return markdownTable(['M×K×N', ...peers], body);
}

/** The whole report as markdown: header, overview, the cases, the transpose cost, the notes. */
export function renderReport(report: BenchReport): string {
  const o = report.options;
  const m = report.machine;
  const parts = [
    '# layerwise benchmark',
    `${report.date} · Node ${m.node} · ${m.cores} × ${m.cpu} · ${m.platform}${o.quick ? ' · **--quick: smoke-test sizes, not a measurement**' : ''}`,
    `MNIST split ${o.trainSamples} training / ${o.testSamples} test digits (seed ${o.dataSeed}); SGD lr ${o.learningRate}, batch ${o.batchSize}; ` +
      `${o.warmupEpochs} warm-up epoch(s), then ${o.reps} timed repetition(s) of ${o.epochsPerRep} epoch(s); inference ${o.inferReps} timed runs; ` +
      `matmul ${o.matmulReps} repetitions of at least ${o.matmulMinSeconds} s (inference and matmul stop after ${o.maxSeconds} s once 3 are done). ` +
      'Figures are medians (min–max over repetitions).',
    `**Ratios are ${REFERENCE_PEER} ÷ peer**: for speed, above ×1 means ${REFERENCE_PEER} is faster; for memory, below ×1 means ${REFERENCE_PEER} uses less.`,
    '## Overview: layerwise ÷ peer',
    renderOverview(report.cases),
    '## Cases',
    ...report.cases.map(renderCase),
  ];
  const transpose = renderTransposeCost(report.cases);
  if (transpose) parts.push('## Cost of a transposed operand: Aᵀ·B ÷ A·B (same peer; ×1 means free)', transpose);
  if (report.notes.length > 0) parts.push('## Notes', report.notes.map((n) => `- ${n}`).join('\n'));
  return parts.join('\n\n') + '\n';
}
