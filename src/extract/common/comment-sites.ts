import type { CallSite } from '../../model/call-site.js';
import { readUrlToken } from './url-token.js';
import { isRelevantUrl } from './signatures.js';

/** An HTTP verb written right before a URL, as in `POST https://...` or `PATCH /privilegedAccess/...`. */
const VERB_BEFORE = /\b(GET|POST|PUT|PATCH|DELETE)\s+$/;

/** Maximum number of URL tokens read from one comment, so a huge generated comment stays cheap. */
const MAX_TOKENS_PER_COMMENT = 200;

/**
 * Turns URL tokens in comment text that name a signature as a path segment into
 * low-confidence call sites with `inComment: true`. `start` is the comment's file offset.
 */
export function commentSites(comment: string, start: number, signatures: readonly string[], language: string): CallSite[] {
  const lower = comment.toLowerCase();
  const sites: CallSite[] = [];
  const seenStarts = new Set<number>();
  for (const signature of signatures) {
    if (!signature) {
      continue;
    }
    let at = lower.indexOf(signature);
    while (at !== -1 && sites.length < MAX_TOKENS_PER_COMMENT) {
      const token = readUrlToken(comment, at);
      at = lower.indexOf(signature, Math.max(at + signature.length, token.end));
      if (seenStarts.has(token.start) || !isRelevantUrl(token.parts, signatures)) {
        continue;
      }
      const tokenText = comment.slice(token.start, token.end);
      if (!tokenText.includes('/')) {
        continue;
      }
      seenStarts.add(token.start);
      const lineStart = comment.lastIndexOf('\n', token.start - 1) + 1;
      const method = VERB_BEFORE.exec(comment.slice(lineStart, token.start))?.[1] ?? null;
      sites.push({
        kind: 'url',
        language,
        url: token.parts.map((part) => (part.offset === undefined ? part : { ...part, offset: part.offset + start })),
        method,
        inComment: true,
        confidence: 'low',
        anchor: { offset: start + token.start, length: token.end - token.start },
      });
    }
  }
  return sites;
}
