import type { Node } from 'web-tree-sitter';
import type { SdkChainLink } from '../../model/call-site.js';
import type { CsResolver } from './resolve.js';
import { argumentsOf, lastName, MAX_ANCESTORS, namedChildren, unwrap } from './syntax.js';
import { linkArgument } from '../common/sdk-chain.js';
import { literalText } from '../common/resolve-state.js';

/** Graph .NET SDK verbs whose first argument is the request body (v4 `AddAsync`, v5 `PostAsync`). */
export const BODY_VERBS = new Set(['AddAsync', 'PostAsync', 'PatchAsync', 'PutAsync', 'UpdateAsync', 'CreateAsync']);

/** A link of a chain with the syntax node of its first argument, before the argument is resolved. */
export interface RawLink {
  name: string;
  offset: number;
  argument?: Node;
}

/** A member chain cut into links, with the receiver expression it starts from. */
export interface Chain {
  top: Node;
  receiver: Node;
  links: RawLink[];
}

const CHAIN_TYPES = new Set(['member_access_expression', 'invocation_expression', 'element_access_expression']);

/** True when `child` continues the chain of `parent` (`parent` accesses or calls `child`). */
function continuesChain(parent: Node, child: Node): boolean {
  const field = parent.type === 'invocation_expression' ? 'function' : 'expression';
  return CHAIN_TYPES.has(parent.type) && parent.childForFieldName(field)?.startIndex === child.startIndex && parent.childForFieldName(field)?.endIndex === child.endIndex;
}

/** Climbs from a node in a chain to the chain's last call or member access. */
export function chainTop(node: Node): Node {
  let current = node;
  for (let i = 0; i < MAX_ANCESTORS; i += 1) {
    const parent = current.parent;
    if (!parent || !continuesChain(parent, current)) {
      return current;
    }
    current = parent;
  }
  return current;
}

/**
 * Cuts `receiver.A["x"].B.Request().AddAsync(body)` into links `A`, `[]`, `B`, `Request`,
 * `AddAsync`, walking down from the top without recursion. The receiver is the identifier,
 * `this` or other expression the chain starts from.
 */
export function cutChain(top: Node): Chain {
  const links: RawLink[] = [];
  let current = top;
  let pendingArgument: Node | undefined;
  let hasPending = false;
  for (let i = 0; i < MAX_ANCESTORS; i += 1) {
    if (current.type === 'invocation_expression') {
      const callee = current.childForFieldName('function');
      if (!callee || callee.type !== 'member_access_expression') {
        break;
      }
      pendingArgument = argumentsOf(current)[0];
      hasPending = true;
      current = callee;
      continue;
    }
    if (current.type === 'member_access_expression') {
      const name = current.childForFieldName('name');
      const owner = current.childForFieldName('expression');
      if (!name || !owner) {
        break;
      }
      const link: RawLink = { name: lastName(name) ?? name.text, offset: name.startIndex };
      if (hasPending && pendingArgument) {
        link.argument = pendingArgument;
      }
      hasPending = false;
      links.push(link);
      current = unwrap(owner);
      continue;
    }
    if (current.type === 'element_access_expression') {
      const subscript = current.childForFieldName('subscript');
      const owner = current.childForFieldName('expression');
      if (!owner) {
        break;
      }
      const argument = subscript ? namedChildren(subscript).find((child) => child.type === 'argument') : undefined;
      const link: RawLink = { name: '[]', offset: subscript?.startIndex ?? current.startIndex };
      if (argument) {
        link.argument = unwrap(argument);
      }
      hasPending = false;
      links.push(link);
      current = unwrap(owner);
      continue;
    }
    break;
  }
  return { top, receiver: current, links: links.reverse() };
}

/**
 * Extends a chain whose receiver is a local variable holding the start of another chain
 * (`var requests = graph.PrivilegedAccess["aadRoles"].RoleAssignmentRequests; requests.Request()...`).
 * Returns the combined chain and the tops of the chains it absorbed.
 */
export function extendThroughVariables(chain: Chain, resolver: CsResolver): { chain: Chain; absorbed: Node[] } {
  const absorbed: Node[] = [];
  let current = chain;
  for (let i = 0; i < 4 && current.receiver.type === 'identifier'; i += 1) {
    const followed = resolver.follow(current.receiver);
    if (followed?.kind !== 'node') {
      break;
    }
    const value = unwrap(followed.expression);
    if (!CHAIN_TYPES.has(value.type)) {
      break;
    }
    const inner = cutChain(value);
    if (inner.links.length === 0) {
      break;
    }
    absorbed.push(value);
    current = { top: chain.top, receiver: inner.receiver, links: [...inner.links, ...current.links] };
  }
  return { chain: current, absorbed };
}

/** Resolves each raw link's argument into a UrlPart. */
export function resolveLinks(links: readonly RawLink[], resolver: CsResolver): SdkChainLink[] {
  return links.map((link) => {
    const resolved: SdkChainLink = { name: link.name, offset: link.offset };
    if (link.argument) {
      const parts = resolver.parts(link.argument);
      const text = parts.length > 0 ? literalText(parts) : undefined;
      resolved.argument = linkArgument(text, parts, link.argument);
    }
    return resolved;
  });
}
