/** Test helper: a small well-formedness check of SVG text and a count of the line paths in it. */

/** What {@link parseSvg} found. */
export interface SvgSummary {
  /** The root element's name. */
  root: string;
  /** The root's `xmlns`. */
  namespace: string | null;
  /** `<path>` elements inside a Vega line-mark group (`<g class="mark-line …">`): one per drawn series. */
  linePaths: number;
  /** Every `<path>` element. */
  paths: number;
}

const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;

/**
 * Walks every tag of `svg`, checks that they nest properly under one root (throws otherwise),
 * and counts paths. Text, comments and processing instructions must not contain `<`.
 */
export function parseSvg(svg: string): SvgSummary {
  const stack: { name: string; isLineGroup: boolean }[] = [];
  let root: string | null = null;
  let namespace: string | null = null;
  let linePaths = 0, paths = 0, consumed = 0;
  for (const match of svg.matchAll(TAG)) {
    const [text, closing, name, attributes, selfClosing] = match;
    const between = svg.slice(consumed, match.index);
    if (between.includes('<')) throw new Error(`unparsed markup before offset ${match.index}: ${between.slice(0, 60)}`);
    consumed = (match.index as number) + text.length;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    if (root === null) {
      root = name;
      namespace = /\sxmlns="([^"]*)"/.exec(attributes)?.[1] ?? null;
    } else if (stack.length === 0) {
      throw new Error(`second root element <${name}>`);
    }
    if (name === 'path') {
      paths++;
      if (stack.some((e) => e.isLineGroup)) linePaths++;
    }
    if (!selfClosing) stack.push({ name, isLineGroup: name === 'g' && /\sclass="mark-line[\s"]/.test(attributes) });
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (svg.slice(consumed).includes('<')) throw new Error('unparsed markup at the end');
  if (root === null) throw new Error('no element');
  return { root, namespace, linePaths, paths };
}
