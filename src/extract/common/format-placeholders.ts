import type { UrlPart } from '../../model/call-site.js';
import { mergeLiterals } from './merge-literals.js';

/**
 * Fills the placeholders of a format string (given as URL parts) with the parts of its
 * arguments. `placeholder` must be a global regex whose match gives the argument index through
 * `indexOf`, or null for an escape (`{{`, `%%`) that stands for the text `escapeText` returns.
 * Used for C# `string.Format` and Go `fmt.Sprintf`.
 */
export function fillPlaceholders(
  format: readonly UrlPart[],
  placeholder: RegExp,
  indexOf: (match: RegExpExecArray, sequential: number) => number | null,
  escapeText: (match: RegExpExecArray) => string,
  argumentParts: (index: number) => UrlPart[],
): UrlPart[] {
  const result: UrlPart[] = [];
  let sequential = 0;
  const pushLiteral = (text: string, offset: number | undefined, resolvedFrom: string | undefined): void => {
    if (text === '') {
      return;
    }
    const part: UrlPart = { kind: 'literal', text };
    if (offset !== undefined) {
      part.offset = offset;
    }
    if (resolvedFrom !== undefined) {
      part.resolvedFrom = resolvedFrom;
    }
    result.push(part);
  };
  for (const part of format) {
    if (part.kind === 'dynamic') {
      result.push(part);
      continue;
    }
    placeholder.lastIndex = 0;
    let last = 0;
    for (let match = placeholder.exec(part.text); match !== null; match = placeholder.exec(part.text)) {
      const at = (offset: number): number | undefined => (part.offset === undefined ? undefined : part.offset + offset);
      pushLiteral(part.text.slice(last, match.index), at(last), part.resolvedFrom);
      const index = indexOf(match, sequential);
      if (index === null) {
        pushLiteral(escapeText(match), at(match.index), part.resolvedFrom);
      } else {
        sequential += 1;
        result.push(...argumentParts(index));
      }
      last = match.index + match[0].length;
      if (match[0].length === 0) {
        placeholder.lastIndex += 1;
      }
    }
    pushLiteral(part.text.slice(last), part.offset === undefined ? undefined : part.offset + last, part.resolvedFrom);
  }
  return mergeLiterals(result, 'same');
}
