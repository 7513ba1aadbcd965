import type { Node } from 'web-tree-sitter';
import { namedChildren, shortText } from '../tree-sitter/node-text.js';

/** Maximum number of declarations followed from one expression (constants of constants, variables). */
export const MAX_DEPTH = 12;

/** Maximum number of ancestors climbed from one node; C# code nests far less than this. */
export const MAX_ANCESTORS = 400;

export function allChildren(node: Node): Node[] {
  return node.children.filter((child): child is Node => child !== null);
}

/** Removes parentheses, casts, `!` and `await` around an expression. */
export function unwrap(node: Node): Node {
  let current = node;
  for (let i = 0; i < MAX_DEPTH; i += 1) {
    if (current.type === 'parenthesized_expression' || current.type === 'await_expression' || current.type === 'postfix_unary_expression') {
      const inner = namedChildren(current).at(current.type === 'postfix_unary_expression' ? 0 : -1);
      if (!inner) {
        return current;
      }
      current = inner;
    } else if (current.type === 'cast_expression') {
      const inner = current.childForFieldName('value');
      if (!inner) {
        return current;
      }
      current = inner;
    } else if (current.type === 'argument') {
      const inner = namedChildren(current).at(-1);
      if (!inner) {
        return current;
      }
      current = inner;
    } else {
      return current;
    }
  }
  return current;
}

/** The expressions of an argument list (`argument` nodes unwrapped), skipping named-argument labels. */
export function argumentsOf(call: Node): Node[] {
  const list = call.childForFieldName('arguments') ?? namedChildren(call).find((child) => child.type === 'argument_list');
  if (!list) {
    return [];
  }
  return namedChildren(list)
    .filter((child) => child.type === 'argument')
    .map((argument) => unwrap(argument));
}

/** Name of an argument written as `name: value`, when it has one. */
export function argumentLabel(argumentNode: Node): string | undefined {
  const first = argumentNode.child(0);
  const second = argumentNode.child(1);
  return first && second && first.type === 'identifier' && second.type === ':' ? first.text : undefined;
}

/** The value after `=` of a variable declarator, property or assignment. */
export function initializerOf(declarator: Node): Node | undefined {
  const children = allChildren(declarator);
  const equals = children.findIndex((child) => child.type === '=' || child.type === '=>');
  if (equals === -1) {
    return undefined;
  }
  return children.slice(equals + 1).find((child) => child.isNamed);
}

/** Last identifier of a (qualified) name or member access: `Pim.Endpoints.Base` gives `Base`. */
export function lastName(node: Node): string | undefined {
  if (node.type === 'identifier') {
    return node.text;
  }
  if (node.type === 'member_access_expression' || node.type === 'qualified_name') {
    const name = node.childForFieldName('name') ?? namedChildren(node).at(-1);
    return name ? lastName(name) : undefined;
  }
  if (node.type === 'generic_name') {
    return namedChildren(node).find((child) => child.type === 'identifier')?.text;
  }
  return undefined;
}

/** Type declarations whose members can hold constants. */
export const TYPE_DECLARATIONS = new Set(['class_declaration', 'struct_declaration', 'record_declaration', 'interface_declaration']);

/** The nearest enclosing type declaration. */
export function enclosingType(node: Node): Node | undefined {
  let current = node.parent;
  for (let i = 0; current && i < MAX_ANCESTORS; i += 1) {
    if (TYPE_DECLARATIONS.has(current.type)) {
      return current;
    }
    current = current.parent;
  }
  return undefined;
}

/** Name of a type declaration. */
export function typeName(declaration: Node): string | undefined {
  return declaration.childForFieldName('name')?.text;
}

export { namedChildren, shortText };
