import { renderDigit } from '../../../lib/data/render-digit';
import { ShapeError } from '../../../lib/errors';
import { tensor, zeros } from '../../../lib/tensor';

/** A 28 × 28 image, black except pixel (r, c) = v for each given triple. */
function image(pixels: [number, number, number][]) {
  const t = zeros([28, 28]);
  for (const [r, c, v] of pixels) t.data[r * 28 + c] = v;
  return t;
}

describe('renderDigit', () => {
  it('draws 28 lines of 56 characters, two shade characters per pixel by grey level', () => {
    // ⌊5v⌋ picks the shade: 0.1 → ' ', 0.3 → '░', 0.5 → '▒', 0.7 → '▓', 1 → '█'.
    const text = renderDigit(image([[0, 0, 0.1], [0, 1, 0.3], [0, 2, 0.5], [0, 3, 0.7], [0, 4, 1], [27, 27, 1]]));
    const lines = text.split('\n');
    expect(lines).toHaveLength(28);
    lines.forEach((line) => expect(line).toHaveLength(56));
    expect(lines[0].slice(0, 10)).toBe('  ░░▒▒▓▓██');
    expect(lines[27].slice(54)).toBe('██');
    expect(lines[13].trim()).toBe('');
  });

  it('draws 14 lines of half blocks in compact mode', () => {
    const lines = renderDigit(image([[0, 0, 1], [1, 1, 1], [0, 2, 0.9], [1, 2, 0.6], [0, 3, 0.4]]), { compact: true }).split('\n');
    expect(lines).toHaveLength(14);
    lines.forEach((line) => expect(line).toHaveLength(28));
    expect(lines[0].slice(0, 4)).toBe('▀▄█ ');
  });

  it('reads [784], [1, 784] and transposed [28, 28] views alike', () => {
    const img = image([[3, 5, 1], [20, 7, 0.6]]);
    const expected = renderDigit(img);
    expect(renderDigit(tensor(img.data, [784]))).toBe(expected);
    expect(renderDigit(tensor(img.data, [1, 784]))).toBe(expected);
    const transposed = tensor(image([[5, 3, 1], [7, 20, 0.6]]).data, [28, 28]).transpose(1, 0);
    expect(renderDigit(transposed)).toBe(expected);
  });

  it('rejects other shapes', () => {
    expect(() => renderDigit(zeros([27, 28]))).toThrow(ShapeError);
    expect(() => renderDigit(zeros([2, 784]))).toThrow(/expected \[784\], \[1, 784\] or \[28, 28\], got \[2, 784\]/);
  });
});
