import type { Node } from 'web-tree-sitter';
import type { SdkChainLink } from '../../model/call-site.js';
import { unwrap, type PyContext } from './context.js';
import { keywordArgument, positionalArguments, resolveParts, type ResolveState } from './resolve.js';

/** Request builder methods of msgraph-beta-sdk that send the request. */
const SDK_VERBS = new Set(['get', 'post', 'patch', 'put', 'delete']);

/** Maximum links read from one chain. */
const MAX_LINKS = 60;

/** An SDK request chain: the links after the client object, and the verb call. */
export interface PySdkChain {
  links: SdkChainLink[];
  verbCall: Node;
  /** The request body argument of the verb, if any. */
  body?: Node;
  /** Calls that belong to the chain, so they are not read again as HTTP calls. */
  calls: Node[];
}

const normalize = (name: string): string => name.replace(/_/g, '').toLowerCase();

/**
 * Reads `client.privileged_access.by_privileged_access_id('aadRoles').role_assignment_requests.post(body)`
 * from its verb call down to the receiver name. Links start after the receiver identifier, so
 * `self.client.privileged_access...` starts at `client`. Returns undefined unless a link names a
 * signature (`privilegedaccess`).
 */
export function readSdkChain(call: Node, ctx: PyContext, state: ResolveState, signatures: readonly string[]): PySdkChain | undefined {
  const callee = call.childForFieldName('function');
  const verb = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : null;
  if (!callee || !verb || !SDK_VERBS.has(verb.text)) {
    return undefined;
  }
  const links: SdkChainLink[] = [{ name: verb.text, offset: verb.startIndex }];
  const calls: Node[] = [call];
  let current: Node | null = callee.childForFieldName('object');
  for (let guard = 0; current && guard < MAX_LINKS; guard++) {
    const node = unwrap(current);
    if (node.type === 'attribute') {
      const name = node.childForFieldName('attribute');
      if (name) {
        links.unshift({ name: name.text, offset: name.startIndex });
      }
      current = node.childForFieldName('object');
    } else if (node.type === 'call') {
      const inner = node.childForFieldName('function');
      const name = inner?.type === 'attribute' ? inner.childForFieldName('attribute') : null;
      if (!inner || !name) {
        break;
      }
      calls.push(node);
      const first = positionalArguments(node)[0];
      const link: SdkChainLink = { name: name.text, offset: name.startIndex };
      if (first) {
        const parts = resolveParts(first, ctx, state);
        link.argument = parts.length === 1 ? parts[0]! : { kind: 'dynamic', name: first.text, offset: first.startIndex };
      }
      links.unshift(link);
      current = inner.childForFieldName('object');
    } else if (node.type === 'subscript') {
      const key = node.childForFieldName('subscript');
      const link: SdkChainLink = { name: '[]', offset: node.startIndex };
      if (key) {
        const parts = resolveParts(key, ctx, state);
        link.argument = parts.length === 1 ? parts[0]! : { kind: 'dynamic', name: key.text, offset: key.startIndex };
      }
      links.unshift(link);
      current = node.childForFieldName('value');
    } else {
      // The receiver (`graph_client`, `self`) or an expression the chain does not name.
      break;
    }
  }
  if (links.length < 2) {
    return undefined;
  }
  const wanted = signatures.map(normalize).filter((signature) => signature.length > 0);
  if (!links.some((link) => wanted.some((signature) => normalize(link.name).startsWith(signature)))) {
    return undefined;
  }
  const chain: PySdkChain = { links, verbCall: call, calls };
  const body = keywordArgument(call, 'body') ?? positionalArguments(call)[0];
  if (body) {
    chain.body = body;
  }
  return chain;
}
