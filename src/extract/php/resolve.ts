import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { walk } from '../tree-sitter/parse.js';
import { expandPrintf } from '../common/printf.js';
import { dynamicPart, followOnce, literalPart, resolveDeeper, resolvedFromName, type ResolveState } from '../common/resolve-state.js';

/** Double-quoted string escapes with a one-character value. */
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', v: '\v', e: '\x1b', f: '\f', $: '$', '"': '"', '\\': '\\', "'": "'" };

/** Functions that return their first argument's text, as far as the URL is concerned. */
const PASS_THROUGH = new Set(['rtrim', 'ltrim', 'trim', 'strval', 'urlencode', 'rawurlencode']);

/** Nodes that start a new scope for variables. */
export const FUNCTION_SCOPES = new Set(['function_definition', 'method_declaration', 'anonymous_function', 'anonymous_function_creation_expression', 'arrow_function', 'program']);

/** Declarations of one PHP file that string resolution looks up by name. */
export interface PhpFileIndex {
  /** `const X = ...` outside classes and `define('X', ...)`. */
  constants: Map<string, Node>;
  /** Class constants and property initialisers by class name, then name (`BASE`, `$base`). */
  classMembers: Map<string, Map<string, Node>>;
}

export function indexPhpFile(root: Node): PhpFileIndex {
  const index: PhpFileIndex = { constants: new Map(), classMembers: new Map() };
  walk(root, (node) => {
    if (node.type === 'const_element') {
      const name = node.namedChildren.find((child) => child?.type === 'name')?.text;
      const value = node.namedChildren.at(-1);
      const owner = enclosingClassName(node);
      if (name && value && value.type !== 'name') {
        memberTable(index, owner).set(name, value);
      }
    } else if (node.type === 'property_element') {
      const name = node.childForFieldName('name')?.text;
      const value = node.childForFieldName('default_value');
      const owner = enclosingClassName(node);
      if (name && value && owner) {
        memberTable(index, owner).set(name, value);
      }
    } else if (node.type === 'function_call_expression' && node.childForFieldName('function')?.text.toLowerCase() === 'define') {
      const args = argumentValues(node);
      const name = args[0]?.type === 'string' ? args[0].text.slice(1, -1) : undefined;
      if (name && args[1]) {
        index.constants.set(name, args[1]);
      }
    }
    return undefined;
  });
  return index;
}

function memberTable(index: PhpFileIndex, owner: string | undefined): Map<string, Node> {
  if (!owner) {
    return index.constants;
  }
  let table = index.classMembers.get(owner);
  if (!table) {
    table = new Map();
    index.classMembers.set(owner, table);
  }
  return table;
}

export function enclosingClassName(node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'class_declaration' || current.type === 'interface_declaration' || current.type === 'trait_declaration' || current.type === 'enum_declaration') {
      return current.childForFieldName('name')?.text;
    }
  }
  return undefined;
}

/** The value expressions of a call's arguments (`argument` nodes unwrapped). */
export function argumentValues(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return (list?.namedChildren ?? [])
    .filter((arg): arg is Node => arg !== null && arg.type === 'argument')
    .map((arg) => arg.namedChildren.at(-1))
    .filter((arg): arg is Node => arg !== null && arg !== undefined);
}

/** Resolves PHP expressions to URL parts, following variables, constants and class constants. */
export class PhpResolver {
  constructor(private readonly index: PhpFileIndex) {}

  resolve(node: Node, state: ResolveState): UrlPart[] {
    return resolveDeeper(state, node, () => this.resolveNode(node, state));
  }

  private resolveNode(node: Node, state: ResolveState): UrlPart[] {
    switch (node.type) {
      case 'string':
      case 'encapsed_string':
      case 'heredoc':
      case 'nowdoc': {
        const parts = this.stringParts(node, state);
        state.read(node.startIndex, parts.map((part) => (part.kind === 'literal' ? part.text : '')).join(''));
        return parts;
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren[0];
        return inner ? this.resolve(inner, state) : [dynamicPart(node.text, node.startIndex)];
      }
      case 'binary_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (node.childForFieldName('operator')?.text === '.' && left && right) {
          return [...this.resolve(left, state), ...this.resolve(right, state)];
        }
        break;
      }
      case 'variable_name':
        return this.resolveVariable(node, state);
      case 'name': {
        const value = this.index.constants.get(node.text);
        const parts = value ? this.follow(`const:${value.startIndex}`, value, state) : undefined;
        return parts ? resolvedFromName(parts, node.text) : [dynamicPart(node.text, node.startIndex)];
      }
      case 'class_constant_access_expression':
        return this.resolveClassConstant(node, state);
      case 'member_access_expression':
        return this.resolveProperty(node, state);
      case 'function_call_expression':
        return this.resolveCall(node, state);
      default:
        break;
    }
    return [dynamicPart(node.text, node.startIndex)];
  }

  /** Literal parts of a string, with `$var` and `{$obj->x}` interpolations resolved where possible. */
  private stringParts(node: Node, state: ResolveState): UrlPart[] {
    const single = node.type === 'string' || node.type === 'nowdoc';
    const container = node.type === 'heredoc' || node.type === 'nowdoc' ? node.childForFieldName('value') : node;
    const parts: UrlPart[] = [];
    const stack: Node[] = container ? [...container.namedChildren].filter((child): child is Node => child !== null).reverse() : [];
    while (stack.length > 0) {
      const child = stack.pop()!;
      if (child.type === 'string_content' || child.type === 'nowdoc_string' || child.type === 'string_value') {
        parts.push(literalPart(child.text, child.startIndex));
      } else if (child.type === 'escape_sequence') {
        const decoded = single ? child.text.slice(1) : decodeEscape(child.text);
        const last = parts.at(-1);
        if (last?.kind === 'literal') {
          last.text += decoded;
        } else {
          parts.push(literalPart(decoded, child.startIndex));
        }
      } else if (child.type === 'text_interpolation' || child.type === 'heredoc_body' || child.type === 'nowdoc_body') {
        stack.push(...[...child.namedChildren].filter((inner): inner is Node => inner !== null).reverse());
      } else {
        parts.push(...this.resolve(child, state));
      }
    }
    return parts.length > 0 ? parts : [literalPart('', node.startIndex + 1)];
  }

  private follow(key: string, value: Node, state: ResolveState): UrlPart[] | undefined {
    return followOnce(state, key, () => this.resolve(value, state));
  }

  private resolveVariable(node: Node, state: ResolveState): UrlPart[] {
    const value = findAssignedValue(node, node.text);
    const parts = value ? this.follow(`var:${value.startIndex}`, value, state) : undefined;
    return parts ?? [dynamicPart(node.text, node.startIndex)];
  }

  private resolveClassConstant(node: Node, state: ResolveState): UrlPart[] {
    const scope = node.namedChildren[0];
    const name = node.namedChildren.at(-1)?.text;
    const className = scope?.type === 'relative_scope' ? enclosingClassName(node) : scope?.text.split('\\').pop();
    const value = className && name ? this.index.classMembers.get(className)?.get(name) : undefined;
    const parts = value ? this.follow(`const:${value.startIndex}`, value, state) : undefined;
    return parts ? resolvedFromName(parts, `${className}::${name}`) : [dynamicPart(node.text, node.startIndex)];
  }

  /** `$this->base`: the property's initialiser, or the latest `$this->base = ...` in its class. */
  private resolveProperty(node: Node, state: ResolveState): UrlPart[] {
    const object = node.childForFieldName('object');
    const name = node.childForFieldName('name')?.text;
    const className = enclosingClassName(node);
    if (object?.text === '$this' && name && className) {
      const value = this.index.classMembers.get(className)?.get(`$${name}`) ?? findPropertyAssignment(node, name);
      const parts = value ? this.follow(`prop:${value.startIndex}`, value, state) : undefined;
      if (parts) {
        return resolvedFromName(parts, `$this->${name}`);
      }
    }
    return [dynamicPart(node.text, node.startIndex)];
  }

  private resolveCall(node: Node, state: ResolveState): UrlPart[] {
    const name = node.childForFieldName('function')?.text.toLowerCase().replace(/^\\/, '') ?? '';
    const args = argumentValues(node);
    if ((name === 'sprintf' || name === 'vsprintf') && args[0]) {
      const rest = name === 'sprintf' ? args.slice(1).map((arg) => this.resolve(arg, state)) : [];
      return expandPrintf(this.resolve(args[0], state), rest);
    }
    if (PASS_THROUGH.has(name) && args[0]) {
      return this.resolve(args[0], state);
    }
    if (name === 'constant' && args[0]?.type === 'string') {
      const value = this.index.constants.get(args[0].text.slice(1, -1));
      if (value) {
        return this.follow(`const:${value.startIndex}`, value, state) ?? [dynamicPart(node.text, node.startIndex)];
      }
    }
    return [dynamicPart(node.text, node.startIndex)];
  }
}

function decodeEscape(source: string): string {
  const body = source.slice(1);
  if (/^x[0-9a-fA-F]{1,2}$/.test(body)) {
    return String.fromCharCode(Number.parseInt(body.slice(1), 16));
  }
  if (/^u\{[0-9a-fA-F]+\}$/.test(body)) {
    return String.fromCodePoint(Number.parseInt(body.slice(2, -1), 16));
  }
  return ESCAPES[body] ?? source;
}

/** The function, method or file scope around `node`. */
export function enclosingScope(node: Node): Node | null {
  let scope = node.parent;
  while (scope && !FUNCTION_SCOPES.has(scope.type)) {
    scope = scope.parent;
  }
  return scope;
}

/**
 * The value of the latest `$name = value` before `use` in its scope, or undefined (a parameter,
 * a global, a variable the code does not assign).
 * NOTE: control flow is ignored, so an assignment in one branch wins over one in another.
 */
export function findAssignedValue(use: Node, name: string): Node | undefined {
  const scope = enclosingScope(use);
  if (!scope) {
    return undefined;
  }
  let best: Node | undefined;
  let bestAt = -1;
  walk(scope, (node) => {
    if (node.startIndex >= use.startIndex) {
      return false;
    }
    if (node !== scope && FUNCTION_SCOPES.has(node.type)) {
      return false;
    }
    if (node.type === 'assignment_expression' && node.childForFieldName('left')?.text === name && node.endIndex <= use.startIndex) {
      const right = node.childForFieldName('right');
      if (right && node.startIndex > bestAt) {
        best = right;
        bestAt = node.startIndex;
      }
    }
    return undefined;
  });
  return best;
}

/** The latest `$this->name = value` anywhere in the class around `node`. */
function findPropertyAssignment(node: Node, name: string): Node | undefined {
  let owner = node.parent;
  while (owner && owner.type !== 'class_declaration' && owner.type !== 'trait_declaration') {
    owner = owner.parent;
  }
  let found: Node | undefined;
  if (owner) {
    walk(owner, (candidate) => {
      if (candidate.type === 'assignment_expression' && candidate.childForFieldName('left')?.text.replace(/\s/g, '') === `$this->${name}`) {
        found = candidate.childForFieldName('right') ?? found;
      }
      return undefined;
    });
  }
  return found;
}
