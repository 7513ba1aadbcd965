import type { Node } from 'jsonc-parser';
import type { CallSite, UrlPart } from '../../model/call-site.js';
import { readJsonFields } from '../common/json-tree-fields.js';
import { httpMethod, property, stringProperty } from './json-tree.js';
import type { WorkflowExpressions } from './expressions.js';

/**
 * True for a Logic App / Power Automate HTTP action: an object with `"type": "Http"` (any case)
 * and `inputs` that hold a `uri`.
 */
export function isHttpAction(node: Node): boolean {
  const type = stringProperty(node, 'type');
  const inputs = property(node, 'inputs');
  return type?.toLowerCase() === 'http' && property(inputs, 'uri', true)?.type === 'string';
}

/**
 * The call site of an HTTP action: `inputs.uri` with `inputs.queries` appended as a query
 * string, `inputs.method` and the fields of `inputs.body`. Workflow expressions are dynamic
 * parts or null field values; literal values such as `"type": "AdminAdd"` count as evidence.
 * Returns the call site and the string nodes it used, so they are not reported again.
 */
export function httpActionSite(action: Node, expressions: WorkflowExpressions, language: string): { site: CallSite; used: Node[] } {
  const inputs = property(action, 'inputs')!;
  const uri = property(inputs, 'uri', true)!;
  const used = [uri];
  const url: UrlPart[] = expressions.parts(uri);

  const queries = property(inputs, 'queries', true);
  if (queries?.type === 'object') {
    let separator = url.some((part) => part.kind === 'literal' && part.text.includes('?')) ? '&' : '?';
    for (const entry of queries.children ?? []) {
      const key = entry.children?.[0];
      const value = entry.children?.[1];
      if (typeof key?.value !== 'string' || !value) {
        continue;
      }
      url.push({ kind: 'literal', text: `${separator}${key.value}=` });
      url.push(...(value.type === 'string' ? expressions.parts(value) : [{ kind: 'dynamic' as const, name: key.value }]));
      if (value.type === 'string') {
        used.push(value);
      }
      separator = '&';
    }
  }

  const methodNode = property(inputs, 'method', true);
  const site: CallSite = {
    kind: 'url',
    language,
    url,
    method: methodNode?.type === 'string' ? httpMethod(expressions.literal(methodNode) ?? undefined) : null,
    inComment: false,
    confidence: 'high',
    anchor: { offset: uri.offset, length: uri.length },
  };
  const body = property(inputs, 'body', true);
  if (body?.type === 'object') {
    site.body = readJsonFields(body, (node) => expressions.literal(node));
  } else if (body) {
    // A body built by an expression (`@triggerBody()`) or a string: present, fields unknown.
    site.body = { fields: {}, complete: false, offset: body.offset };
  }
  return { site, used };
}
