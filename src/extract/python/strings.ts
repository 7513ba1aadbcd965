import type { Node } from 'web-tree-sitter';

/** One piece of a Python string literal: cooked text with its file offset, or an f-string field. */
export type StringPiece = { kind: 'text'; text: string; offset: number } | { kind: 'field'; expression: Node; node: Node };

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Returns the prefix letters of a string literal (`f`, `rb`, ...), lower case. */
export function stringPrefix(node: Node): string {
  const start = node.children.find((child) => child?.type === 'string_start');
  return (start?.text ?? '').replace(/["']/g, '').toLowerCase();
}

/** Python's escape sequences: `\n`, `\x41`, `\u00e9`, a backslash before a newline. Unknown ones stay as written. */
function cookEscape(escape: string): string {
  const code = escape.slice(1);
  if (code.startsWith('\n')) {
    return '';
  }
  if (/^(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})$/i.test(code)) {
    return String.fromCodePoint(Number.parseInt(code.slice(1), 16));
  }
  return SIMPLE_ESCAPES[code] ?? escape;
}

/**
 * Cooks the text of a `string_content` node. Escape sequences are turned into their characters
 * unless the string is raw, and `{{`/`}}` become braces in f-strings.
 */
function cookContent(content: Node, raw: boolean): string {
  let text = '';
  let at = content.startIndex;
  const source = content.text;
  for (const child of content.children) {
    if (!child) {
      continue;
    }
    text += source.slice(at - content.startIndex, child.startIndex - content.startIndex);
    if (child.type === 'escape_interpolation') {
      text += child.text[0];
    } else if (child.type === 'escape_sequence' && !raw) {
      text += cookEscape(child.text);
    } else {
      text += child.text;
    }
    at = child.endIndex;
  }
  return text + source.slice(at - content.startIndex);
}

/** Splits one `string` node into text pieces and f-string fields, in source order. */
export function stringPieces(node: Node): StringPiece[] {
  const prefix = stringPrefix(node);
  const raw = prefix.includes('r');
  const pieces: StringPiece[] = [];
  for (const child of node.children) {
    if (!child) {
      continue;
    }
    if (child.type === 'string_content') {
      pieces.push({ kind: 'text', text: cookContent(child, raw), offset: child.startIndex });
    } else if (child.type === 'interpolation') {
      const expression = child.childForFieldName('expression');
      if (expression) {
        pieces.push({ kind: 'field', expression, node: child });
      }
    }
  }
  return pieces;
}

/** Joins the cooked text of a string without its f-string fields, for signature tests. */
export function plainText(node: Node): string {
  return stringPieces(node)
    .map((piece) => (piece.kind === 'text' ? piece.text : ''))
    .join('');
}

/** True for byte strings, which are not URLs the code sends as text. */
export function isBytes(node: Node): boolean {
  return stringPrefix(node).includes('b');
}
