import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import type { ClassConstants, JavaFileIndex } from './file-index.js';
import { enclosingTypeName } from './file-index.js';
import { expandPrintf } from '../common/printf.js';
import { dynamicPart, followOnce, resolveDeeper, resolvedFromName, type ResolveState } from '../common/resolve-state.js';
import { stringLiteralParts } from './strings.js';

/** Calls that return their (first) argument's text unchanged, as far as the URL is concerned. */
const PASS_THROUGH_STATIC = new Set(['URI.create', 'String.valueOf', 'Objects.requireNonNull', 'URI.parse', 'HttpUrl.parse', 'HttpUrl.get']);
const PASS_THROUGH_METHODS = new Set(['toString', 'trim', 'strip', 'intern', 'toURI', 'toUri']);

/** Nodes that start a new scope for local variables. */
const BODY_OWNERS = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression', 'static_initializer', 'compact_constructor_declaration']);

/** Resolves Java expressions to URL parts, following locals, fields and constants of other classes. */
export class JavaResolver {
  constructor(
    private readonly index: JavaFileIndex,
    private readonly external: ReadonlyMap<string, ClassConstants>,
  ) {}

  resolve(node: Node, state: ResolveState): UrlPart[] {
    return resolveDeeper(state, node, () => this.resolveNode(node, state));
  }

  private resolveNode(node: Node, state: ResolveState): UrlPart[] {
    switch (node.type) {
      case 'string_literal': {
        const parts = stringLiteralParts(node);
        state.read(node.startIndex, parts.map((part) => (part.kind === 'literal' ? part.text : '')).join(''));
        return parts;
      }
      case 'parenthesized_expression':
      case 'cast_expression': {
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
        return this.resolveName(node, state);
      case 'field_access':
        return this.resolveFieldAccess(node, state);
      case 'method_invocation':
        return this.resolveInvocation(node, state) ?? [dynamicPart(node.text, node.startIndex)];
      case 'object_creation_expression': {
        // `new URI(url)`, `new URL(url)`, `new StringBuilder(base)`: the argument is the text.
        const type = node.childForFieldName('type')?.text;
        const first = node.childForFieldName('arguments')?.namedChildren[0];
        if (first && (type === 'URI' || type === 'URL' || type === 'String')) {
          return this.resolve(first, state);
        }
        break;
      }
      default:
        break;
    }
    return [dynamicPart(node.text, node.startIndex)];
  }

  /** A local variable (latest declaration or assignment before the use), a field or a static import. */
  private resolveName(node: Node, state: ResolveState): UrlPart[] {
    const name = node.text;
    const local = findLocalValue(node, name);
    if (local) {
      return this.follow(`local:${local.startIndex}`, local, state) ?? [dynamicPart(name, node.startIndex)];
    }
    if (local === null) {
      // A parameter or a variable without a value the code shows.
      return [dynamicPart(name, node.startIndex)];
    }
    const owner = enclosingTypeName(node);
    const field = (owner ? this.index.classFields.get(owner)?.get(name) : undefined) ?? this.anyField(name);
    if (field) {
      const parts = this.follow(`field:${field.startIndex}`, field, state);
      return parts ? resolvedFromName(parts, name) : [dynamicPart(name, node.startIndex)];
    }
    for (const className of this.index.staticImports.get(name) ?? this.index.staticImports.get('*') ?? []) {
      const parts = this.external.get(className)?.get(name);
      if (parts) {
        return parts;
      }
    }
    return [dynamicPart(name, node.startIndex)];
  }

  private anyField(name: string): Node | undefined {
    for (const fields of this.index.classFields.values()) {
      const value = fields.get(name);
      if (value) {
        return value;
      }
    }
    return undefined;
  }

  private follow(key: string, value: Node, state: ResolveState): UrlPart[] | undefined {
    return followOnce(state, key, () => this.resolve(value, state));
  }

  private resolveFieldAccess(node: Node, state: ResolveState): UrlPart[] {
    const object = node.childForFieldName('object');
    const field = node.childForFieldName('field')?.text;
    if (!object || !field) {
      return [dynamicPart(node.text, node.startIndex)];
    }
    if (object.type === 'this') {
      const owner = enclosingTypeName(node);
      const value = owner ? this.index.classFields.get(owner)?.get(field) : undefined;
      const parts = value ? this.follow(`field:${value.startIndex}`, value, state) : undefined;
      return parts ? resolvedFromName(parts, field) : [dynamicPart(node.text, node.startIndex)];
    }
    // `Endpoints.BASE` or `com.example.Endpoints.BASE`: the last identifier before the field names the class.
    const className = object.type === 'field_access' ? object.childForFieldName('field')?.text : object.text;
    if (className) {
      const local = this.index.classFields.get(className)?.get(field);
      if (local) {
        const parts = this.follow(`field:${local.startIndex}`, local, state);
        if (parts) {
          return resolvedFromName(parts, `${className}.${field}`);
        }
      }
      const external = this.external.get(className)?.get(field);
      if (external) {
        return external;
      }
    }
    return [dynamicPart(node.text, node.startIndex)];
  }

  private resolveInvocation(node: Node, state: ResolveState): UrlPart[] | undefined {
    const object = node.childForFieldName('object');
    const name = node.childForFieldName('name')?.text ?? '';
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null);
    const qualified = object ? `${object.text}.${name}` : name;
    if (qualified === 'String.format' && args.length > 0) {
      // `String.format(Locale.ROOT, fmt, args...)` puts a locale first.
      const formatIndex = args[0]!.type === 'string_literal' || args.length === 1 ? 0 : isLocale(args[0]!) ? 1 : 0;
      const format = this.resolve(args[formatIndex]!, state);
      return expandPrintf(format, args.slice(formatIndex + 1).map((arg) => this.resolve(arg, state)));
    }
    if (name === 'formatted' && object) {
      return expandPrintf(this.resolve(object, state), args.map((arg) => this.resolve(arg, state)));
    }
    if (PASS_THROUGH_STATIC.has(qualified) && args[0]) {
      return this.resolve(args[0], state);
    }
    if (name === 'concat' && object && args[0]) {
      return [...this.resolve(object, state), ...this.resolve(args[0], state)];
    }
    if (PASS_THROUGH_METHODS.has(name) && object && args.length === 0) {
      return this.resolve(object, state);
    }
    return undefined;
  }
}

function isLocale(node: Node): boolean {
  return /^(java\.util\.)?Locale\b/.test(node.text) || /locale/i.test(node.text);
}

/**
 * Finds the value of a local variable at `use`: the latest declaration or plain assignment before
 * it in the enclosing method, lambda or initializer. Returns null for a parameter or a variable
 * declared without a value, and undefined when the name is not local.
 * NOTE: control flow is ignored, so an assignment in one branch wins over one in another.
 */
export function findLocalValue(use: Node, name: string): Node | null | undefined {
  let scope: Node | null = use.parent;
  while (scope && !BODY_OWNERS.has(scope.type)) {
    scope = scope.parent;
  }
  for (; scope; scope = nextBodyOwner(scope)) {
    let best: Node | null | undefined;
    let bestAt = -1;
    const stack: Node[] = [scope];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.startIndex >= use.startIndex) {
        continue;
      }
      if ((node.type === 'variable_declarator' || node.type === 'formal_parameter' || node.type === 'inferred_parameters') && node.parent?.type !== 'field_declaration') {
        const declared = node.type === 'inferred_parameters' ? node.namedChildren.find((child) => child?.text === name) : node.childForFieldName('name');
        if (declared?.text === name && node.startIndex > bestAt) {
          best = node.type === 'variable_declarator' ? (node.childForFieldName('value') ?? null) : null;
          bestAt = node.startIndex;
        }
      } else if (node.type === 'assignment_expression' && node.childForFieldName('left')?.text === name && node.childForFieldName('operator')?.text === '=') {
        const right = node.childForFieldName('right');
        if (right && node.startIndex > bestAt && node.endIndex <= use.startIndex) {
          best = right;
          bestAt = node.startIndex;
        }
      } else if (scope.type === 'lambda_expression' && node === scope.childForFieldName('parameters') && node.text.replace(/[()\s]/g, '').split(',').includes(name)) {
        best = null;
        bestAt = node.startIndex;
      }
      for (let i = node.childCount - 1; i >= 0; i--) {
        const child = node.child(i);
        if (child && !(child !== scope && BODY_OWNERS.has(child.type) && child.type !== 'lambda_expression')) {
          stack.push(child);
        }
      }
    }
    if (best !== undefined) {
      return best;
    }
  }
  return undefined;
}

/** The next enclosing method or lambda, for lambdas that read variables of the method around them. */
function nextBodyOwner(node: Node): Node | null {
  if (node.type !== 'lambda_expression') {
    return null;
  }
  let current = node.parent;
  while (current && !BODY_OWNERS.has(current.type)) {
    current = current.parent;
  }
  return current;
}
