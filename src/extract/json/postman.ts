import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { BodyEvidence, CallSite, UrlPart } from '../../model/call-site.js';
import type { Span } from '../common/span.js';
import { HttpVariables } from '../common/request-variables.js';
import { readJsonFields } from '../common/json-tree-fields.js';
import { stringNodeText } from '../common/json-string.js';
import { allNodes, httpMethod, property, stringProperty } from './json-tree.js';

/** Folders nest items; deeper nesting than this is not read. */
const MAX_FOLDER_DEPTH = 32;

/** True for a Postman collection (v2.0 or v2.1): `info` names the Postman schema or id, and `item` is a list. */
export function isPostmanCollection(root: Node): boolean {
  const info = property(root, 'info');
  const schema = stringProperty(info, 'schema') ?? '';
  return property(root, 'item')?.type === 'array' && (schema.includes('getpostman.com') || property(info, '_postman_id') !== undefined);
}

/**
 * The requests of a Postman collection, each with its method, URL (`raw`, or `host` and `path`
 * when `raw` is missing), `{{variables}}` resolved from the collection's `variable` list and the
 * fields of a raw JSON body. Returns the call sites and the string nodes they used.
 */
export function postmanSites(root: Node, fileText: string, language: string): { sites: CallSite[]; used: Node[] } {
  const variables = new HttpVariables(collectionVariables(root, fileText));
  const sites: CallSite[] = [];
  const used: Node[] = [];
  const stack: { items: Node; depth: number }[] = [{ items: property(root, 'item')!, depth: 0 }];
  while (stack.length > 0) {
    const { items, depth } = stack.pop()!;
    for (const item of items.children ?? []) {
      const folder = property(item, 'item');
      if (folder?.type === 'array' && depth < MAX_FOLDER_DEPTH) {
        stack.push({ items: folder, depth: depth + 1 });
      }
      const request = property(item, 'request');
      const site = request ? requestSite(request, variables, fileText, language, used) : null;
      if (site) {
        sites.push(site);
      }
    }
  }
  return { sites, used };
}

function collectionVariables(root: Node, fileText: string): Map<string, Span> {
  const variables = new Map<string, Span>();
  for (const entry of property(root, 'variable')?.children ?? []) {
    const key = stringProperty(entry, 'key');
    const value = property(entry, 'value');
    if (key !== undefined && value?.type === 'string') {
      variables.set(key, { text: stringNodeText(value, fileText).text, offset: value.offset + 1 });
    }
  }
  return variables;
}

function requestSite(request: Node, variables: HttpVariables, fileText: string, language: string, used: Node[]): CallSite | null {
  // A request may be only its URL string, which Postman sends as GET.
  const urlValue = request.type === 'string' ? request : property(request, 'url');
  const url = urlValue ? urlParts(urlValue, variables, fileText, used) : null;
  if (!url || !urlValue) {
    return null;
  }
  const methodText = request.type === 'object' ? stringProperty(request, 'method') : undefined;
  const site: CallSite = {
    kind: 'url',
    language,
    url: url.parts,
    method: methodText === undefined ? 'GET' : httpMethod(methodText),
    inComment: false,
    confidence: 'high',
    anchor: url.anchor,
  };
  const body = request.type === 'object' ? rawJsonBody(property(request, 'body'), variables, fileText) : undefined;
  if (body) {
    site.body = body;
  }
  return site;
}

function urlParts(value: Node, variables: HttpVariables, fileText: string, used: Node[]): { parts: UrlPart[]; anchor: { offset: number; length: number } } | null {
  // Every string of the URL object (`host`, `path`, `query`) is part of this one request.
  used.push(...allNodes(value).filter((node) => node.type === 'string'));
  const raw = value.type === 'string' ? value : property(value, 'raw');
  if (raw?.type === 'string') {
    const { text, offsets } = stringNodeText(raw, fileText);
    return { parts: variables.parts(text, offsets), anchor: { offset: raw.offset, length: raw.length } };
  }
  if (value.type !== 'object') {
    return null;
  }
  // Without `raw`, the URL is protocol://host.joined/path/joined?query.
  const parts: UrlPart[] = [];
  const protocol = stringProperty(value, 'protocol');
  if (protocol) {
    parts.push({ kind: 'literal', text: `${protocol}://` });
  }
  const join = (node: Node | undefined, separator: string, leading: string): void => {
    const pieces = node?.type === 'array' ? (node.children ?? []) : node ? [node] : [];
    pieces.forEach((piece, index) => {
      if (piece.type !== 'string') {
        return;
      }
      const { text, offsets } = stringNodeText(piece, fileText);
      parts.push({ kind: 'literal', text: index === 0 ? leading : separator });
      parts.push(...variables.parts(text, offsets));
    });
  };
  join(property(value, 'host'), '.', '');
  join(property(value, 'path'), '/', '/');
  const query = property(value, 'query');
  let separator = '?';
  for (const entry of query?.children ?? []) {
    const key = stringProperty(entry, 'key');
    const valueNode = property(entry, 'value');
    if (key === undefined || property(entry, 'disabled')?.value === true) {
      continue;
    }
    parts.push({ kind: 'literal', text: `${separator}${key}=` });
    if (valueNode?.type === 'string') {
      const { text, offsets } = stringNodeText(valueNode, fileText);
      parts.push(...variables.parts(text, offsets));
    }
    separator = '&';
  }
  return { parts: parts.filter((part) => part.kind !== 'literal' || part.text !== ''), anchor: { offset: value.offset, length: value.length } };
}

/**
 * The fields of `body.raw` when `body.mode` is `raw` and the text is a JSON object. The JSON sits
 * inside a JSON string, so field offsets are not exact; the evidence points at the `raw` value.
 */
function rawJsonBody(body: Node | undefined, variables: HttpVariables, fileText: string): BodyEvidence | undefined {
  const raw = property(body, 'raw');
  if (stringProperty(body, 'mode') !== 'raw' || raw?.type !== 'string') {
    return undefined;
  }
  const text = stringNodeText(raw, fileText).text;
  const errors: ParseError[] = [];
  const root = text.trimStart().startsWith('{') ? parseTree(text, errors, { allowTrailingComma: true, disallowComments: false }) : undefined;
  if (!root) {
    return { fields: {}, complete: false, offset: raw.offset };
  }
  const evidence = readJsonFields(root, (node) => variables.resolveText(typeof node.value === 'string' ? node.value : ''));
  evidence.offset = raw.offset;
  if (errors.length > 0) {
    evidence.complete = false;
  }
  return evidence;
}
