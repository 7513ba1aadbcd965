import type { CallSite, UrlPart } from '../../model/call-site.js';
import type { Extractor, ExtractInput } from '../extractor.js';
import { commentRanges, inRanges } from './comments.js';
import { guessMethod, neighbourWindow, statementWindow } from './method-hints.js';
import { readNearbyBody } from './nearby-body.js';
import { readUrlToken } from '../common/url-token.js';

/** Characters that may come right before a signature that starts a path segment. */
const SEGMENT_START = /[/'"`\s(=:{}\u0000]|^$/;
/** Characters that may come right after one. */
const SEGMENT_END = /[/?#'"`\s)(,;}{\]&]|^$/;

/**
 * The fallback extractor for every file type without a language-aware one: finds old paths in
 * strings and text, follows simple concatenation, guesses the method from nearby spellings and
 * marks comments and prose. Its call sites have low confidence.
 */
export const genericExtractor: Extractor = {
  id: 'generic',
  languages: ['*'],
  extract(input: ExtractInput): CallSite[] {
    const { text, language } = input;
    const lower = text.toLowerCase();
    const comments = commentRanges(text, language);
    const sites: CallSite[] = [];
    const covered: [number, number][] = [];

    for (const signature of input.signatures) {
      let at = lower.indexOf(signature);
      while (at !== -1) {
        const next = lower.indexOf(signature, at + signature.length);
        const before = text[at - 1] ?? '';
        const after = text[at + signature.length] ?? '';
        // The signature must be a whole path segment: privilegedAccess.Read.AzureAD or
        // privilegedAccessLevel are not paths. Longer words that start with the signature
        // (privilegedRoleAssignments for privilegedRole) are completed by the token reader.
        const wordEnd = endOfWord(text, at);
        const afterWord = text[wordEnd] ?? '';
        if (!SEGMENT_START.test(before) || !(SEGMENT_END.test(after) || SEGMENT_END.test(afterWord)) || covered.some(([s, e]) => at >= s && at < e)) {
          at = next;
          continue;
        }
        const token = readUrlToken(text, at);
        if (!looksLikePath(text, token.start, at)) {
          at = next;
          continue;
        }
        const parts = extendConcatenation(text, token.start, token.end, token.parts);
        covered.push([token.start, token.end]);
        const inComment = inRanges(comments, at);
        const method = methodNear(text, token.start, token.end);
        const site: CallSite = {
          kind: 'url',
          language,
          url: parts,
          method,
          inComment,
          confidence: 'low',
          anchor: { offset: token.start, length: token.end - token.start },
        };
        const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? readNearbyBody(text, token.start) : undefined;
        if (body) {
          site.body = body;
        }
        sites.push(site);
        at = next;
      }
    }
    return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
  },
};

/**
 * The method written in the URL's statement; failing that, one in the lines around it (a
 * `method = "POST"` sibling key, or the call on the next line that sends a URL variable).
 */
function methodNear(text: string, start: number, end: number): string | null {
  const statement = statementWindow(text, start);
  const inStatement = guessMethod(text.slice(statement.start, statement.end), statement.start, start, end);
  if (inStatement) {
    return inStatement;
  }
  const around = neighbourWindow(text, statement);
  return guessMethod(text.slice(around.start, around.end), around.start, start, end);
}

function endOfWord(text: string, at: number): number {
  let i = at;
  while (i < text.length && /[\w]/.test(text[i]!)) {
    i += 1;
  }
  return i;
}

/**
 * A signature is a path when it starts the token or follows a `/` or a placeholder: a bare word
 * in prose ("privilegedAccess is ...") is not a URL.
 */
function looksLikePath(text: string, tokenStart: number, at: number): boolean {
  const before = text[at - 1];
  if (before === '/') {
    return true;
  }
  if (tokenStart === at) {
    // `privilegedAccess/aadRoles/...` at the start of a string is a relative path.
    return text[at - 1] !== undefined && /['"`]/.test(text[at - 1]!) && text.slice(at).search(/[/?]/) === endOfWord(text, at) - at;
  }
  return false;
}

/**
 * Follow `'...' + name + '...'` (and `.`, `&`, `..` in other languages) on both sides of a quoted
 * token, so that a URL concatenated from strings and variables stays one URL.
 */
function extendConcatenation(text: string, start: number, end: number, parts: UrlPart[]): UrlPart[] {
  const quote = text[start - 1];
  if (quote !== '"' && quote !== "'") {
    return parts;
  }
  const result = [...parts];
  const operator = String.raw`\s*(?:\+|\.\.|\.|&)\s*`;

  // Left: `BASE + '` before the opening quote makes the URL start with a dynamic base.
  const left = new RegExp(`([A-Za-z_$][\\w$.]*(?:\\(\\))?)${operator}$`).exec(text.slice(Math.max(0, start - 120), start - 1));
  if (left && result[0]?.kind === 'literal' && !/^[a-z]+:\/\//i.test(result[0].text)) {
    result.unshift({ kind: 'dynamic', name: left[1]! });
  }

  // Right: repeated `+ name` or `+ 'literal'` after the closing quote.
  let i = end;
  if (text[i] !== quote) {
    return result;
  }
  i += 1;
  for (let step = 0; step < 12; step++) {
    const rest = text.slice(i, i + 200);
    const op = new RegExp(`^${operator}`).exec(rest);
    if (!op || rest.startsWith('.')  && /^\.\w+\s*\(/.test(rest)) {
      break;
    }
    const afterOp = i + op[0].length;
    const next = text[afterOp];
    if (next === '"' || next === "'") {
      const close = text.indexOf(next, afterOp + 1);
      if (close === -1 || text.slice(afterOp, close).includes('\n')) {
        break;
      }
      result.push({ kind: 'literal', text: text.slice(afterOp + 1, close), offset: afterOp + 1 });
      i = close + 1;
      continue;
    }
    const name = /^[A-Za-z_$][\w$.]*(?:\([^()\n]{0,60}\))?/.exec(text.slice(afterOp, afterOp + 80));
    if (!name) {
      break;
    }
    result.push({ kind: 'dynamic', name: name[0], offset: afterOp });
    i = afterOp + name[0].length;
  }
  return result;
}
