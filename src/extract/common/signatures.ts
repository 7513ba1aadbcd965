import type { UrlPart } from '../../model/call-site.js';

/** Stands for a dynamic part when URL parts are joined for the segment test. */
const DYNAMIC_MARK = '\u0000';

/** Joins URL parts into one lower-case string, with a marker character for each dynamic part. */
export function joinForMatching(parts: readonly UrlPart[]): string {
  return parts.map((part) => (part.kind === 'literal' ? part.text : DYNAMIC_MARK)).join('').toLowerCase();
}

/** True when the text contains at least one signature anywhere (cheap prefilter, no segment test). */
export function mentionsSignature(text: string, signatures: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return signatures.some((signature) => signature.length > 0 && lower.includes(signature));
}

/**
 * True when a signature appears as a whole path segment of the joined text. Before it comes `/`,
 * the start of the text or a dynamic part. After it comes `/`, `?`, `(`, `#`, a quote, the end or a
 * dynamic part. This keeps identifiers such as `privilegedAccessLevel` out.
 */
export function containsSignatureSegment(joined: string, signatures: readonly string[]): boolean {
  for (const signature of signatures) {
    if (signature.length === 0) {
      continue;
    }
    let index = joined.indexOf(signature);
    while (index >= 0) {
      const before = index === 0 ? '' : joined[index - 1];
      const after = joined[index + signature.length] ?? '';
      const startsSegment = before === '' || before === '/' || before === DYNAMIC_MARK;
      const endsSegment = after === '' || '/?(#\'"`'.includes(after) || after === DYNAMIC_MARK;
      if (startsSegment && endsSegment) {
        return true;
      }
      index = joined.indexOf(signature, index + 1);
    }
  }
  return false;
}

/** True when URL parts name a signature as a path segment. */
export function isRelevantUrl(parts: readonly UrlPart[], signatures: readonly string[]): boolean {
  return containsSignatureSegment(joinForMatching(parts), signatures);
}
