import type { Node } from 'web-tree-sitter';
import { namedChildren } from './templates.js';

/** A block with its type, labels and attributes by name. */
export interface HclBlock {
  node: Node;
  /** `resource`, `data`, `variable`, `provisioner`... */
  type: string;
  labels: string[];
  /** Attribute value expressions by name (the last one wins, as Terraform rejects duplicates). */
  attributes: Map<string, Node>;
}

/** Read a `block` node. */
export function readBlock(node: Node): HclBlock {
  const children = namedChildren(node);
  const labels = children
    .filter((child) => child.type === 'string_lit' || child.type === 'identifier')
    .slice(1)
    .map((label) =>
      label.type === 'string_lit'
        ? namedChildren(label)
            .filter((part) => part.type === 'template_literal')
            .map((part) => part.text)
            .join('')
        : label.text,
    );
  const attributes = new Map<string, Node>();
  const body = children.find((child) => child.type === 'body');
  for (const attribute of body ? namedChildren(body) : []) {
    const [name, expression] = namedChildren(attribute);
    if (attribute.type === 'attribute' && name && expression) {
      attributes.set(name.text, expression);
    }
  }
  return { node, type: children[0]?.text ?? '', labels, attributes };
}
