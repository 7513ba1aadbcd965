import type { Node } from 'web-tree-sitter';
import type { SdkChainLink } from '../../model/call-site.js';
import type { GoResolver } from './resolve.js';
import { argumentsOf, MAX_ANCESTORS, sameNode, unwrap } from './syntax.js';
import { linkArgument } from '../common/sdk-chain.js';

/** msgraph-sdk-go verbs that send a body: `Post(ctx, body, config)`. */
export const BODY_VERBS = new Set(['Post', 'Patch', 'Put']);

export interface RawLink {
  name: string;
  offset: number;
  args: Node[];
}

export interface Chain {
  top: Node;
  receiver: Node;
  links: RawLink[];
}

function continuesChain(parent: Node, child: Node): boolean {
  const field = parent.type === 'call_expression' ? 'function' : parent.type === 'selector_expression' ? 'operand' : undefined;
  const inner = field ? parent.childForFieldName(field) : null;
  return inner !== null && sameNode(inner, child);
}

/** Climbs from a node in a chain to the chain's last call or selector. */
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

/** Cuts `client.A().ByAId("x").B().Post(ctx, body, nil)` into links after the receiver, without recursion. */
export function cutChain(top: Node): Chain {
  const links: RawLink[] = [];
  let current = unwrap(top);
  let pending: Node[] = [];
  for (let i = 0; i < MAX_ANCESTORS; i += 1) {
    if (current.type === 'call_expression') {
      const callee = current.childForFieldName('function');
      if (callee?.type !== 'selector_expression') {
        break;
      }
      pending = argumentsOf(current);
      current = callee;
      continue;
    }
    if (current.type === 'selector_expression') {
      const field = current.childForFieldName('field');
      const operand = current.childForFieldName('operand');
      if (!field || !operand) {
        break;
      }
      links.push({ name: field.text, offset: field.startIndex, args: pending });
      pending = [];
      current = unwrap(operand);
      continue;
    }
    break;
  }
  return { top, receiver: current, links: links.reverse() };
}

/**
 * Extends a chain whose receiver is a local variable holding the start of another chain
 * (`requests := client.PrivilegedAccess().ByPrivilegedAccessId("aadRoles").RoleAssignmentRequests()`).
 */
export function extendThroughVariables(chain: Chain, resolver: GoResolver): { chain: Chain; absorbed: Node[] } {
  const absorbed: Node[] = [];
  let current = chain;
  for (let i = 0; i < 4 && current.receiver.type === 'identifier'; i += 1) {
    const followed = resolver.follow(current.receiver);
    if (followed?.kind !== 'node' || followed.index !== 0) {
      break;
    }
    const value = unwrap(followed.expression);
    if (value.type !== 'call_expression' && value.type !== 'selector_expression') {
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

export function resolveLinks(links: readonly RawLink[], resolver: GoResolver): SdkChainLink[] {
  return links.map((link) => {
    const resolved: SdkChainLink = { name: link.name, offset: link.offset };
    const argument = link.args[0];
    if (argument) {
      const text = resolver.constant(argument);
      const parts = text === undefined ? [] : resolver.parts(argument);
      resolved.argument = linkArgument(text, parts, argument);
    }
    return resolved;
  });
}

/** The body argument of an SDK verb: `Post(ctx, body, nil)`, or `Post(body)` without a context. */
export function verbBody(link: RawLink): Node | undefined {
  const candidate = link.args.length >= 2 ? link.args[1] : link.args[0];
  if (!candidate || candidate.type === 'nil' || /^(ctx|context\.\w+\(\))$/.test(candidate.text)) {
    return undefined;
  }
  return candidate;
}
