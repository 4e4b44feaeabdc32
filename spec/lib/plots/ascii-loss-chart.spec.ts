import { asciiLossChart } from '../../../lib/plots';
import { Sequential } from '../../../lib/sequential';
import { Dense } from '../../../layers';
import { setSeed } from '../../../lib/random';

// eslint-disable-next-line no-control-regex
const stripColours = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('asciiLossChart', () => {
  it('draws the loss as a few rows of text with the range in the labels', () => {
    const chart = stripColours(asciiLossChart([1, 0.5, 0.25, 0.125], null, 80, 4) as string);
    const lines = chart.trimEnd().split('\n');
    expect(lines[0]).toBe('loss over 4 epochs');
    // height 4 → 5 rows, labelled from the maximum 1.00 down to the minimum 0.125.
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^\s+1\.00 ┼╮/);
    expect(lines[5]).toMatch(/^\s+0\.125 ┤ +╰─/);
  });

  it('adds the validation series and a legend, and samples long runs down to the width', () => {
    const loss = Array.from({ length: 500 }, (_, i) => 1 / (i + 1));
    const chart = stripColours(asciiLossChart(loss, loss.map((v) => v * 1.1), 60) as string);
    expect(chart.split('\n')[0]).toBe('loss over 500 epochs: ─ training  ─ validation');
    for (const line of chart.trimEnd().split('\n').slice(1)) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('draws nothing for fewer than two epochs or a non-finite loss', () => {
    expect(asciiLossChart([1], null)).toBeNull();
    expect(asciiLossChart([1, NaN, 0.5], null)).toBeNull();
  });

  it('ends a verbose-1 fit on a terminal, unless lossChart is false', async () => {
    setSeed(1);
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const run = async (lossChart?: boolean): Promise<string> => {
      let text = '';
      const stream = { write: (s: string) => { text += s; return true; }, isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => stream, removeListener: () => stream };
      await model.fit([[0, 1], [1, 0]], [[1], [0]], { epochs: 3, verbose: 1, progressStream: stream, lossChart });
      return stripColours(text);
    };
    expect(await run()).toContain('loss over 3 epochs');
    expect(await run(false)).not.toContain('loss over');
  });
});
