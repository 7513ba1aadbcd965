import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { literalPart } from '../common/resolve-state.js';

/** Java escape sequences with a one-character value. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ', '"': '"', "'": "'", '\\': '\\' };

export function decodeEscape(source: string): string {
  const body = source.slice(1);
  if (body.startsWith('u')) {
    const code = Number.parseInt(body.replace(/^u+/, ''), 16);
    return Number.isNaN(code) ? '' : String.fromCharCode(code);
  }
  if (/^[0-7]+$/.test(body)) {
    return String.fromCharCode(Number.parseInt(body, 8));
  }
  return SIMPLE_ESCAPES[body] ?? body;
}

/**
 * Reads a Java string literal or text block as literal parts, one per run of source text, each
 * with the file offset of its first character. A text block loses its incidental indentation
 * (the smallest indentation of its lines), which is why it yields one part per line.
 */
export function stringLiteralParts(node: Node): UrlPart[] {
  if (node.text.startsWith('"""')) {
    return textBlockParts(node);
  }
  const parts: UrlPart[] = [];
  for (const child of node.namedChildren) {
    if (!child) {
      continue;
    }
    if (child.type === 'escape_sequence') {
      appendText(parts, decodeEscape(child.text), child.startIndex);
    } else if (child.type === 'string_fragment') {
      parts.push(literalPart(child.text, child.startIndex));
    }
  }
  return parts.length > 0 ? parts : [literalPart('', node.startIndex + 1)];
}

/** Appends decoded escape text to the previous literal, so escapes do not split a path. */
function appendText(parts: UrlPart[], text: string, offset: number): void {
  const last = parts.at(-1);
  if (last && last.kind === 'literal') {
    last.text += text;
  } else {
    parts.push(literalPart(text, offset));
  }
}

function textBlockParts(node: Node): UrlPart[] {
  const source = node.text;
  const contentStart = source.indexOf('\n') + 1;
  if (contentStart === 0) {
    return [];
  }
  const content = source.slice(contentStart, source.length - 3);
  const lines = content.split('\n');
  const indents = lines
    .filter((line, index) => line.trim() !== '' || index === lines.length - 1)
    .map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  const parts: UrlPart[] = [];
  let lineOffset = node.startIndex + contentStart;
  lines.forEach((line, index) => {
    const isLast = index === lines.length - 1;
    const kept = line.slice(indent).replace(/[ \t]+$/, '');
    const text = kept.replace(/\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (escape) => decodeEscape(escape)) + (isLast ? '' : '\n');
    if (text) {
      parts.push(literalPart(text, lineOffset + indent));
    }
    lineOffset += line.length + 1;
  });
  return parts;
}
