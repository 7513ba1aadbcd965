import type { Node } from 'web-tree-sitter';

/** One member access or call of a Java call chain such as `a.b().c(x)`. */
export interface ChainLink {
  name: string;
  nameNode: Node;
  /** Arguments of a call, or undefined for a field access. */
  args?: Node[];
  /** The whole call or field access expression that ends with this link. */
  node: Node;
}

export interface Chain {
  /** What the chain starts from: an identifier, `this`, a `new` expression, or null. */
  receiver: Node | null;
  links: ChainLink[];
}

/** Maximum links followed down one chain. */
const MAX_LINKS = 64;

/** Flattens a chain of calls and field accesses, from the receiver to `node`. */
export function flattenChain(node: Node): Chain {
  const links: ChainLink[] = [];
  let current: Node | null = node;
  while (current && links.length < MAX_LINKS) {
    if (current.type === 'method_invocation') {
      const nameNode = current.childForFieldName('name');
      if (!nameNode) {
        break;
      }
      const args = (current.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null);
      links.unshift({ name: nameNode.text, nameNode, args, node: current });
      current = current.childForFieldName('object');
      continue;
    }
    if (current.type === 'field_access') {
      const nameNode = current.childForFieldName('field');
      if (!nameNode) {
        break;
      }
      links.unshift({ name: nameNode.text, nameNode, node: current });
      current = current.childForFieldName('object');
      continue;
    }
    break;
  }
  return { receiver: current, links };
}

/** True when `node` is the object of a larger call or field access, so it is not a chain's end. */
export function continuesChain(node: Node): boolean {
  const parent = node.parent;
  return (parent?.type === 'method_invocation' || parent?.type === 'field_access') && parent.childForFieldName('object')?.startIndex === node.startIndex && parent.childForFieldName('object')?.endIndex === node.endIndex;
}
