import type { Node } from 'web-tree-sitter';
import { collectNodes } from '../tree-sitter/collect.js';
import { STRING_TYPES } from './tree.js';

/** A node with its type, read once from the tree. */
export interface TypedNode {
  node: Node;
  type: string;
}

/** Node types that bind a variable: assignments, parameter defaults, class property initialisers. */
export const BINDING_TYPES = ['assignment_expression', 'script_parameter', 'class_property_definition'] as const;

/** The nodes of one script that the extractor reads, each list in document order. */
export interface ScriptNodes {
  commands: Node[];
  strings: Node[];
  comments: Node[];
  bindings: TypedNode[];
}

const SCRIPT_TYPES = ['command', 'comment', ...STRING_TYPES, ...BINDING_TYPES];

/** Collect the commands, strings, comments and bindings of a script in one search of its tree. */
export function scriptNodes(root: Node): ScriptNodes {
  const nodes: ScriptNodes = { commands: [], strings: [], comments: [], bindings: [] };
  collectNodes(root, SCRIPT_TYPES, (node, type) => {
    if (type === 'command') {
      nodes.commands.push(node);
    } else if (type === 'comment') {
      nodes.comments.push(node);
    } else if (STRING_TYPES.has(type)) {
      nodes.strings.push(node);
    } else {
      nodes.bindings.push({ node, type });
    }
  });
  return nodes;
}
