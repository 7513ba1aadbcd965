import type { Node } from 'web-tree-sitter';
import { namedChildren, shortText } from '../tree-sitter/node-text.js';

/** Maximum number of declarations followed from one expression (constants of constants, variables). */
export const MAX_DEPTH = 12;
/** Maximum number of ancestors climbed from one node. */
export const MAX_ANCESTORS = 400;

export const sameNode = (a: Node, b: Node): boolean => a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

/** Removes parentheses around an expression. */
export function unwrap(node: Node): Node {
  let current = node;
  for (let i = 0; i < MAX_DEPTH && current.type === 'parenthesized_expression'; i += 1) {
    const inner = current.namedChild(0);
    if (!inner) {
      break;
    }
    current = inner;
  }
  return current;
}

/** Argument expressions of a call. */
export function argumentsOf(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return list ? namedChildren(list).filter((child) => child.type !== 'comment').map(unwrap) : [];
}

/** `pkg.Name` or `x.Method` of a call's function, as [operand text, field name]. */
export function calleeParts(call: Node): { operand: Node | undefined; name: string | undefined } {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'selector_expression') {
    return { operand: callee.childForFieldName('operand') ?? undefined, name: callee.childForFieldName('field')?.text };
  }
  return { operand: undefined, name: callee?.type === 'identifier' ? callee.text : undefined };
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\u0007', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };

function decodeEscape(sequence: string): string {
  const letter = sequence[1] ?? '';
  if (Object.hasOwn(ESCAPES, letter)) {
    return ESCAPES[letter]!;
  }
  if (letter === 'u' || letter === 'U' || letter === 'x') {
    const code = Number.parseInt(sequence.slice(2), 16);
    if (Number.isFinite(code) && code <= 0x10ffff) {
      return String.fromCodePoint(code);
    }
  }
  if (/^\\[0-7]{3}$/.test(sequence)) {
    return String.fromCharCode(Number.parseInt(sequence.slice(1), 8));
  }
  return sequence;
}

/** The value of a Go string literal (interpreted or raw) and the offset of its first character. */
export function stringValue(node: Node): { text: string; offset: number } | undefined {
  if (node.type === 'raw_string_literal') {
    return { text: node.text.slice(1, -1).replaceAll('\r', ''), offset: node.startIndex + 1 };
  }
  if (node.type !== 'interpreted_string_literal') {
    return undefined;
  }
  let text = '';
  for (const child of node.children) {
    if (child?.type === 'interpreted_string_literal_content') {
      text += child.text;
    } else if (child?.type === 'escape_sequence') {
      text += decodeEscape(child.text);
    }
  }
  return { text, offset: node.startIndex + 1 };
}

export const STRING_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal']);

/** The package name of a file's `package` clause. */
export function packageName(root: Node): string | undefined {
  const clause = namedChildren(root).find((child) => child.type === 'package_clause');
  return clause ? namedChildren(clause)[0]?.text : undefined;
}

/** Reads a struct tag's `json:"name,omitempty"` key: the name, `null` for `json:"-"`, undefined without one. */
export function jsonTagName(tag: string): string | null | undefined {
  const match = /(?:^|\s)json:"([^"]*)"/.exec(tag);
  if (!match) {
    return undefined;
  }
  const name = match[1]!.split(',')[0]!;
  if (name === '-') {
    return null;
  }
  return name === '' ? undefined : name;
}

/** Field name to JSON name for a `struct_type` node; fields without a tag keep their Go name. */
export function structJsonNames(struct: Node): Map<string, string | null> {
  const names = new Map<string, string | null>();
  for (const field of struct.descendantsOfType('field_declaration')) {
    if (!field || field.parent?.parent?.startIndex !== struct.startIndex) {
      continue;
    }
    const tagNode = field.childForFieldName('tag');
    const tag = tagNode ? stringValue(tagNode)?.text : undefined;
    for (const name of field.childrenForFieldName('name')) {
      if (name) {
        const jsonName = tag === undefined ? undefined : jsonTagName(tag);
        names.set(name.text, jsonName === undefined ? name.text : jsonName);
      }
    }
  }
  return names;
}

export { namedChildren, shortText };
