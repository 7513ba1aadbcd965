import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { fillPlaceholders } from '../common/format-placeholders.js';
import type { CsProject } from './project.js';
import { lookupLocal, memberValue, simpleMethod, typesByName } from './scope.js';
import { interpolatedPieces, plainStringValue } from './strings.js';
import { argumentsOf, enclosingType, lastName, MAX_ANCESTORS, MAX_DEPTH, shortText, typeName, unwrap } from './syntax.js';
import { ResolveBudget } from '../common/resolve-budget.js';
import { literalText } from '../common/resolve-state.js';

/** Maximum number of follow steps for one top-level expression; stops runaway fan-out. */
const MAX_STEPS = 500;

/** Bookkeeping for one top-level resolution: the literals it read, and a step budget. */
export class ResolveState extends ResolveBudget {
  constructor() {
    super(MAX_STEPS);
  }
}

/** Parameters of a called helper method bound to the caller's argument expressions. */
export type Bindings = ReadonlyMap<string, { argument: Node | undefined; bindings: Bindings }>;
export const NO_BINDINGS: Bindings = new Map();

/** The file being read and the project around it. */
export interface CsFileContext {
  root: Node;
  /** Path relative to the scan root, for `resolvedFrom` labels. */
  relativePath: string;
  /** Absent when the file is read on its own (no cross-file lookups). */
  project: CsProject | undefined;
}

/** A value an expression refers to: a node in this file, or parts stored from another file. */
export type FollowedValue =
  | { kind: 'node'; expression: Node; bindings: Bindings; label?: string }
  | { kind: 'stored'; parts: UrlPart[]; label: string };

const STRING_TYPES = new Set(['string', 'String', 'System.String']);

const hasLiteral = (parts: readonly UrlPart[]): boolean => parts.some((part) => part.kind === 'literal');

/**
 * Turns C# expressions into URL parts: literals of every string form, interpolation, `+`,
 * `string.Format`, `string.Concat`, `new Uri(...)`, local variables, constant fields of this and
 * other types (also in other files) and one-expression helper methods. Anything else becomes a
 * dynamic part named by its source text.
 */
export class CsResolver {
  private types: Map<string, Node> | undefined;

  constructor(
    readonly ctx: CsFileContext,
    readonly state: ResolveState,
  ) {}

  parts(expression: Node, bindings: Bindings = NO_BINDINGS, depth = 0): UrlPart[] {
    const node = unwrap(expression);
    if (depth > MAX_DEPTH || !this.state.spendStep()) {
      return [this.dynamic(node)];
    }
    const plain = plainStringValue(node);
    if (plain) {
      this.state.reads.add(node.startIndex);
      return plain.text === '' ? [] : [{ kind: 'literal', text: plain.text, offset: plain.offset }];
    }
    switch (node.type) {
      case 'interpolated_string_expression':
        return this.interpolated(node, bindings, depth);
      case 'binary_expression':
        return this.concatenation(node, bindings, depth);
      case 'identifier':
      case 'member_access_expression':
        return this.name(node, bindings, depth);
      case 'invocation_expression':
        return this.invocation(node, bindings, depth);
      case 'object_creation_expression':
        return this.creation(node, bindings, depth);
      default:
        return [this.dynamic(node)];
    }
  }

  /** The string an expression always has, or undefined when any part of it is dynamic. */
  constant(expression: Node, bindings: Bindings = NO_BINDINGS, depth = 0): string | undefined {
    const node = unwrap(expression);
    if (node.type === 'integer_literal' || node.type === 'boolean_literal' || node.type === 'real_literal') {
      return node.text;
    }
    const parts = this.parts(node, bindings, depth);
    if (parts.length === 0 && plainStringValue(node) === undefined) {
      return undefined;
    }
    return literalText(parts);
  }

  dynamic(node: Node): UrlPart {
    return { kind: 'dynamic', name: shortText(node), offset: node.startIndex };
  }

  private interpolated(node: Node, bindings: Bindings, depth: number): UrlPart[] {
    this.state.reads.add(node.startIndex);
    const parts: UrlPart[] = [];
    for (const piece of interpolatedPieces(node)) {
      if ('literal' in piece) {
        if (piece.literal.text !== '') {
          parts.push({ kind: 'literal', text: piece.literal.text, offset: piece.literal.offset });
        }
      } else {
        parts.push(...this.parts(piece.expression, bindings, depth));
      }
    }
    return hasLiteral(parts) ? parts : [this.dynamic(node)];
  }

  private concatenation(node: Node, bindings: Bindings, depth: number): UrlPart[] {
    // Walks the left-leaning `a + b + c` tree without recursion.
    const right: Node[] = [];
    let current = node;
    for (let i = 0; i < MAX_ANCESTORS && current.type === 'binary_expression' && current.childForFieldName('operator')?.text === '+'; i += 1) {
      right.push(current.childForFieldName('right')!);
      current = unwrap(current.childForFieldName('left')!);
    }
    if (right.length === 0) {
      return [this.dynamic(node)];
    }
    const operands = [current, ...right.reverse()];
    const parts = operands.flatMap((operand) => this.parts(operand, bindings, depth));
    return hasLiteral(parts) ? parts : [this.dynamic(node)];
  }

  private name(node: Node, bindings: Bindings, depth: number): UrlPart[] {
    const followed = this.follow(node, bindings);
    if (!followed) {
      return [this.dynamic(node)];
    }
    if (followed.kind === 'stored') {
      const parts = followed.parts.map((part): UrlPart => {
        if (part.kind === 'dynamic') {
          return { kind: 'dynamic', name: part.name ?? shortText(node) };
        }
        return { kind: 'literal', text: part.text, resolvedFrom: followed.label };
      });
      return hasLiteral(parts) ? parts : [this.dynamic(node)];
    }
    const key = followed.expression.startIndex;
    if (this.state.active.has(key)) {
      return [this.dynamic(node)];
    }
    this.state.active.add(key);
    const parts = this.parts(followed.expression, followed.bindings, depth + 1);
    this.state.active.delete(key);
    if (!hasLiteral(parts)) {
      return [this.dynamic(node)];
    }
    const label = followed.label;
    return label === undefined ? parts : parts.map((part) => (part.kind === 'literal' && part.resolvedFrom === undefined ? { ...part, resolvedFrom: label } : part));
  }

  /**
   * Finds the value a name refers to: a helper's bound argument, a local variable, a constant
   * member of an enclosing type, or `Type.Member` of a type in this file or another one.
   */
  follow(node: Node, bindings: Bindings = NO_BINDINGS): FollowedValue | undefined {
    if (node.type === 'identifier') {
      const bound = bindings.get(node.text);
      if (bound) {
        return bound.argument ? { kind: 'node', expression: bound.argument, bindings: bound.bindings } : undefined;
      }
      const local = lookupLocal(node.text, node);
      if (local) {
        return local.kind === 'value' ? { kind: 'node', expression: local.expression, bindings } : undefined;
      }
      return this.enclosingMember(node, node.text);
    }
    if (node.type !== 'member_access_expression') {
      return undefined;
    }
    const owner = node.childForFieldName('expression');
    const member = node.childForFieldName('name')?.text;
    if (!owner || !member) {
      return undefined;
    }
    if (owner.type === 'this_expression' || owner.type === 'this' || owner.type === 'base_expression') {
      return this.enclosingMember(node, member);
    }
    const ownerName = lastName(owner);
    return ownerName ? this.typeMember(ownerName, member) : undefined;
  }

  /** A constant member of the enclosing types, innermost first. */
  private enclosingMember(use: Node, member: string): FollowedValue | undefined {
    let type = enclosingType(use);
    for (let i = 0; type && i < MAX_ANCESTORS; i += 1) {
      const value = memberValue(type, member);
      if (value) {
        return { kind: 'node', expression: value, bindings: NO_BINDINGS, label: `${typeName(type) ?? ''}.${member} (${this.ctx.relativePath})` };
      }
      type = enclosingType(type);
    }
    return undefined;
  }

  /** `Type.Member` for a type declared in this file, or else anywhere in the project. */
  private typeMember(owner: string, member: string): FollowedValue | undefined {
    const local = this.typeNamed(owner);
    if (local) {
      const value = memberValue(local, member);
      return value ? { kind: 'node', expression: value, bindings: NO_BINDINGS, label: `${owner}.${member} (${this.ctx.relativePath})` } : undefined;
    }
    const table = this.ctx.project?.typeTable(owner);
    const parts = table?.constants.get(member);
    if (!table || !parts) {
      return undefined;
    }
    return { kind: 'stored', parts, label: `${owner}.${member} (${table.file})` };
  }

  /** A type declared in this file. */
  typeNamed(name: string): Node | undefined {
    this.types ??= typesByName(this.ctx.root);
    return this.types.get(name);
  }

  private invocation(node: Node, bindings: Bindings, depth: number): UrlPart[] {
    const callee = node.childForFieldName('function');
    const args = argumentsOf(node);
    if (!callee) {
      return [this.dynamic(node)];
    }
    const calleeName = lastName(callee);
    const owner = callee.type === 'member_access_expression' ? callee.childForFieldName('expression') : null;
    const onString = owner !== null && STRING_TYPES.has(owner.text);
    if (onString && calleeName === 'Format') {
      return this.format(node, args, bindings, depth);
    }
    if (onString && calleeName === 'Concat') {
      const parts = args.flatMap((argument) => this.parts(argument, bindings, depth));
      return hasLiteral(parts) ? parts : [this.dynamic(node)];
    }
    if (onString && calleeName === 'Join' && args.length >= 2) {
      return this.join(node, args, bindings, depth);
    }
    if (calleeName === 'ToString' && owner && args.length === 0) {
      return this.parts(owner, bindings, depth);
    }
    if (callee.type === 'identifier' || (owner && (owner.type === 'this_expression' || owner.type === 'this'))) {
      return this.helperCall(node, calleeName ?? '', args, bindings, depth);
    }
    // nameof(x), Uri.EscapeDataString(x) and other calls are runtime values.
    return [this.dynamic(node)];
  }

  private format(node: Node, args: Node[], bindings: Bindings, depth: number): UrlPart[] {
    // string.Format(IFormatProvider, format, args...) puts the format second.
    let formatIndex = 0;
    if (args.length >= 2 && !hasLiteral(this.parts(args[0]!, bindings, depth))) {
      formatIndex = 1;
    }
    const format = args[formatIndex];
    if (!format) {
      return [this.dynamic(node)];
    }
    const values = args.slice(formatIndex + 1);
    const parts = fillPlaceholders(
      this.parts(format, bindings, depth),
      /\{\{|\}\}|\{(\d+)(?:,[^}:]*)?(?::[^}]*)?\}/g,
      (match) => (match[1] === undefined ? null : Number(match[1])),
      (match) => match[0][0]!,
      (index) => {
        const value = values[index];
        return value ? this.parts(value, bindings, depth) : [{ kind: 'dynamic', name: `{${index}}` }];
      },
    );
    return hasLiteral(parts) ? parts : [this.dynamic(node)];
  }

  private join(node: Node, args: Node[], bindings: Bindings, depth: number): UrlPart[] {
    const separator = this.parts(args[0]!, bindings, depth);
    const parts: UrlPart[] = [];
    args.slice(1).forEach((argument, index) => {
      if (index > 0) {
        parts.push(...separator);
      }
      parts.push(...this.parts(argument, bindings, depth));
    });
    return hasLiteral(parts) ? parts : [this.dynamic(node)];
  }

  /** A call of a one-expression method of the enclosing type, read with its parameters bound. */
  private helperCall(node: Node, name: string, args: Node[], bindings: Bindings, depth: number): UrlPart[] {
    const type = enclosingType(node);
    const method = type ? simpleMethod(type, name) : undefined;
    if (!method || this.state.active.has(method.returned.startIndex)) {
      return [this.dynamic(node)];
    }
    const bound = new Map(method.parameters.map((parameter, index) => [parameter, { argument: args[index], bindings }]));
    this.state.active.add(method.returned.startIndex);
    const parts = this.parts(method.returned, bound, depth + 1);
    this.state.active.delete(method.returned.startIndex);
    return hasLiteral(parts) ? parts : [this.dynamic(node)];
  }

  /** `new Uri(text)` is its text; `new Uri(base, relative)` joins the two. */
  private creation(node: Node, bindings: Bindings, depth: number): UrlPart[] {
    const type = node.childForFieldName('type');
    if (!type || lastName(type) !== 'Uri') {
      return [this.dynamic(node)];
    }
    const args = argumentsOf(node).filter((argument) => !/^UriKind\./.test(argument.text));
    const parts = args.slice(0, 2).flatMap((argument) => this.parts(argument, bindings, depth));
    return hasLiteral(parts) ? parts : [this.dynamic(node)];
  }
}
