import type { Node } from 'web-tree-sitter';
import { allChildren } from './syntax.js';

/** A piece of string text with the file offset of its first character. */
export interface TextPiece {
  text: string;
  offset: number;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  a: '\u0007',
  b: '\b',
  f: '\f',
  v: '\v',
  e: '\u001b',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Decodes one C# escape sequence (`\n`, `\u0041`, `\x41`, `\U00000041`); unknown ones stay as written. */
export function decodeEscape(sequence: string): string {
  const letter = sequence[1] ?? '';
  if (Object.hasOwn(SIMPLE_ESCAPES, letter)) {
    return SIMPLE_ESCAPES[letter]!;
  }
  if (letter === 'u' || letter === 'x' || letter === 'U') {
    const code = Number.parseInt(sequence.slice(2), 16);
    if (Number.isFinite(code) && code >= 0 && code <= 0x10ffff) {
      return String.fromCodePoint(code);
    }
  }
  return sequence;
}

/** String literal node types whose whole value is written in the source. */
export const PLAIN_STRING_TYPES = new Set(['string_literal', 'verbatim_string_literal', 'raw_string_literal']);

/** True for any string literal, interpolated or not. */
export function isStringNode(node: Node): boolean {
  return PLAIN_STRING_TYPES.has(node.type) || node.type === 'interpolated_string_expression';
}

/**
 * Removes the layout of a multi-line raw string: the line break after the opening quotes, the
 * line of the closing quotes, and that line's indentation from every line (C# 11 rules).
 */
function rawLines(content: string, contentStart: number): TextPiece {
  if (!content.startsWith('\n') && !content.startsWith('\r\n')) {
    return { text: content, offset: contentStart };
  }
  const lines = content.split(/\r?\n/);
  const indentation = /^[ \t]*$/.test(lines.at(-1) ?? '') ? (lines.at(-1) ?? '') : '';
  const body = lines.slice(1, -1).map((line) => (line.startsWith(indentation) ? line.slice(indentation.length) : line));
  const firstBreak = content.startsWith('\r\n') ? 2 : 1;
  return { text: body.join('\n'), offset: contentStart + firstBreak + indentation.length };
}

/** The value of a non-interpolated string literal, with the offset of its first character. */
export function plainStringValue(node: Node): TextPiece | undefined {
  if (node.type === 'string_literal') {
    let text = '';
    for (const child of allChildren(node)) {
      if (child.type === 'string_literal_content') {
        text += child.text;
      } else if (child.type === 'escape_sequence') {
        text += decodeEscape(child.text);
      }
    }
    return { text, offset: node.startIndex + 1 };
  }
  if (node.type === 'verbatim_string_literal') {
    // `@"..."`, optionally with a `u8` suffix; `""` stands for one quote.
    const raw = node.text.replace(/u8$/, '');
    return { text: raw.slice(2, -1).replaceAll('""', '"'), offset: node.startIndex + 2 };
  }
  if (node.type === 'raw_string_literal') {
    const content = allChildren(node).find((child) => child.type === 'raw_string_content');
    if (!content) {
      return { text: '', offset: node.startIndex };
    }
    return rawLines(content.text, content.startIndex);
  }
  return undefined;
}

/** The pieces of an interpolated string: literal text, or an interpolation's expression node. */
export type InterpolatedPiece = { literal: TextPiece } | { expression: Node };

/** Splits `$"..."`, `$@"..."` and `$"""..."""` into literal text and interpolated expressions. */
export function interpolatedPieces(node: Node): InterpolatedPiece[] {
  const children = allChildren(node);
  const start = children.find((child) => child.type === 'interpolation_start')?.text ?? '$';
  const verbatim = start.includes('@');
  const raw = children.some((child) => child.type === 'interpolation_quote' && child.text.length >= 3);
  const pieces: InterpolatedPiece[] = [];
  const pushText = (text: string, offset: number): void => {
    const last = pieces.at(-1);
    if (last && 'literal' in last) {
      last.literal.text += text;
    } else {
      pieces.push({ literal: { text, offset } });
    }
  };
  for (const child of children) {
    if (child.type === 'string_content') {
      let text = child.text;
      if (!raw) {
        text = text.replaceAll('{{', '{').replaceAll('}}', '}');
      }
      if (verbatim) {
        text = text.replaceAll('""', '"');
      }
      pushText(text, child.startIndex);
    } else if (child.type === 'escape_sequence') {
      pushText(decodeEscape(child.text), child.startIndex);
    } else if (child.type === 'interpolation') {
      const expression = child.namedChildren.find(
        (inner) => inner !== null && !['interpolation_brace', 'interpolation_alignment_clause', 'interpolation_format_clause'].includes(inner.type),
      );
      if (expression) {
        pieces.push({ expression });
      }
    }
  }
  if (raw) {
    trimRawInterpolated(pieces);
  }
  return pieces;
}

/** Applies the raw-string layout rule to the first and last literal pieces of `$"""..."""`. */
function trimRawInterpolated(pieces: InterpolatedPiece[]): void {
  const first = pieces[0];
  const last = pieces.at(-1);
  if (!first || !('literal' in first) || !/^\r?\n/.test(first.literal.text)) {
    return;
  }
  const indentation = last && 'literal' in last ? (/\r?\n([ \t]*)$/.exec(last.literal.text)?.[1] ?? '') : '';
  for (const piece of pieces) {
    if ('literal' in piece) {
      piece.literal.text = piece.literal.text.replaceAll(`\n${indentation}`, '\n');
    }
  }
  const lead = /^\r?\n/.exec(first.literal.text)![0].length;
  first.literal.text = first.literal.text.slice(lead);
  first.literal.offset += lead + indentation.length;
  if (last && 'literal' in last) {
    last.literal.text = last.literal.text.replace(/\r?\n$/, '');
  }
}
