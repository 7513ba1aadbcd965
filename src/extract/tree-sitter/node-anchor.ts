import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';

/** Identifies a node by its range, so the same construct is handled once per file. */
export function nodeKey(node: Node): string {
  return `${node.startIndex}:${node.endIndex}`;
}

/** The call-site anchor that covers a node. */
export function nodeAnchor(node: Node): CallSite['anchor'] {
  return { offset: node.startIndex, length: node.endIndex - node.startIndex };
}
