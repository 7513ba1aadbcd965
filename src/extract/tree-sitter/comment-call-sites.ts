import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import { readUrlToken } from '../common/url-token.js';
import { containsSignatureSegment, joinForMatching, mentionsSignature } from '../common/signatures.js';

/** An HTTP verb written right before a URL, as in `POST https://...` or `PATCH /privilegedAccess/...`. */
const VERB_BEFORE = /\b(GET|POST|PUT|PATCH|DELETE)\s+$/;

/** Comment markers at the start of a line (`//`, `///`, `/*`, ` * `), blanked so they are not read as a path. */
const MARKERS = /^([ \t]*)(\/\/\/?|\/\*+|\*+\/?|\*)/gm;

/**
 * Turns URL tokens in comment nodes (`//`, `/* *\/`, `///` XML docs) that name a signature as a
 * path segment into low-confidence call sites. Tokens are read with the generic URL reader, so
 * placeholders such as `{id}` become dynamic parts. Works for any tree-sitter grammar whose
 * comment node type is given.
 */
export function commentCallSites(root: Node, commentTypes: readonly string[], language: string, signatures: readonly string[]): CallSite[] {
  const sites: CallSite[] = [];
  for (const comment of root.descendantsOfType([...commentTypes])) {
    const text = comment?.text;
    if (!comment || text === undefined || !mentionsSignature(text, signatures)) {
      continue;
    }
    sites.push(...sitesInComment(text.replace(MARKERS, (_, indent: string, marker: string) => indent + ' '.repeat(marker.length)), comment.startIndex, language, signatures));
  }
  return sites;
}

function sitesInComment(text: string, start: number, language: string, signatures: readonly string[]): CallSite[] {
  const lower = text.toLowerCase();
  const sites: CallSite[] = [];
  let coveredUntil = -1;
  const positions: number[] = [];
  for (const signature of signatures) {
    if (signature.length === 0) {
      continue;
    }
    // Non-overlapping occurrences, as a global search for the literal signature finds them.
    for (let at = lower.indexOf(signature); at !== -1; at = lower.indexOf(signature, at + signature.length)) {
      positions.push(at);
    }
  }
  positions.sort((a, b) => a - b);
  for (const at of positions) {
    if (at < coveredUntil || /\w/.test(text[at - 1] ?? '')) {
      continue;
    }
    const token = readUrlToken(text, at);
    coveredUntil = token.end;
    const joined = joinForMatching(token.parts);
    if (!joined.includes('/') || !containsSignatureSegment(joined, signatures)) {
      continue;
    }
    const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
    sites.push({
      kind: 'url',
      language,
      url: token.parts.map((part) => ({ ...part, offset: (part.offset ?? token.start) + start })),
      method: VERB_BEFORE.exec(text.slice(lineStart, token.start))?.[1] ?? null,
      inComment: true,
      confidence: 'low',
      anchor: { offset: start + token.start, length: token.end - token.start },
    });
  }
  return sites;
}

/**
 * Joins the call sites of a file's code pass with those of its comment nodes, in file order. Each
 * pass fails alone: a pass that throws yields no call sites and the other pass still counts.
 */
export function codeAndCommentSites(readCode: () => CallSite[], root: Node, commentTypes: readonly string[], language: string, signatures: readonly string[]): CallSite[] {
  let code: CallSite[] = [];
  try {
    code = readCode();
  } catch {
    code = [];
  }
  let comments: CallSite[] = [];
  try {
    comments = commentCallSites(root, commentTypes, language, signatures);
  } catch {
    comments = [];
  }
  return [...code, ...comments].sort((a, b) => a.anchor.offset - b.anchor.offset);
}
