import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { fillPlaceholders } from '../common/format-placeholders.js';
import type { GoPackage } from './package.js';
import { lookupLocal, packageValues } from './scope.js';
import { argumentsOf, calleeParts, MAX_ANCESTORS, MAX_DEPTH, namedChildren, shortText, stringValue, unwrap } from './syntax.js';
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

export interface GoFileContext {
  root: Node;
  /** Absolute path, so the package can leave this file out. */
  path: string;
  relativePath: string;
  pkg: GoPackage | undefined;
}

/** A value a name refers to: a node in this file, or parts resolved in a sibling file. */
export type FollowedValue = { kind: 'node'; expression: Node; index: number; label?: string } | { kind: 'stored'; parts: UrlPart[]; label: string };

const hasLiteral = (parts: readonly UrlPart[]): boolean => parts.some((part) => part.kind === 'literal');

/** `%s`, `%v`, `%q`, `%d` and other verbs of `fmt.Sprintf`; `%%` stands for `%`. */
const PRINTF_VERB = /%%|%[-+# 0]*(?:\d+|\*)?(?:\.\d+)?[a-zA-Z]/g;

/** Functions whose first argument passes through unchanged for URL purposes. */
const PASS_THROUGH = new Set(['strings.TrimSuffix', 'strings.TrimRight', 'strings.TrimSpace', 'strings.TrimPrefix']);

export function enclosingFunction(node: Node): Node | undefined {
  let current = node.parent;
  for (let i = 0; current && i < MAX_ANCESTORS; i += 1) {
    if (current.type === 'function_declaration' || current.type === 'method_declaration' || current.type === 'func_literal') {
      return current;
    }
    current = current.parent;
  }
  return undefined;
}

/**
 * Turns Go expressions into URL parts: interpreted and raw literals, `+`, `fmt.Sprintf`,
 * `fmt.Sprint`, `strings.Join`, `url.JoinPath`, `path.Join`, `url.Parse(...).String()` with a
 * `RawQuery` built from `url.Values`, local variables and package-level constants and variables
 * (also in the other files of the package). Anything else becomes a dynamic part.
 */
export class GoResolver {
  private values: Map<string, Node> | undefined;

  constructor(
    readonly ctx: GoFileContext,
    readonly state: ResolveState,
  ) {}

  parts(expression: Node, depth = 0): UrlPart[] {
    const node = unwrap(expression);
    if (depth > MAX_DEPTH || !this.state.spendStep()) {
      return [this.dynamic(node)];
    }
    const literal = stringValue(node);
    if (literal) {
      this.state.reads.add(node.startIndex);
      return literal.text === '' ? [] : [{ kind: 'literal', text: literal.text, offset: literal.offset }];
    }
    if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+') {
      return this.concatenation(node, depth);
    }
    if (node.type === 'identifier') {
      return this.name(node, depth);
    }
    if (node.type === 'call_expression') {
      return this.call(node, depth);
    }
    return [this.dynamic(node)];
  }

  /** The string an expression always has, or undefined when any part of it is dynamic. */
  constant(expression: Node, depth = 0): string | undefined {
    const node = unwrap(expression);
    if (node.type === 'int_literal' || node.type === 'true' || node.type === 'false' || node.type === 'float_literal') {
      return node.text;
    }
    const parts = this.parts(node, depth);
    if (parts.length === 0 && !stringValue(node)) {
      return undefined;
    }
    return literalText(parts);
  }

  dynamic(node: Node): UrlPart {
    return { kind: 'dynamic', name: shortText(node), offset: node.startIndex };
  }

  private concatenation(node: Node, depth: number): UrlPart[] {
    const right: Node[] = [];
    let current = node;
    for (let i = 0; i < MAX_ANCESTORS && current.type === 'binary_expression' && current.childForFieldName('operator')?.text === '+'; i += 1) {
      right.push(current.childForFieldName('right')!);
      current = unwrap(current.childForFieldName('left')!);
    }
    const parts = [current, ...right.reverse()].flatMap((operand) => this.parts(operand, depth));
    return hasLiteral(parts) ? parts : [this.dynamic(node)];
  }

  /** Finds what an identifier names: a local, a package-level value of this file, or one of a sibling file. */
  follow(node: Node): FollowedValue | undefined {
    if (node.type !== 'identifier') {
      return undefined;
    }
    const local = lookupLocal(node.text, node);
    if (local) {
      return local.kind === 'value' ? { kind: 'node', expression: local.expression, index: local.index } : undefined;
    }
    this.values ??= packageValues(this.ctx.root);
    const value = this.values.get(node.text);
    if (value) {
      return { kind: 'node', expression: value, index: 0, label: `${node.text} (${this.ctx.relativePath})` };
    }
    const stored = this.ctx.pkg?.value(node.text, this.ctx.path);
    return stored ? { kind: 'stored', parts: stored.parts, label: `${node.text} (${stored.file})` } : undefined;
  }

  private name(node: Node, depth: number): UrlPart[] {
    const followed = this.follow(node);
    if (!followed) {
      return [this.dynamic(node)];
    }
    if (followed.kind === 'stored') {
      const parts = followed.parts.map((part): UrlPart => (part.kind === 'literal' ? { kind: 'literal', text: part.text, resolvedFrom: followed.label } : { kind: 'dynamic', name: part.name ?? node.text }));
      return hasLiteral(parts) ? parts : [this.dynamic(node)];
    }
    const value = unwrap(followed.expression);
    // `u, err := url.Parse(x)` keeps index 0 only; other results of a call are not strings we read.
    if (followed.index > 0 || this.state.active.has(value.startIndex)) {
      return [this.dynamic(node)];
    }
    this.state.active.add(value.startIndex);
    const parts = this.parts(value, depth + 1);
    this.state.active.delete(value.startIndex);
    if (!hasLiteral(parts)) {
      return [this.dynamic(node)];
    }
    const label = followed.label;
    return label === undefined ? parts : parts.map((part) => (part.kind === 'literal' && part.resolvedFrom === undefined ? { ...part, resolvedFrom: label } : part));
  }

  private call(node: Node, depth: number): UrlPart[] {
    const { operand, name } = calleeParts(node);
    const qualified = operand && name ? `${operand.text}.${name}` : name ?? '';
    const args = argumentsOf(node);
    let parts: UrlPart[];
    if (qualified === 'fmt.Sprintf' && args[0]) {
      const values = args.slice(1);
      parts = fillPlaceholders(
        this.parts(args[0], depth),
        PRINTF_VERB,
        (match, sequential) => (match[0] === '%%' ? null : sequential),
        () => '%',
        (index) => (values[index] ? this.parts(values[index], depth) : [{ kind: 'dynamic', name: `%!(MISSING)` }]),
      );
    } else if (qualified === 'fmt.Sprint') {
      parts = args.flatMap((argument) => this.parts(argument, depth));
    } else if (qualified === 'strings.Join' && args.length === 2) {
      parts = this.joinElements(this.sliceElements(args[0]!), args[1]!, depth);
    } else if (qualified === 'url.JoinPath' || qualified === 'path.Join') {
      parts = this.joinPath(args, depth);
    } else if (PASS_THROUGH.has(qualified) && args[0]) {
      parts = this.parts(args[0], depth);
    } else if (qualified === 'url.Parse' && args[0]) {
      parts = this.parts(args[0], depth);
    } else if (name === 'String' && operand && args.length === 0) {
      parts = this.urlString(operand, depth);
    } else if (name === 'Encode' && operand?.type === 'identifier' && args.length === 0) {
      parts = this.queryOf(operand, depth);
    } else {
      return [this.dynamic(node)];
    }
    return hasLiteral(parts) ? parts : [this.dynamic(node)];
  }

  /** Elements of `[]string{a, b}` written in place or bound to a local variable. */
  private sliceElements(expression: Node): Node[] | undefined {
    let node = unwrap(expression);
    if (node.type === 'identifier') {
      const followed = this.follow(node);
      if (followed?.kind !== 'node') {
        return undefined;
      }
      node = unwrap(followed.expression);
    }
    const body = node.type === 'composite_literal' ? node.childForFieldName('body') : null;
    return body ? namedChildren(body).map((element) => unwrap(element.namedChild(0) ?? element)) : undefined;
  }

  private joinElements(elements: Node[] | undefined, separator: Node, depth: number): UrlPart[] {
    if (!elements) {
      return [];
    }
    const between = this.parts(separator, depth);
    return elements.flatMap((element, index) => [...(index > 0 ? between : []), ...this.parts(element, depth)]);
  }

  /** `path.Join(a, b)` and `url.JoinPath(base, a, b)` put one `/` between elements. */
  private joinPath(args: Node[], depth: number): UrlPart[] {
    const parts: UrlPart[] = [];
    for (const argument of args) {
      const next = this.parts(argument, depth);
      const last = parts.at(-1);
      const first = next[0];
      const endsWithSlash = last?.kind === 'literal' && last.text.endsWith('/');
      const startsWithSlash = first?.kind === 'literal' && first.text.startsWith('/');
      if (parts.length > 0 && !endsWithSlash && !startsWithSlash) {
        parts.push({ kind: 'literal', text: '/' });
      }
      parts.push(...next);
    }
    return parts;
  }

  /** `u.String()` for `u, _ := url.Parse(x)`: the parsed text plus a query set through `u.RawQuery`. */
  private urlString(operand: Node, depth: number): UrlPart[] {
    if (operand.type !== 'identifier') {
      return [this.dynamic(operand)];
    }
    const base = this.parts(operand, depth);
    const fn = enclosingFunction(operand);
    for (const assignment of fn ? fn.descendantsOfType('assignment_statement') : []) {
      const left = assignment?.childForFieldName('left');
      const right = assignment?.childForFieldName('right');
      if (!assignment || !right || left?.text.replace(/\s/g, '') !== `${operand.text}.RawQuery` || assignment.startIndex > operand.startIndex) {
        continue;
      }
      const query = namedChildren(right).flatMap((value) => this.parts(value, depth));
      return [...base, { kind: 'literal', text: '?' }, ...query];
    }
    return base;
  }

  /**
   * `q.Encode()` for `q := url.Values{}` (or `u.Query()`): the `q.Set(k, v)` and `q.Add(k, v)`
   * calls of the function before the use, in source order, as `k=v&...`.
   * NOTE: keys are not sorted as `Encode` sorts them, and values are not escaped.
   */
  private queryOf(values: Node, depth: number): UrlPart[] {
    const fn = enclosingFunction(values);
    const parts: UrlPart[] = [];
    for (const call of fn ? fn.descendantsOfType('call_expression') : []) {
      if (!call || call.startIndex > values.startIndex) {
        continue;
      }
      const { operand, name } = calleeParts(call);
      const args = argumentsOf(call);
      if (operand?.text !== values.text || (name !== 'Set' && name !== 'Add') || args.length !== 2) {
        continue;
      }
      if (parts.length > 0) {
        parts.push({ kind: 'literal', text: '&' });
      }
      parts.push(...this.parts(args[0]!, depth), { kind: 'literal', text: '=' }, ...this.parts(args[1]!, depth));
    }
    return parts;
  }
}
