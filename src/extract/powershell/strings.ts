import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { literalText as joinLiterals } from '../common/resolve-state.js';

/** Characters a backtick escape stands for in an expandable string; others stand for themselves. */
const BACKTICK_ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Where the content of a string node starts and ends in the file, without quotes or here-string lines. */
export interface StringContent {
  start: number;
  end: number;
  verbatim: boolean;
  hereString: boolean;
}

/** Locate the content of a quoted string or here-string node. */
export function stringContent(node: Node): StringContent {
  const text = node.text;
  const verbatim = node.type.startsWith('verbatim');
  const hereString = node.type.includes('here_string');
  if (hereString) {
    // `@'` or `@"`, the rest of the header line, then the body up to the newline before `'@`.
    const firstNewline = text.indexOf('\n');
    const bodyStart = firstNewline === -1 ? 2 : firstNewline + 1;
    let bodyEnd = text.length - 2;
    if (text[bodyEnd - 1] === '\n') {
      bodyEnd -= 1;
      if (text[bodyEnd - 1] === '\r') {
        bodyEnd -= 1;
      }
    }
    return { start: node.startIndex + bodyStart, end: node.startIndex + Math.max(bodyStart, bodyEnd), verbatim, hereString };
  }
  const quoted = text.length >= 2 && /^['"\u2018\u2019\u201c\u201d]/.test(text);
  return quoted
    ? { start: node.startIndex + 1, end: node.endIndex - 1, verbatim, hereString }
    : { start: node.startIndex, end: node.endIndex, verbatim, hereString };
}

/** Cook the text of a verbatim string: a doubled quote is one quote. */
export function cookVerbatim(raw: string, hereString: boolean): string {
  return hereString ? raw : raw.replace(/''/g, "'").replace(/\u2018\u2018|\u2019\u2019/g, "'");
}

/** Cook literal text of an expandable string: backtick escapes, and `""` inside `"..."`. */
export function cookExpandable(raw: string, hereString: boolean): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (char === '`' && i + 1 < raw.length) {
      const next = raw[i + 1]!;
      out += BACKTICK_ESCAPES[next] ?? next;
      i += 1;
      continue;
    }
    if (!hereString && char === '"' && raw[i + 1] === '"') {
      out += '"';
      i += 1;
      continue;
    }
    out += char;
  }
  return out;
}

/**
 * Turn a string node into URL parts. Literal text keeps its file offset; each `$name`,
 * `${name}` or `$(...)` inside an expandable string is handed to `embedded`, which resolves it.
 */
export function stringParts(node: Node, text: string, embedded: (inner: Node) => UrlPart[]): UrlPart[] {
  const content = stringContent(node);
  if (content.verbatim) {
    const cooked = cookVerbatim(text.slice(content.start, content.end), content.hereString);
    return cooked ? [{ kind: 'literal', text: cooked, offset: content.start }] : [];
  }
  const parts: UrlPart[] = [];
  let cursor = content.start;
  const pushLiteral = (end: number): void => {
    if (end > cursor) {
      const cooked = cookExpandable(text.slice(cursor, end), content.hereString);
      if (cooked) {
        parts.push({ kind: 'literal', text: cooked, offset: cursor });
      }
    }
  };
  for (const child of node.namedChildren) {
    if (!child || child.startIndex < content.start || child.endIndex > content.end) {
      continue;
    }
    pushLiteral(child.startIndex);
    parts.push(...embedded(child));
    cursor = child.endIndex;
  }
  pushLiteral(content.end);
  return parts;
}

/** Join parts into text when every part is literal; null when any part is dynamic. */
export function literalText(parts: readonly UrlPart[]): string | null {
  return joinLiterals(parts) ?? null;
}
