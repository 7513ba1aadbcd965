import { createScanner, parseTree, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import type { CallSite } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { urlsInRanges } from '../common/text-urls.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { stringValueSites } from './config-strings.js';
import { WorkflowExpressions } from './expressions.js';
import { allNodes } from './json-tree.js';
import { httpActionSite, isHttpAction } from './logic-app.js';
import { isPostmanCollection, postmanSites } from './postman.js';
import { MAX_PARSER_NESTING } from '../common/nesting.js';

/**
 * Extracts call sites from JSON and JSON with comments: Logic App HTTP actions and Postman
 * requests (high confidence, with method and body), then every other string value that holds an
 * old URL (medium confidence, method from a sibling key or null), and URLs in comments (low).
 */
export const jsonExtractor: Extractor = {
  id: 'json',
  languages: ['json'],
  maxNesting: MAX_PARSER_NESTING,

  extract(input: ExtractInput): CallSite[] {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    const errors: ParseError[] = [];
    const root = parseTree(input.text, errors, { allowTrailingComma: true, disallowComments: false });
    const sites: CallSite[] = root ? treeSites(root, input) : [];
    sites.push(...urlsInRanges(input.text, commentRanges(input.text), { language: input.language, signatures: input.signatures, inComment: true, confidence: 'low' }));
    return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
  },
};

function treeSites(root: Node, input: ExtractInput): CallSite[] {
  const expressions = new WorkflowExpressions(root, input.text);
  const sites: CallSite[] = [];
  const used = new Set<number>();
  const keep = (found: { site: CallSite; used: Node[] } | { sites: CallSite[]; used: Node[] }): void => {
    for (const node of found.used) {
      used.add(node.offset);
    }
    const candidates = 'site' in found ? [found.site] : found.sites;
    sites.push(...candidates.filter((site) => site.url && isRelevantUrl(site.url, input.signatures)));
  };

  if (isPostmanCollection(root)) {
    keep(postmanSites(root, input.text, input.language));
  }
  const nodes = allNodes(root);
  for (const node of nodes) {
    if (node.type === 'object' && isHttpAction(node)) {
      try {
        keep(httpActionSite(node, expressions, input.language));
      } catch {
        // An action the extractor cannot read still has its strings reported below.
      }
    }
  }
  for (const node of nodes) {
    const isValue = node.type === 'string' && !(node.parent?.type === 'property' && node.parent.children?.[0] === node);
    if (!isValue || used.has(node.offset) || typeof node.value !== 'string' || !mentionsSignature(node.value, input.signatures)) {
      continue;
    }
    sites.push(...stringValueSites(node, expressions, input.text, input.signatures, input.language));
  }
  return sites;
}

/** Line and block comments, which JSON with comments (tsconfig, settings, jsonc) allows. */
function commentRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const scanner = createScanner(text, false);
  // Each scan consumes at least one character, so the file length bounds the loop.
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      ranges.push([scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()]);
    }
  }
  return ranges;
}
