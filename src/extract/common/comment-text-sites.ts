import type { CallSite, UrlPart } from '../../model/call-site.js';
import { readUrlToken } from './url-token.js';
import { isRelevantUrl } from './signatures.js';

/** An HTTP verb written right before a URL, as in `POST https://...` or `curl -X PATCH /privilegedAccess/...`. */
const VERB_BEFORE = /\b(GET|POST|PUT|PATCH|DELETE)\b[^\n]{0,40}$/i;

/**
 * Turns URL-like tokens in a comment or docstring that name a signature as a path segment
 * into call sites: low confidence in comments, medium for other free text (`source: 'text'`,
 * such as a heredoc no command reads). `start` is the text's offset in the file; each token is
 * read inside the text only, so it never runs into the code after it.
 */
export function commentTextSites(comment: string, start: number, signatures: readonly string[], language: string, source: 'comment' | 'text' = 'comment'): CallSite[] {
  const lower = comment.toLowerCase();
  const sites: CallSite[] = [];
  const covered: [number, number][] = [];
  for (const signature of signatures) {
    if (!signature) {
      continue;
    }
    for (let at = lower.indexOf(signature); at !== -1; at = lower.indexOf(signature, at + signature.length)) {
      if (covered.some(([from, to]) => at >= from && at < to)) {
        continue;
      }
      const token = readUrlToken(comment, at);
      const parts: UrlPart[] = token.parts.map((part) => (part.offset === undefined ? part : { ...part, offset: part.offset + start }));
      if (!isRelevantUrl(parts, signatures) || !comment.slice(token.start, token.end).includes('/')) {
        continue;
      }
      covered.push([token.start, token.end]);
      const lineStart = comment.lastIndexOf('\n', token.start - 1) + 1;
      const verb = VERB_BEFORE.exec(comment.slice(lineStart, token.start))?.[1];
      sites.push({
        kind: 'url',
        language,
        url: parts,
        method: verb ? verb.toUpperCase() : null,
        inComment: source === 'comment',
        confidence: source === 'comment' ? 'low' : 'medium',
        anchor: { offset: start + token.start, length: token.end - token.start },
      });
    }
  }
  return sites;
}
