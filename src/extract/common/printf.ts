import type { UrlPart } from '../../model/call-site.js';
import { dynamicPart, literalPart } from './resolve-state.js';

/** printf conversions (`%s`, `%d`, `%1$s`, `%-10s`) and the escaped percent sign `%%`. */
const CONVERSION = /%(?:(\d+)\$)?[-#+ 0,(]*\d*(?:\.\d+)?([a-zA-Z%])/g;

/**
 * Expands a printf-style format string (Java `String.format`, PHP `sprintf`) with the resolved
 * arguments. `format` holds the format string's parts as written; only literal parts contain
 * conversions. Arguments beyond the list become dynamic parts named after the conversion.
 */
export function expandPrintf(format: readonly UrlPart[], args: readonly UrlPart[][]): UrlPart[] {
  const out: UrlPart[] = [];
  let next = 0;
  for (const part of format) {
    if (part.kind !== 'literal') {
      out.push(part);
      continue;
    }
    let last = 0;
    for (const match of part.text.matchAll(CONVERSION)) {
      const at = match.index ?? 0;
      const before = part.text.slice(last, at);
      if (before) {
        out.push(literalPart(before, offsetAt(part, last), part.resolvedFrom));
      }
      last = at + match[0].length;
      if (match[2] === '%') {
        out.push(literalPart('%', offsetAt(part, at), part.resolvedFrom));
        continue;
      }
      const index = match[1] !== undefined ? Number(match[1]) - 1 : next++;
      const argument = args[index];
      if (argument) {
        out.push(...argument);
      } else {
        out.push(dynamicPart(match[0], offsetAt(part, at)));
      }
    }
    const rest = part.text.slice(last);
    if (rest) {
      out.push(literalPart(rest, offsetAt(part, last), part.resolvedFrom));
    }
  }
  return out;
}

/** Offset of `text[index]` for a literal written in the scanned file, assuming no escapes before it. */
export function offsetAt(part: UrlPart, index: number): number | undefined {
  return part.offset === undefined ? undefined : part.offset + index;
}
