import type { UrlPart } from '../../model/call-site.js';
import { mergeLiterals } from './merge-literals.js';

/**
 * Maps each character of a decoded string to its file offset, or returns undefined for a
 * character the decoder produced without a source position.
 */
export type OffsetMap = (index: number) => number | undefined;

/** Returns an offset map for text written verbatim in the file from `start`. */
export function verbatimOffsets(start: number): OffsetMap {
  return (index) => start + index;
}

/**
 * What a placeholder stands for: resolved literal text (with the offset and origin of the value
 * when known), or null to keep it dynamic.
 */
export type PlaceholderResolver = (match: RegExpExecArray) => UrlPart[] | null;

/**
 * Split a string value into URL parts: text between placeholders becomes literal parts with the
 * file offset of their first character, and each placeholder match becomes the parts `resolve`
 * returns or one dynamic part named by its first capture group that matched.
 */
export function splitPlaceholders(text: string, offsets: OffsetMap, placeholder: RegExp, resolve: PlaceholderResolver = () => null): UrlPart[] {
  const parts: UrlPart[] = [];
  const pattern = new RegExp(placeholder.source, placeholder.flags.includes('g') ? placeholder.flags : `${placeholder.flags}g`);
  const pushLiteral = (from: number, to: number): void => {
    if (to <= from) {
      return;
    }
    const offset = offsets(from);
    parts.push(offset === undefined ? { kind: 'literal', text: text.slice(from, to) } : { kind: 'literal', text: text.slice(from, to), offset });
  };
  let cursor = 0;
  for (const match of text.matchAll(pattern)) {
    if (match[0].length === 0) {
      continue;
    }
    pushLiteral(cursor, match.index);
    const resolved = resolve(match as RegExpExecArray);
    if (resolved) {
      parts.push(...resolved);
    } else {
      const offset = offsets(match.index);
      // Patterns with alternatives capture the name in different groups; the first one set wins.
      const name = (match.slice(1).find((group) => group !== undefined) ?? match[0]).trim();
      parts.push(offset === undefined ? { kind: 'dynamic', name } : { kind: 'dynamic', name, offset });
    }
    cursor = match.index + match[0].length;
  }
  pushLiteral(cursor, text.length);
  return mergeLiterals(parts, 'none');
}

/** The URL written by parts, with `{name}` for dynamic parts, for messages and tests. */
export function partsText(parts: readonly UrlPart[]): string {
  return parts.map((part) => (part.kind === 'literal' ? part.text : `{${part.name ?? ''}}`)).join('');
}

/**
 * True when a string value is one URL or path (the part before any `?` has no whitespace), as
 * opposed to prose or a script that mentions one. Pass the text with placeholders replaced, as
 * `partsText` writes it, because an expression may hold spaces or a `?`.
 */
export function isSingleUrl(text: string): boolean {
  const trimmed = text.trim();
  const path = trimmed.split('?')[0]!;
  return trimmed.length > 0 && !/\s/.test(path);
}
