/**
 * `npm run bench`: runs layerwise against TensorFlow.js (cpu and wasm), ConvNetJS and brain.js,
 * prints the markdown tables and writes them to bench/results/latest.md and latest.json.
 * See bench/README.md and `--help`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runBench } from './bench';
import { runConvEfficiencyBench } from './conv-efficiency';
import { runLstmBench } from './lstm';
import { USAGE, parseBenchArgs } from './options';
import { renderReport } from './table';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const start = Date.now();
  const report = await runBench(parsed.options, (line) => process.stderr.write(`${line}\n`));
  const log = (line: string) => void process.stderr.write(`${line}\n`);
  const markdown = renderReport(report) + (parsed.options.quick ? '' : await runConvEfficiencyBench(log) + await runLstmBench(log));
  const outDir = path.resolve(parsed.outDir ?? path.join(__dirname, 'results'));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'latest.md'), markdown);
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${markdown}`);
  process.stderr.write(`\nwrote ${path.join(outDir, 'latest.md')} and latest.json in ${((Date.now() - start) / 1000).toFixed(0)} s\n`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
