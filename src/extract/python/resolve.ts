import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { MAX_DEPTH, shortText, unwrap, type PyContext } from './context.js';
import { dottedNames } from './scopes.js';
import { isBytes, stringPieces } from './strings.js';
import { formatWithBraces, formatWithPercent } from './format.js';
import { ResolveBudget } from '../common/resolve-budget.js';
import { boundValue } from './parameters.js';
import { literalText, resolvedFromName } from '../common/resolve-state.js';

/** Maximum number of follow steps for one top-level expression; stops runaway fan-out. */
const MAX_STEPS = 2_000;

/** Bookkeeping for one top-level resolution: the literals it read, and a step budget. */
export class ResolveState extends ResolveBudget {
  /** URL parts that the outermost call's own arguments gave a helper's parameters. */
  readonly callerArgumentParts: UrlPart[] = [];

  constructor() {
    super(MAX_STEPS);
  }
}

export function dynamicPart(node: Node, ctx: PyContext, name = shortText(node)): UrlPart {
  return ctx.sameFile ? { kind: 'dynamic', name, offset: node.startIndex } : { kind: 'dynamic', name };
}

function literal(text: string, offset: number | undefined, ctx: PyContext): UrlPart {
  return ctx.sameFile && offset !== undefined ? { kind: 'literal', text, offset } : { kind: 'literal', text };
}

/** Resolves an expression to a string when it is fully known (a method name, a dict key). */
export function resolveText(node: Node, ctx: PyContext, state: ResolveState, depth = 0): string | undefined {
  return literalText(resolveParts(node, ctx, state, depth));
}

/** Last name of a callee: `urljoin` for `urllib.parse.urljoin`, `join` for `'/'.join`. */
export function calleeName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') {
    return callee.text;
  }
  return callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
}

/** Positional arguments of a call (keyword arguments and splats left out). */
export function positionalArguments(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return (list?.namedChildren ?? []).filter(
    (child): child is Node => child !== null && !['keyword_argument', 'list_splat', 'dictionary_splat', 'comment'].includes(child.type),
  );
}

/** Finds the value of a keyword argument, such as `json=` or `base_url=`. */
export function keywordArgument(call: Node, name: string): Node | undefined {
  const list = call.childForFieldName('arguments');
  for (const child of list?.namedChildren ?? []) {
    if (child?.type === 'keyword_argument' && child.childForFieldName('name')?.text === name) {
      return child.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/**
 * Turns an expression into URL parts. It reads string literals and f-strings, implicit joining,
 * `+`, `%` and `.format()`, `urljoin`, `posixpath.join` and `'/'.join([...])`, local and module
 * names, `self.x` and class attributes, and constants of imported modules. Anything else becomes
 * a dynamic part named by its source text.
 */
export function resolveParts(expression: Node, ctx: PyContext, state: ResolveState, depth = 0): UrlPart[] {
  const node = unwrap(expression);
  if (depth > MAX_DEPTH || !state.spendStep() || state.active.has(node.id)) {
    return [dynamicPart(node, ctx)];
  }
  state.active.add(node.id);
  try {
    return resolveNode(node, ctx, state, depth);
  } finally {
    state.active.delete(node.id);
  }
}

function resolveNode(node: Node, ctx: PyContext, state: ResolveState, depth: number): UrlPart[] {
  switch (node.type) {
    case 'string':
      return resolveString(node, ctx, state, depth);
    case 'concatenated_string':
      return node.namedChildren.filter((child): child is Node => child?.type === 'string').flatMap((child) => resolveString(child, ctx, state, depth));
    case 'integer':
      return [literal(node.text, node.startIndex, ctx)];
    case 'binary_operator':
      return resolveBinary(node, ctx, state, depth);
    case 'call':
      return resolveCall(node, ctx, state, depth);
    case 'identifier':
      return resolveName(node, ctx, state, depth);
    case 'attribute':
      return resolveAttribute(node, ctx, state, depth);
    default:
      return [dynamicPart(node, ctx)];
  }
}

function resolveString(node: Node, ctx: PyContext, state: ResolveState, depth: number): UrlPart[] {
  if (isBytes(node)) {
    return [dynamicPart(node, ctx)];
  }
  if (ctx.sameFile) {
    state.reads.add(node.startIndex);
  }
  const parts: UrlPart[] = [];
  for (const piece of stringPieces(node)) {
    if (piece.kind === 'text') {
      parts.push(literal(piece.text, piece.offset, ctx));
    } else {
      parts.push(...resolveParts(piece.expression, ctx, state, depth + 1));
    }
  }
  return parts;
}

function resolveBinary(node: Node, ctx: PyContext, state: ResolveState, depth: number): UrlPart[] {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const operator = node.childForFieldName('operator')?.type;
  if (!left || !right) {
    return [dynamicPart(node, ctx)];
  }
  if (operator === '+') {
    return [...resolveParts(left, ctx, state, depth + 1), ...resolveParts(right, ctx, state, depth + 1)];
  }
  if (operator === '%') {
    const template = resolveParts(left, ctx, state, depth + 1);
    const inner = unwrap(right);
    const argumentNodes = inner.type === 'tuple' ? inner.namedChildren.filter((child): child is Node => child !== null) : [inner];
    if (inner.type === 'dictionary') {
      return formatWithPercent(template, [], dictionaryArguments(inner, ctx, state, depth), node, ctx);
    }
    const argumentsParts = argumentNodes.map((argument) => resolveParts(argument, ctx, state, depth + 1));
    return formatWithPercent(template, argumentsParts, new Map(), node, ctx);
  }
  return [dynamicPart(node, ctx)];
}

function dictionaryArguments(dictionary: Node, ctx: PyContext, state: ResolveState, depth: number): Map<string, UrlPart[]> {
  const values = new Map<string, UrlPart[]>();
  for (const pair of dictionary.namedChildren) {
    const key = pair?.type === 'pair' ? pair.childForFieldName('key') : null;
    const value = pair?.childForFieldName('value');
    const keyText = key ? resolveText(key, ctx, state, depth + 1) : undefined;
    if (keyText !== undefined && value) {
      values.set(keyText, resolveParts(value, ctx, state, depth + 1));
    }
  }
  return values;
}

function resolveCall(node: Node, ctx: PyContext, state: ResolveState, depth: number): UrlPart[] {
  const callee = node.childForFieldName('function');
  const name = calleeName(node);
  const args = positionalArguments(node);
  const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;

  if (name === 'format' && receiver) {
    const template = resolveParts(receiver, ctx, state, depth + 1);
    const keywords = new Map<string, UrlPart[]>();
    for (const child of node.childForFieldName('arguments')?.namedChildren ?? []) {
      const key = child?.type === 'keyword_argument' ? child.childForFieldName('name')?.text : undefined;
      const value = child?.childForFieldName('value');
      if (key && value) {
        keywords.set(key, resolveParts(value, ctx, state, depth + 1));
      }
    }
    return formatWithBraces(template, args.map((argument) => resolveParts(argument, ctx, state, depth + 1)), keywords, node, ctx);
  }
  if (name === 'urljoin' && args.length === 2) {
    return urlJoin(resolveParts(args[0]!, ctx, state, depth + 1), resolveParts(args[1]!, ctx, state, depth + 1));
  }
  if (name === 'join' && receiver) {
    const receiverNames = dottedNames(receiver)?.join('.');
    if (receiverNames === 'posixpath' || receiverNames === 'os.path') {
      return pathJoin(args.map((argument) => resolveParts(argument, ctx, state, depth + 1)));
    }
    const separator = unwrap(receiver).type === 'string' ? resolveText(receiver, ctx, state, depth + 1) : undefined;
    const list = args[0] ? unwrap(args[0]) : undefined;
    if (separator !== undefined && args.length === 1 && list && (list.type === 'list' || list.type === 'tuple')) {
      const items = list.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
      return items.flatMap((item, index) => [...(index > 0 ? [literal(separator, undefined, ctx)] : []), ...resolveParts(item, ctx, state, depth + 1)]);
    }
  }
  if ((name === 'upper' || name === 'lower') && receiver && args.length === 0) {
    // `method.upper()` in a helper that takes the method name from its caller.
    const text = resolveText(receiver, ctx, state, depth + 1);
    if (text !== undefined) {
      return [literal(name === 'upper' ? text.toUpperCase() : text.toLowerCase(), undefined, ctx)];
    }
  }
  if (name === 'str' && callee?.type === 'identifier' && args.length === 1) {
    return resolveParts(args[0]!, ctx, state, depth + 1);
  }
  return [dynamicPart(node, ctx)];
}

/** `urljoin(base, path)`: exact when both are known, else the base, a `/` and the path. */
function urlJoin(base: UrlPart[], path: UrlPart[]): UrlPart[] {
  const first = path[0];
  if (first?.kind === 'literal' && /^[a-z][a-z0-9+.-]*:\/\//i.test(first.text)) {
    return path;
  }
  const baseText = literalText(base);
  const pathText = literalText(path);
  if (baseText !== undefined && pathText !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(baseText)) {
    try {
      const joined = new URL(pathText, baseText).toString();
      // Keep the path's own literals (and offsets) when urljoin kept them unchanged at the end.
      const decodedJoined = decodeURI(joined);
      if (decodedJoined.endsWith(pathText.replace(/^\.\//, ''))) {
        const prefix = decodedJoined.slice(0, decodedJoined.length - pathText.replace(/^\.\//, '').length);
        return [{ kind: 'literal', text: prefix }, ...path];
      }
      return [{ kind: 'literal', text: decodedJoined }];
    } catch {
      // An invalid base URL falls through to the approximate join.
    }
  }
  if (first?.kind === 'literal' && first.text.startsWith('/')) {
    return [...base, ...path];
  }
  const last = base.at(-1);
  const needsSlash = !(last?.kind === 'literal' && last.text.endsWith('/'));
  return [...base, ...(needsSlash ? [{ kind: 'literal', text: '/' } as UrlPart] : []), ...path];
}

/** `posixpath.join(a, b, ...)`: a segment that starts with `/` starts over, as in Python. */
function pathJoin(segments: UrlPart[][]): UrlPart[] {
  let result: UrlPart[] = [];
  for (const segment of segments) {
    const first = segment[0];
    if (first?.kind === 'literal' && first.text.startsWith('/')) {
      result = [...segment];
      continue;
    }
    const last = result.at(-1);
    if (result.length > 0 && !(last?.kind === 'literal' && last.text.endsWith('/'))) {
      result.push({ kind: 'literal', text: '/' });
    }
    result.push(...segment);
  }
  return result;
}

function resolveName(node: Node, ctx: PyContext, state: ResolveState, depth: number): UrlPart[] {
  const name = node.text;
  const binding = ctx.scopes.lookup(name, node);
  const bound = binding ? boundValue(binding, ctx) : undefined;
  if (bound) {
    // A helper's parameter: the caller's argument names the value better than the parameter.
    if (!bound.value) {
      return [dynamicPart(node, ctx)];
    }
    const parts = resolveParts(bound.value, bound.ctx, state, depth + 1);
    if (bound.fromCaller && !bound.ctx.bindings) {
      state.callerArgumentParts.push(...parts);
    }
    return parts;
  }
  if (binding) {
    if (!binding.value) {
      return [dynamicPart(node, ctx)];
    }
    return resolvedFromName(resolveParts(binding.value, ctx, state, depth + 1), `${name} (${ctx.relativePath})`);
  }
  const imported = ctx.imports.get(name);
  if (imported?.kind === 'value') {
    const parts = imported.values.constants.get(imported.name);
    if (parts) {
      return parts;
    }
  }
  return [dynamicPart(node, ctx)];
}

function resolveAttribute(node: Node, ctx: PyContext, state: ResolveState, depth: number): UrlPart[] {
  const names = dottedNames(node);
  if (!names || names.length < 2) {
    return [dynamicPart(node, ctx)];
  }
  const [base, ...rest] = names as [string, ...string[]];
  if ((base === 'self' || base === 'cls') && rest.length === 1) {
    const binding = ctx.scopes.lookupSelf(rest[0]!, node);
    if (binding?.value) {
      return resolvedFromName(resolveParts(binding.value, ctx, state, depth + 1), `${names.join('.')} (${ctx.relativePath})`);
    }
    return [dynamicPart(node, ctx)];
  }
  if (rest.length === 1 && !ctx.scopes.lookup(base, node)) {
    const classNode = ctx.scopes.findClass(ctx.root, base);
    const member = classNode ? ctx.scopes.classMember(classNode, rest[0]!) : undefined;
    if (member?.value) {
      return resolvedFromName(resolveParts(member.value, ctx, state, depth + 1), `${names.join('.')} (${ctx.relativePath})`);
    }
  }
  // `c.X`, `pkg.config.X` or `Config.X` imported from another module.
  for (let split = names.length - 1; split >= 1; split--) {
    const target = ctx.imports.get(names.slice(0, split).join('.'));
    const member = names.slice(split).join('.');
    if (target?.kind === 'module') {
      const parts = target.values.constants.get(member);
      if (parts) {
        return parts;
      }
    } else if (target?.kind === 'value') {
      const parts = target.values.constants.get(`${target.name}.${member}`);
      if (parts) {
        return parts;
      }
    }
  }
  return [dynamicPart(node, ctx)];
}
