import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { walk } from '../tree-sitter/parse.js';
import { dynamicPart, followOnce, literalPart, resolveDeeper, resolvedFromName, type ResolveState } from '../common/resolve-state.js';
import { macroName, macroTokens, splitArguments, tokenPath } from './tokens.js';

/** Methods that return their receiver's text, as far as the URL is concerned. */
const PASS_THROUGH_METHODS = new Set(['to_string', 'to_owned', 'into', 'as_str', 'clone', 'as_ref', 'trim', 'borrow']);
/** Functions that return their first argument's text. */
const PASS_THROUGH_FUNCTIONS = new Set(['String::from', 'Url::parse', 'reqwest::Url::parse', 'Cow::from', 'String::from_str']);

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', "'": "'", '\\': '\\' };

/** Declarations of one Rust file that string resolution looks up by name. */
export interface RustFileIndex {
  /** `const` and `static` items by name, at any nesting. */
  constants: Map<string, Node>;
  /** `use` imports: local name to full path. */
  imports: Map<string, string[]>;
  /** Struct items by name, for request bodies built as struct literals. */
  structs: Map<string, Node>;
}

export function indexRustFile(root: Node, imports: Map<string, string[]>): RustFileIndex {
  const index: RustFileIndex = { constants: new Map(), imports, structs: new Map() };
  walk(root, (node) => {
    if (node.type === 'const_item' || node.type === 'static_item') {
      const name = node.childForFieldName('name')?.text;
      const value = node.childForFieldName('value');
      if (name && value) {
        index.constants.set(name, value);
      }
      return false;
    }
    if (node.type === 'struct_item') {
      const name = node.childForFieldName('name')?.text;
      if (name) {
        index.structs.set(name, node);
      }
      return false;
    }
    return undefined;
  });
  return index;
}

/** Constants of other modules: module path (`crate::config`) and name to resolved parts. */
export type ExternalConstants = (modulePath: readonly string[], name: string) => UrlPart[] | undefined;

/** Resolves Rust expressions and macro arguments to URL parts. */
export class RustResolver {
  constructor(
    private readonly index: RustFileIndex,
    private readonly external: ExternalConstants,
  ) {}

  resolve(node: Node, state: ResolveState): UrlPart[] {
    return resolveDeeper(state, node, () => this.resolveNode(node, state));
  }

  private resolveNode(node: Node, state: ResolveState): UrlPart[] {
    switch (node.type) {
      case 'string_literal':
      case 'raw_string_literal': {
        const parts = stringParts(node);
        state.read(node.startIndex, parts.map((part) => (part.kind === 'literal' ? part.text : '')).join(''));
        return parts;
      }
      case 'reference_expression':
      case 'parenthesized_expression':
      case 'try_expression': {
        const inner = node.childForFieldName('value') ?? node.namedChildren.at(-1);
        return inner ? this.resolve(inner, state) : [dynamicPart(node.text, node.startIndex)];
      }
      case 'binary_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (node.childForFieldName('operator')?.text === '+' && left && right) {
          return [...this.resolve(left, state), ...this.resolve(right, state)];
        }
        break;
      }
      case 'identifier':
        return this.resolveName(node.text, node, state) ?? [dynamicPart(node.text, node.startIndex)];
      case 'scoped_identifier':
        return this.resolvePath(node.text.split('::').map((segment) => segment.trim()), node, state) ?? [dynamicPart(node.text, node.startIndex)];
      case 'macro_invocation':
        return this.resolveMacro(node, state) ?? [dynamicPart(node.text, node.startIndex)];
      case 'call_expression':
        return this.resolveCall(node, state) ?? [dynamicPart(node.text, node.startIndex)];
      default:
        break;
    }
    return [dynamicPart(node.text, node.startIndex)];
  }

  /** A `let` binding before `at` in its function, a parameter (dynamic), a constant or an import. */
  resolveName(name: string, at: Node, state: ResolveState): UrlPart[] | undefined {
    const local = findLetValue(at, name);
    if (local) {
      return this.follow(`let:${local.startIndex}`, local, state);
    }
    if (local === null) {
      return undefined;
    }
    const constant = this.index.constants.get(name);
    if (constant) {
      const parts = this.follow(`const:${constant.startIndex}`, constant, state);
      return parts ? resolvedFromName(parts, name) : undefined;
    }
    const imported = this.index.imports.get(name);
    return imported && imported.length >= 2 ? this.external(imported.slice(0, -1), imported.at(-1)!) : undefined;
  }

  /** `crate::config::HOST`, `config::HOST` (through `use crate::config`), `Self::HOST`. */
  resolvePath(path: readonly string[], at: Node, state: ResolveState): UrlPart[] | undefined {
    const name = path.at(-1)!;
    if (path.length === 1) {
      return this.resolveName(name, at, state);
    }
    if (path[0] === 'Self' || (path.length === 2 && this.index.constants.has(name) && !this.index.imports.has(path[0]!))) {
      const constant = this.index.constants.get(name);
      const parts = constant ? this.follow(`const:${constant.startIndex}`, constant, state) : undefined;
      return parts ? resolvedFromName(parts, path.join('::')) : undefined;
    }
    const head = this.index.imports.get(path[0]!);
    const full = head ? [...head, ...path.slice(1)] : [...path];
    return this.external(full.slice(0, -1), name);
  }

  private follow(key: string, value: Node, state: ResolveState): UrlPart[] | undefined {
    return followOnce(state, key, () => this.resolve(value, state));
  }

  private resolveCall(node: Node, state: ResolveState): UrlPart[] | undefined {
    const callee = node.childForFieldName('function');
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null);
    if (callee?.type === 'field_expression') {
      const method = callee.childForFieldName('field')?.text ?? '';
      const receiver = callee.childForFieldName('value');
      if (receiver && PASS_THROUGH_METHODS.has(method) && args.length === 0) {
        return this.resolve(receiver, state);
      }
      return undefined;
    }
    const name = callee?.text.replace(/\s/g, '') ?? '';
    if ((PASS_THROUGH_FUNCTIONS.has(name) || /::from$/.test(name)) && args[0]) {
      return this.resolve(args[0], state);
    }
    return undefined;
  }

  /** `format!`, `concat!` and their relatives; other macros stay dynamic. */
  resolveMacro(node: Node, state: ResolveState): UrlPart[] | undefined {
    const name = macroName(node);
    const tokens = macroTokens(node);
    if (!tokens) {
      return undefined;
    }
    const args = splitArguments(tokens);
    if (name === 'concat') {
      return args.flatMap((arg) => this.resolveTokens(arg, node, state));
    }
    if (name === 'format' || name === 'format_args') {
      const format = args[0];
      if (format?.length !== 1 || (format[0]!.type !== 'string_literal' && format[0]!.type !== 'raw_string_literal')) {
        return undefined;
      }
      const positional: Node[][] = [];
      const named = new Map<string, Node[]>();
      for (const arg of args.slice(1)) {
        if (arg.length >= 3 && arg[0]!.type === 'identifier' && arg[1]!.type === '=') {
          named.set(arg[0]!.text, arg.slice(2));
        } else {
          positional.push(arg);
        }
      }
      return this.expandFormat(format[0]!, positional, named, node, state);
    }
    return undefined;
  }

  /** The value of a macro argument written as tokens: a string, a path, `&x`, or a nested macro. */
  resolveTokens(tokens: readonly Node[], at: Node, state: ResolveState): UrlPart[] {
    const rest = tokens[0]?.type === '&' ? tokens.slice(1) : tokens;
    const text = tokens.map((token) => token.text).join('');
    if (rest.length === 1 && (rest[0]!.type === 'string_literal' || rest[0]!.type === 'raw_string_literal')) {
      return this.resolve(rest[0]!, state);
    }
    const path = tokenPath(rest);
    if (path) {
      return this.resolvePath(path, at, state) ?? [dynamicPart(text, tokens[0]?.startIndex)];
    }
    return [dynamicPart(text, tokens[0]?.startIndex)];
  }

  /**
   * Expands a format string: `{}` and `{0}` take positional arguments, `{name}` a named argument
   * or (inline, Rust 2021) a variable in scope; `{{` and `}}` are braces; format specs are ignored.
   */
  private expandFormat(literal: Node, positional: Node[][], named: Map<string, Node[]>, at: Node, state: ResolveState): UrlPart[] {
    const out: UrlPart[] = [];
    let next = 0;
    for (const part of this.resolve(literal, state)) {
      if (part.kind !== 'literal') {
        out.push(part);
        continue;
      }
      let buffer = '';
      let bufferStart = 0;
      const flush = (end: number): void => {
        if (buffer) {
          out.push(literalPart(buffer, part.offset === undefined ? undefined : part.offset + bufferStart, part.resolvedFrom));
        }
        buffer = '';
        bufferStart = end;
      };
      const text = part.text;
      for (let i = 0; i < text.length; i++) {
        const char = text[i]!;
        if ((char === '{' && text[i + 1] === '{') || (char === '}' && text[i + 1] === '}')) {
          if (!buffer) {
            bufferStart = i;
          }
          buffer += char;
          i += 1;
          continue;
        }
        if (char === '{') {
          const close = text.indexOf('}', i);
          if (close === -1) {
            break;
          }
          flush(close + 1);
          const spec = text.slice(i + 1, close).split(':')[0]!.trim();
          let argument: UrlPart[] | undefined;
          if (spec === '') {
            const tokens = positional[next++];
            argument = tokens ? this.resolveTokens(tokens, at, state) : undefined;
          } else if (/^\d+$/.test(spec)) {
            const tokens = positional[Number(spec)];
            argument = tokens ? this.resolveTokens(tokens, at, state) : undefined;
          } else {
            const tokens = named.get(spec);
            argument = tokens ? this.resolveTokens(tokens, at, state) : (this.resolveName(spec, at, state) ?? [dynamicPart(spec, part.offset === undefined ? undefined : part.offset + i)]);
          }
          out.push(...(argument ?? [dynamicPart(text.slice(i, close + 1), part.offset === undefined ? undefined : part.offset + i)]));
          i = close;
          bufferStart = close + 1;
          continue;
        }
        if (!buffer) {
          bufferStart = i;
        }
        buffer += char;
      }
      flush(text.length);
    }
    return out;
  }
}

/** Literal parts of a string or raw string; escapes are decoded and `\` line continuations dropped. */
function stringParts(node: Node): UrlPart[] {
  if (node.type === 'raw_string_literal') {
    const content = node.namedChildren.find((child) => child?.type === 'string_content');
    return [literalPart(content?.text ?? '', content?.startIndex ?? node.startIndex)];
  }
  const parts: UrlPart[] = [];
  for (const child of node.namedChildren) {
    if (child?.type === 'string_content') {
      parts.push(literalPart(child.text, child.startIndex));
    } else if (child?.type === 'escape_sequence') {
      const decoded = decodeEscape(child.text);
      const last = parts.at(-1);
      if (last?.kind === 'literal') {
        last.text += decoded;
      } else {
        parts.push(literalPart(decoded, child.startIndex));
      }
    }
  }
  return parts.length > 0 ? parts : [literalPart('', node.startIndex + 1)];
}

function decodeEscape(source: string): string {
  const body = source.slice(1);
  if (body.startsWith('\n') || body.startsWith('\r')) {
    return '';
  }
  if (/^x[0-9a-fA-F]{2}$/.test(body)) {
    return String.fromCharCode(Number.parseInt(body.slice(1), 16));
  }
  if (/^u\{[0-9a-fA-F_]+\}$/.test(body)) {
    return String.fromCodePoint(Number.parseInt(body.slice(2, -1).replace(/_/g, ''), 16));
  }
  return ESCAPES[body] ?? source;
}

/** Nodes that start a new scope for `let` bindings. */
const FUNCTION_SCOPES = new Set(['function_item', 'closure_expression']);

/**
 * The value of the latest `let name = value` before `use` in its function (or closure and the
 * function around it). Returns null for a parameter or a binding without a value, and undefined
 * when the name is not local.
 * NOTE: control flow and shadowing in inner blocks are ignored.
 */
export function findLetValue(use: Node, name: string): Node | null | undefined {
  let scope: Node | null = use.parent;
  for (let hops = 0; scope && hops < 8; hops++) {
    while (scope && !FUNCTION_SCOPES.has(scope.type)) {
      scope = scope.parent;
    }
    if (!scope) {
      return undefined;
    }
    let best: Node | null | undefined;
    let bestAt = -1;
    const fnScope = scope;
    walk(fnScope, (node) => {
      if (node.startIndex >= use.startIndex) {
        return false;
      }
      if (node !== fnScope && FUNCTION_SCOPES.has(node.type) && !(node.startIndex <= use.startIndex && use.endIndex <= node.endIndex)) {
        return false;
      }
      if (node.type === 'let_declaration' && node.childForFieldName('pattern')?.text.replace(/^mut\s+/, '') === name && node.startIndex > bestAt) {
        best = node.childForFieldName('value') ?? null;
        bestAt = node.startIndex;
      } else if ((node.type === 'parameter' || node.type === 'closure_parameters') && node !== fnScope) {
        const pattern = node.type === 'parameter' ? node.childForFieldName('pattern')?.text.replace(/^mut\s+/, '') : undefined;
        if ((pattern === name || (node.type === 'closure_parameters' && node.text.replace(/[|\s]/g, '').split(',').some((p) => p.split(':')[0] === name))) && node.startIndex > bestAt) {
          best = null;
          bestAt = node.startIndex;
        }
      }
      return undefined;
    });
    if (best !== undefined) {
      return best;
    }
    scope = scope.type === 'closure_expression' ? scope.parent : null;
  }
  return undefined;
}
