import type { Node } from 'jsonc-parser';
import type { CallSite, UrlPart } from '../../model/call-site.js';
import { isSingleUrl, partsText } from '../common/url-text.js';
import { urlsInRanges } from '../common/text-urls.js';
import { isRelevantUrl } from '../common/signatures.js';
import type { WorkflowExpressions } from './expressions.js';
import { readJsonFields } from '../common/json-tree-fields.js';
import { httpMethod, owningObject, property } from './json-tree.js';

/** Sibling keys that may name the method of a URL in configuration. */
const METHOD_KEYS = ['method', 'httpMethod', 'verb'];

/**
 * Call sites for a string value that contains an old URL outside a recognised request: a config
 * value, a connection's `uri`/`url`/`endpoint`, a policy document. A string that is one URL
 * becomes one medium-confidence call site; its method comes from a sibling `method` key when
 * there is one, else it is null. A longer text (a script, an XML policy) is searched for URLs.
 */
export function stringValueSites(node: Node, expressions: WorkflowExpressions, fileText: string, signatures: readonly string[], language: string): CallSite[] {
  const parts: UrlPart[] = expressions.parts(node);
  if (!isRelevantUrl(parts, signatures)) {
    return [];
  }
  if (!isSingleUrl(partsText(parts.map((part) => (part.kind === 'dynamic' ? { kind: 'dynamic' } : part))))) {
    return urlsInRanges(fileText, [[node.offset + 1, node.offset + node.length - 1]], { language, signatures, inComment: false, confidence: 'medium' });
  }
  const owner = owningObject(node);
  let method: string | null = null;
  for (const key of METHOD_KEYS) {
    const value = property(owner, key, true);
    method ??= value?.type === 'string' ? httpMethod(expressions.literal(value) ?? undefined) : null;
  }
  const site: CallSite = {
    kind: 'url',
    language,
    url: trimWhitespace(parts),
    method,
    inComment: false,
    confidence: 'medium',
    anchor: { offset: node.offset, length: node.length },
  };
  const body = property(owner, 'body', true);
  if (body?.type === 'object') {
    site.body = readJsonFields(body, (field) => expressions.literal(field));
  }
  return [site];
}

/** Drop whitespace around a URL written with padding (`" https://... "`), keeping offsets right. */
function trimWhitespace(parts: UrlPart[]): UrlPart[] {
  const result = [...parts];
  const first = result[0];
  if (first?.kind === 'literal') {
    const lead = first.text.length - first.text.trimStart().length;
    result[0] = first.offset === undefined ? { ...first, text: first.text.trimStart() } : { ...first, text: first.text.trimStart(), offset: first.offset + lead };
  }
  const last = result.at(-1);
  if (last?.kind === 'literal') {
    result[result.length - 1] = { ...last, text: last.text.trimEnd() };
  }
  return result.filter((part) => part.kind !== 'literal' || part.text !== '');
}
