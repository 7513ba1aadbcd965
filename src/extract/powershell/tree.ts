import type { Node } from 'web-tree-sitter';

/**
 * Node types of the PowerShell grammar that only wrap one operand when no operator is written:
 * every expression passes through this chain of precedence levels.
 */
const WRAPPERS = new Set([
  'pipeline',
  'pipeline_chain',
  'logical_expression',
  'bitwise_expression',
  'comparison_expression',
  'additive_expression',
  'multiplicative_expression',
  'format_expression',
  'range_expression',
  'array_literal_expression',
  'unary_expression',
  'left_assignment_expression',
  'parenthesized_expression',
  'sub_expression',
  'statement_list',
  'string_literal',
  'argument_expression',
  'key_expression',
  'path_command_name',
  // NOTE: this also drops a prefix operator (`-not $x`), which no URL or body value uses.
  'expression_with_unary_operator',
]);

/** Maximum wrapper levels to descend; the grammar nests about 15 per expression. */
const MAX_UNWRAP = 200;

/** Descend through wrapper nodes with a single named child to the node that carries meaning. */
export function unwrap(node: Node): Node {
  let current = node;
  for (let i = 0; i < MAX_UNWRAP && WRAPPERS.has(current.type); i++) {
    const named = current.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
    if (named.length !== 1) {
      break;
    }
    current = named[0]!;
  }
  return current;
}

/** Named children without comments. */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

/** Every child, tokens included. */
export function allChildren(node: Node): Node[] {
  return node.children.filter((child): child is Node => child !== null);
}

/** String node types: quoted strings and here-strings, verbatim or expandable. */
export const STRING_TYPES = new Set([
  'verbatim_string_characters',
  'verbatim_here_string_characters',
  'expandable_string_literal',
  'expandable_here_string_literal',
]);

export function isStringNode(node: Node): boolean {
  return STRING_TYPES.has(node.type);
}

/** Scope modifiers PowerShell allows before a variable name. */
const SCOPE_PREFIX = /^(?:script|global|local|private|using):/i;

/**
 * The key of a variable for look-ups: without `$`, `@`, braces or scope modifier, lower case,
 * because PowerShell variable names ignore case and `$script:x` is `$x` in a script file.
 */
export function variableKey(written: string): string {
  let name = written.replace(/^[$@]/, '');
  if (name.startsWith('{') && name.endsWith('}')) {
    name = name.slice(1, -1);
  }
  return name.replace(SCOPE_PREFIX, '').toLowerCase();
}

/** The member name of a `member_access` node, with quotes removed (`$page.'@odata.nextLink'`). */
export function memberName(node: Node): string | null {
  const member = node.children.find((child) => child?.type === 'member_name');
  if (!member) {
    return null;
  }
  return member.text.replace(/^(['"])(.*)\1$/s, '$2');
}

/** The first ancestor of one of the given types, bounded by the tree depth. */
export function ancestorOfType(node: Node, types: ReadonlySet<string>): Node | null {
  let current = node.parent;
  while (current) {
    if (types.has(current.type)) {
      return current;
    }
    current = current.parent;
  }
  return null;
}

/** Short source text for a dynamic part's name. */
export function shortText(node: Node): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export { walk } from '../tree-sitter/parse.js';
