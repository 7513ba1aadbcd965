import type { Node } from 'web-tree-sitter';
import type { FieldValue, ObjectValue } from '../../extract/powershell/objects.js';
import { ResolveState, type Resolver } from '../../extract/powershell/resolve.js';
import { unwrap } from '../../extract/powershell/tree.js';
import type { BodyEntry, BodyValue } from '../body-map.js';
import { quoteString } from './print.js';

export type ReadValue = { value: BodyValue } | { reason: string };

/**
 * Reads an argument or hashtable member as a body value. A bare word (`-Type AdminAdd`) is a
 * string in command mode but a command in a hashtable, so it is quoted when it moves.
 */
export function bodyValueOf(field: FieldValue, resolver: Resolver, quote: string): ReadValue {
  if (field.kind === 'object') {
    const entries = bodyEntriesOf(field.object, resolver, quote);
    return 'reason' in entries ? entries : { value: { kind: 'object', entries: entries.entries } };
  }
  if (field.kind === 'text') {
    return field.text === null ? { reason: 'a JSON body member is computed by the code; map the body by hand' } : { value: { kind: 'text', text: quoteString(field.text, quote), literal: field.text } };
  }
  return { value: nodeValue(field.node, resolver, quote) };
}

export function nodeValue(node: Node, resolver: Resolver, quote: string): BodyValue {
  const inner = unwrap(node);
  const literal = resolver.value(node, new ResolveState()) ?? undefined;
  if (inner.type === 'generic_token') {
    return { kind: 'text', text: quoteString(inner.text, quote), literal: inner.text };
  }
  return literal === undefined ? { kind: 'text', text: node.text } : { kind: 'text', text: node.text, literal };
}

/** Reads every member of a hashtable or object; a member the extractor could not read refuses the whole body. */
export function bodyEntriesOf(object: ObjectValue, resolver: Resolver, quote: string): { entries: BodyEntry[] } | { reason: string } {
  if (!object.complete) {
    return { reason: 'the hashtable has a key computed at run time; map it by hand' };
  }
  const entries: BodyEntry[] = [];
  for (const [key, field] of object.entries) {
    const read = bodyValueOf(field, resolver, quote);
    if ('reason' in read) {
      return read;
    }
    entries.push({ key, value: read.value });
  }
  return { entries };
}
