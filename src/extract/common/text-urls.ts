import type { CallSite, Confidence } from '../../model/call-site.js';
import { readUrlToken } from './url-token.js';
import { isRelevantUrl } from './signatures.js';

/** An HTTP verb written right before a URL on its line, as in `POST https://...`. */
const VERB_BEFORE = /\b(GET|POST|PUT|PATCH|DELETE)\s+$/i;

export interface TextUrlOptions {
  language: string;
  signatures: readonly string[];
  inComment: boolean;
  confidence: Confidence;
}

/**
 * Find URLs and API paths that name a signature as a path segment inside ranges of a file
 * (comments, prose, a string that holds more than a URL) and return one call site per URL. A
 * token counts only when it contains a `/`, so a word such as "privilegedAccess" in a sentence
 * is never a URL. The method is the verb written right before the URL, else null.
 */
export function urlsInRanges(text: string, ranges: readonly (readonly [number, number])[], options: TextUrlOptions): CallSite[] {
  const sites: CallSite[] = [];
  const lower = lowerCaseOf(text);
  const longest = options.signatures.reduce((max, signature) => Math.max(max, signature.length), 0);
  for (const [start, end] of ranges) {
    if (end <= start) {
      continue;
    }
    // The window ends where a signature that starts before `end` can end. A search never reads
    // the rest of the file, so a file with many ranges costs time linear in its length.
    const from = Math.max(start, 0);
    const window = lower.slice(from, end + longest - 1);
    const windowEnd = end - from;
    const covered: [number, number][] = [];
    for (const signature of options.signatures) {
      if (signature.length === 0) {
        continue;
      }
      for (let found = window.indexOf(signature); found !== -1 && found < windowEnd; found = window.indexOf(signature, found + signature.length)) {
        const at = from + found;
        if (covered.some(([from, to]) => at >= from && at < to)) {
          continue;
        }
        const token = readUrlToken(text, at);
        const tokenStart = Math.max(token.start, start);
        const tokenEnd = Math.min(token.end, end);
        const parts = token.parts.filter((part) => part.offset === undefined || (part.offset >= tokenStart && part.offset < tokenEnd));
        covered.push([token.start, token.end]);
        const written = text.slice(tokenStart, tokenEnd);
        if (!written.includes('/') || !isRelevantUrl(parts, options.signatures)) {
          continue;
        }
        const lineStart = text.lastIndexOf('\n', tokenStart - 1) + 1;
        const verb = VERB_BEFORE.exec(text.slice(Math.max(lineStart, start), tokenStart))?.[1];
        sites.push({
          kind: 'url',
          language: options.language,
          url: parts,
          method: verb ? verb.toUpperCase() : null,
          inComment: options.inComment,
          confidence: options.confidence,
          anchor: { offset: tokenStart, length: tokenEnd - tokenStart },
        });
      }
    }
  }
  return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
}

let lastText: string | undefined;
let lastLower = '';

/**
 * Return the lower-case copy of a file text, computed once for consecutive calls on the same
 * file (a JSON file calls `urlsInRanges` once per long string value).
 */
function lowerCaseOf(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
}
