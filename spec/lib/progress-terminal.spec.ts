/**
 * The live progress bar in a real pseudo-terminal 80 columns wide (#12): the bar may be cut at
 * the width while the epoch runs, but each finished epoch leaves its whole line, validation logs
 * included. util-linux `script` provides the terminal; without it the test is skipped.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundleLibrary } from '../helpers/child-process';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** `text` quoted for `sh -c`. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The lines a terminal ends up showing for `raw` output, before it wraps them at its width: a
 * carriage return or `CSI n G` moves to a column, `CSI K` and `CSI 2K` erase, a newline ends the
 * line; other escapes (colors, cursor save and restore, line-wrap mode) change no text.
 */
function screenLines(raw: string): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let column = 0;
  // eslint-disable-next-line no-control-regex
  for (const match of raw.matchAll(/\x1b\[([0-9;?]*)([A-Za-z])|\x1b[78]|\r|\n|[^\x1b\r\n]/gu)) {
    const [token, params, command] = match;
    if (token === '\n') {
      lines.push(line.join(''));
      line = [];
      column = 0;
    } else if (token === '\r') {
      column = 0;
    } else if (command === 'G') {
      column = Number(params || 1) - 1;
    } else if (command === 'K') {
      line = params === '2' ? [] : params === '1' ? line.map((c, i) => (i <= column ? ' ' : c)) : line.slice(0, column);
    } else if (!token.startsWith('\x1b')) {
      while (line.length < column) line.push(' ');
      line[column++] = token;
    }
  }
  if (line.length > 0) lines.push(line.join(''));
  return lines;
}

describe('the progress bar in an 80-column terminal', () => {
  const title = 'prints each finished epoch\'s whole line, val_loss included, though the terminal is narrower';
  (hasScript ? it : it.skip)(hasScript ? title : `${title} (SKIPPED: util-linux \`script\` is not on PATH)`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-progress-'));
    try {
      const bundle = bundleLibrary(dir);
      const child = path.join(__dirname, '..', 'helpers', 'progress-child.js');
      const command = `stty cols 80; ${shellQuote(process.execPath)} ${shellQuote(child)} ${shellQuote(bundle)}`;
      const run = spawnSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 100000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = screenLines(run.stdout);
      // The child ran on a terminal of 80 columns, to its end.
      expect(lines).toContain('columns 80');
      expect(lines).toContain('done');
      const finalLine = (epoch: number): RegExp => new RegExp(
        `^Epoch ${epoch}/2 \\[={24}\\] 6/6 - \\d+\\.\\ds \\d+(s|ms|us)/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}$`,
      );
      for (const epoch of [1, 2]) {
        const found = lines.filter((l) => finalLine(epoch).test(l));
        expect(found).toHaveLength(1);
        // Longer than the terminal: the whole line, not one cut at 80 columns.
        expect(found[0].length).toBeGreaterThan(80);
      }
      // The live bar's frames were cleared: no line is left with the bar's ETA.
      expect(lines.filter((l) => l.includes('ETA'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
