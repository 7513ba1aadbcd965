import type { Node } from 'web-tree-sitter';
import { ResolveState, type Resolver } from '../../extract/powershell/resolve.js';
import { namedChildren, unwrap } from '../../extract/powershell/tree.js';

/** One `Key = value` of a hashtable literal: the key as written and read, and the value node. */
export interface HashEntry {
  /** The key's text (`Body`, `'type'`), or null when it is computed at run time. */
  name: string | null;
  key: Node;
  value: Node;
}

/** Reads the entries of a hashtable literal in source order, skipping an entry without a value. */
export function hashEntries(resolver: Resolver, hashtable: Node): HashEntry[] {
  const body = namedChildren(hashtable).find((child) => child.type === 'hash_literal_body');
  const entries: HashEntry[] = [];
  for (const entry of body ? namedChildren(body) : []) {
    const [key, value] = namedChildren(entry);
    if (entry.type !== 'hash_entry' || !key || !value) {
      continue;
    }
    const inner = unwrap(key);
    const name = inner.type === 'simple_name' || inner.type === 'generic_token' ? inner.text : resolver.value(inner, new ResolveState());
    entries.push({ name, key, value });
  }
  return entries;
}
