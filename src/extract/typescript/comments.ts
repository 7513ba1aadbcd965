import { ts } from 'ts-morph';
import type { CallSite } from '../../model/call-site.js';
import { containsSignatureSegment, mentionsSignature } from '../common/signatures.js';

/** A run of characters that can form a URL or path inside a comment. */
const URL_TOKEN = /[^\s'"`<>[\]|\\^]+/g;

/** An HTTP verb written right before a URL, as in `POST https://...` or `PATCH /privilegedAccess/...`. */
const VERB_BEFORE = /\b(GET|POST|PUT|PATCH|DELETE)\s+$/;

/** Collects the comments of a file (line, block and JSDoc), each once, by walking the syntax tree. */
function commentRanges(sourceFile: ts.SourceFile): ts.CommentRange[] {
  const text = sourceFile.text;
  const seen = new Map<number, ts.CommentRange>();
  const add = (ranges: ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      seen.set(range.pos, range);
    }
  };
  const visit = (node: ts.Node): void => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    if (ts.isJsxExpression(node) && !node.expression) {
      // `{/* comment */}` in JSX: the comment follows the `{`, which is not a node of its own.
      add(ts.getLeadingCommentRanges(text, node.getStart(sourceFile) + 1));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  add(ts.getLeadingCommentRanges(text, sourceFile.endOfFileToken.pos));
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

/** True when the token ends with a closing bracket it does not open itself. */
function endsWithUnopenedBracket(text: string): boolean {
  const close = text.at(-1);
  const pairs: Record<string, string> = { ')': '(', '}': '{' };
  const open = close === undefined ? undefined : pairs[close];
  if (!open || !close) {
    return false;
  }
  return text.split(open).length < text.split(close).length;
}

/** Cuts punctuation that ends a sentence or closes a bracket (`{@link url}`) off a URL token. */
function trimToken(token: string): { text: string; lead: number } {
  const lead = /^[(*{]*/.exec(token)?.[0].length ?? 0;
  let text = token.slice(lead);
  while (/[.,;:!*]$/.test(text) || endsWithUnopenedBracket(text)) {
    text = text.slice(0, -1);
  }
  return { text, lead };
}

/**
 * Turns URL-like tokens in comments that name a signature into low-confidence call sites. A token
 * counts when it contains a `/` and names a signature as a path segment.
 * NOTE: comments are found at node boundaries, so a comment between two tokens of one node (inside
 * an empty argument list, say) is missed.
 */
export function commentCallSites(sourceFile: ts.SourceFile, signatures: readonly string[], language: string): CallSite[] {
  const text = sourceFile.text;
  const sites: CallSite[] = [];
  for (const range of commentRanges(sourceFile)) {
    const comment = text.slice(range.pos, range.end);
    if (!mentionsSignature(comment, signatures)) {
      continue;
    }
    for (const match of comment.matchAll(URL_TOKEN)) {
      const { text: token, lead } = trimToken(match[0]);
      if (!token.includes('/') || !containsSignatureSegment(token.toLowerCase(), signatures)) {
        continue;
      }
      const offset = range.pos + (match.index ?? 0) + lead;
      const lineStart = comment.lastIndexOf('\n', offset - range.pos - 1) + 1;
      const before = comment.slice(lineStart, offset - range.pos);
      sites.push({
        kind: 'url',
        language,
        url: [{ kind: 'literal', text: token, offset }],
        method: VERB_BEFORE.exec(before)?.[1] ?? null,
        inComment: true,
        confidence: 'low',
        anchor: { offset, length: token.length },
      });
    }
  }
  return sites;
}
