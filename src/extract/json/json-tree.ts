import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { HTTP_METHODS } from '../common/http-methods.js';

/** The value node of property `name` of an object node, matched without case when asked. */
export function property(node: Node | undefined, name: string, ignoreCase = false): Node | undefined {
  if (node?.type !== 'object') {
    return undefined;
  }
  const wanted = ignoreCase ? name.toLowerCase() : name;
  for (const entry of node.children ?? []) {
    const key = entry.children?.[0]?.value;
    if (typeof key === 'string' && (ignoreCase ? key.toLowerCase() : key) === wanted) {
      return entry.children?.[1];
    }
  }
  return undefined;
}

/** The string value of a property, or undefined when absent or not a string. */
export function stringProperty(node: Node | undefined, name: string, ignoreCase = false): string | undefined {
  const value = property(node, name, ignoreCase);
  return value?.type === 'string' && typeof value.value === 'string' ? value.value : undefined;
}

/** The node at a path of property names below `node`. */
export function nodeAt(node: Node, path: string[]): Node | undefined {
  return findNodeAtLocation(node, path);
}

/** The object that contains a value node as one of its properties, if any. */
export function owningObject(value: Node): Node | undefined {
  const entry = value.parent;
  return entry?.type === 'property' && entry.children?.[1] === value ? entry.parent : undefined;
}

/** The property name a value node is stored under, if it is a property value. */
export function propertyName(value: Node): string | undefined {
  const entry = value.parent;
  const key = entry?.type === 'property' && entry.children?.[1] === value ? entry.children?.[0]?.value : undefined;
  return typeof key === 'string' ? key : undefined;
}

/** Every node of a tree in document order, without recursion. */
export function allNodes(root: Node): Node[] {
  const nodes: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push(children[i]!);
    }
  }
  return nodes;
}

/** An HTTP method written as a string, upper case, or null when the text is no method. */
export function httpMethod(text: string | undefined): string | null {
  const upper = text?.trim().toUpperCase();
  return upper && HTTP_METHODS.has(upper) ? upper : null;
}
