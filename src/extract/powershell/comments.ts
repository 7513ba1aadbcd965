import type { Node } from 'web-tree-sitter';
import type { CallSite, UrlPart } from '../../model/call-site.js';
import { readUrlToken } from '../common/url-token.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { isSignatureCmdlet } from './cmdlet-calls.js';

/** An HTTP verb written right before a URL, as in `POST https://...`. */
const VERB_BEFORE = /\b(GET|POST|PUT|PATCH|DELETE)\s+$/i;

/** A cmdlet name in prose or an example, optionally module-qualified. */
const CMDLET_IN_TEXT = /(?<![\w\\-])(?:[A-Za-z_][\w.]*\\)?[A-Za-z]+-[A-Za-z0-9]+(?![\w-])/g;

/** `-Name value` or `-Name:value` after a cmdlet name in a comment, up to the end of the line. */
const PARAMETER_IN_TEXT = /^[ \t]+-([A-Za-z]\w*)(?:(?::|[ \t]+)('(?:[^'\n]|'')*'|"[^"\n]*"|[^\s'"`-][^\s`]*))?/;

/** `#Requires -Modules AzureADPreview` names a module to load, not a call. */
const REQUIRES = /^#\s*requires\b/i;

/**
 * Turn comments (`#` lines and `<# ... #>` blocks, comment-based help included) into
 * low-confidence call sites: URL tokens that name an old path and cmdlet names whose noun
 * contains a signature, with the parameters written after them on the same line.
 */
export function commentCallSites(comments: readonly Node[], signatures: readonly string[], language: string): CallSite[] {
  const sites: CallSite[] = [];
  for (const comment of comments) {
    const text = comment.text;
    if (REQUIRES.test(text) || !mentionsSignature(text, signatures)) {
      continue;
    }
    sites.push(...urlSites(text, comment.startIndex, signatures, language));
    sites.push(...cmdletSites(text, comment.startIndex, signatures, language));
  }
  return sites;
}

function urlSites(text: string, base: number, signatures: readonly string[], language: string): CallSite[] {
  const sites: CallSite[] = [];
  const lower = text.toLowerCase();
  const starts = new Set<number>();
  for (const signature of signatures) {
    if (!signature) {
      continue;
    }
    for (let at = lower.indexOf(signature); at !== -1; at = lower.indexOf(signature, at + signature.length)) {
      const token = readUrlToken(text, at);
      const tokenText = text.slice(token.start, token.end);
      if (starts.has(token.start) || !tokenText.includes('/') || !isRelevantUrl(token.parts, signatures)) {
        continue;
      }
      starts.add(token.start);
      const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
      const method = VERB_BEFORE.exec(text.slice(lineStart, token.start))?.[1]?.toUpperCase() ?? null;
      sites.push({
        kind: 'url',
        language,
        url: token.parts.map((part): UrlPart => (part.offset === undefined ? part : { ...part, offset: part.offset + base })),
        method,
        inComment: true,
        confidence: 'low',
        anchor: { offset: base + token.start, length: token.end - token.start },
      });
    }
  }
  return sites;
}

function cmdletSites(text: string, base: number, signatures: readonly string[], language: string): CallSite[] {
  const sites: CallSite[] = [];
  for (const match of text.matchAll(CMDLET_IN_TEXT)) {
    const name = match[0];
    if (!isSignatureCmdlet(name, signatures)) {
      continue;
    }
    sites.push({
      kind: 'cmdlet',
      language,
      cmdlet: { name, offset: base + match.index, length: name.length, parameters: parametersAfter(text, match.index + name.length) },
      method: null,
      inComment: true,
      confidence: 'low',
      anchor: { offset: base + match.index, length: name.length },
    });
  }
  return sites;
}

/** Maximum parameters read after a cmdlet name in a comment. */
const MAX_COMMENT_PARAMETERS = 20;

/** Parameters written after a cmdlet name in a comment; a value with `$` is not a literal. */
function parametersAfter(text: string, from: number): Record<string, string | null> {
  const parameters: Record<string, string | null> = {};
  let cursor = from;
  for (let count = 0; count < MAX_COMMENT_PARAMETERS; count++) {
    const match = PARAMETER_IN_TEXT.exec(text.slice(cursor, cursor + 400));
    if (!match) {
      break;
    }
    const raw = match[2];
    let value: string | null = '';
    if (raw !== undefined) {
      const unquoted = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw.startsWith('"') ? raw.slice(1, -1) : raw;
      value = !raw.startsWith("'") && unquoted.includes('$') ? null : unquoted;
    }
    parameters[match[1]!] = value;
    cursor += match[0].length;
  }
  return parameters;
}
