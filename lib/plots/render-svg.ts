/**
 * {@link renderSvg}: turns a Vega-Lite specification into SVG text in Node, headless: Vega's
 * `View.toSVG()` needs no canvas and no browser.
 */
import type { TopLevelSpec } from 'vega-lite';
import { assertNode } from '../node-only';
import { commitFileSync } from '../serialization/durable-write';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The SVG for a Vega-Lite spec. Vega and Vega-Lite are loaded on the first call, so programs
 * that never plot do not pay for loading them.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Writes `svg` to `file` atomically (a temporary file renamed over it), creating missing
 * folders; does nothing for a `null` file.
 * @throws ConfigError naming `owner` outside Node.
 */
export function writeSvg(owner: string, file: string | null, svg: string): void {
  if (file === null) return;
  assertNode(`${owner} to a file`, `in a browser, pass null as the file and use the returned SVG text`);
  commitFileSync(file, svg);
}

/**
 * Axis settings for whole numbers such as epochs: at most 10 ticks and never more than the span,
 * so the tick step is at least 1 and no tick falls between two integers.
 */
export function integerAxis(values: readonly number[]): { tickCount: number; format: string } {
  let min = Infinity, max = -Infinity;
  for (const v of values) {
    min = math.min(min, v);
    max = math.max(max, v);
  }
  const span = max - min;
  return { tickCount: math.max(1, math.min(10, span)), format: 'd' };
}
