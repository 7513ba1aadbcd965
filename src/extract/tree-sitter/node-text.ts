import type { Node } from 'web-tree-sitter';

/** The named children of a node, without the null entries web-tree-sitter may return. */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

/** Source text of a node on one line, cut to 60 characters, for dynamic part names. */
export function shortText(node: Node): string {
  const text = node.text.replace(/\s+/g, ' ').trim();
  return text.length > 60 ? text.slice(0, 60) : text;
}
