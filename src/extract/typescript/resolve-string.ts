import { ts } from 'ts-morph';
import type { UrlPart } from '../../model/call-site.js';
import { MAX_DEPTH, relativeFileName, shortText, startOf, type FileContext, type Scope } from './context.js';
import { followValue, unwrapExpression } from './follow.js';
import { bindArguments, calledFunction, functionLabel, returnedExpression } from './functions.js';
import { ResolveBudget } from '../common/resolve-budget.js';

/** Maximum number of follow steps for one top-level expression; stops runaway fan-out. */
const MAX_STEPS = 2_000;

/** Bookkeeping for one top-level resolution: which literals it read, and a step budget. */
export class ResolveState extends ResolveBudget<ts.Node, ts.Node> {
  constructor() {
    super(MAX_STEPS);
  }
}

function dynamicPart(expression: ts.Node, ctx: FileContext, name = shortText(expression)): UrlPart {
  const part: UrlPart = { kind: 'dynamic', name };
  if (expression.getSourceFile() === ctx.sourceFile) {
    part.offset = startOf(expression);
  }
  return part;
}

/**
 * Builds a literal part. `owner` is the string or template node recorded as read; `textStart` is
 * the file offset of the cooked text (after the quote, backtick or `}`).
 */
function literalPart(text: string, owner: ts.Node, textStart: number, ctx: FileContext, state: ResolveState): UrlPart {
  state.reads.add(owner);
  const part: UrlPart = { kind: 'literal', text };
  if (owner.getSourceFile() === ctx.sourceFile) {
    part.offset = textStart;
  }
  return part;
}

function isConcatenation(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

/** Lists the operands of `a + b + c` left to right, walking the left-leaning tree without recursion. */
function concatenationOperands(node: ts.BinaryExpression): ts.Expression[] {
  const rightOperands: ts.Expression[] = [];
  let current: ts.Expression = node;
  while (isConcatenation(current)) {
    rightOperands.push(current.right);
    current = unwrapExpression(current.left);
  }
  return [current, ...rightOperands.reverse()];
}

const hasLiteral = (parts: readonly UrlPart[]): boolean => parts.some((part) => part.kind === 'literal');

/** Marks parts as coming from a named value; a label from another file wins over a nearer one. */
function labelParts(parts: UrlPart[], label: string, crossesFile: boolean): UrlPart[] {
  return parts.map((part) =>
    part.kind === 'literal' && (crossesFile || part.resolvedFrom === undefined) ? { ...part, resolvedFrom: label } : part,
  );
}

/**
 * Turns an expression into URL parts. It reads string and template literals, `+` concatenation,
 * constants (also imported ones), enum members, object properties and calls of simple functions.
 * Anything else becomes a dynamic part named by its source text.
 */
export function resolveUrlParts(
  expression: ts.Expression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth = 0,
): UrlPart[] {
  if (depth > MAX_DEPTH) {
    return [dynamicPart(expression, ctx)];
  }
  const node = unwrapExpression(expression);

  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return node.text === '' ? [] : [literalPart(node.text, node, startOf(node) + 1, ctx, state)];
  }
  if (ts.isTemplateExpression(node)) {
    return resolveTemplate(node, ctx, scope, state, depth);
  }
  if (isConcatenation(node)) {
    // Syntax nesting does not count towards MAX_DEPTH, which limits following declarations.
    const parts = concatenationOperands(node).flatMap((operand) => resolveUrlParts(operand, ctx, scope, state, depth));
    return hasLiteral(parts) ? parts : [dynamicPart(node, ctx)];
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    return resolveName(node, ctx, scope, state, depth);
  }
  if (ts.isCallExpression(node)) {
    return resolveCall(node, ctx, scope, state, depth);
  }
  return [dynamicPart(node, ctx)];
}

function resolveTemplate(
  node: ts.TemplateExpression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): UrlPart[] {
  const parts: UrlPart[] = [];
  if (node.head.text !== '') {
    parts.push(literalPart(node.head.text, node, startOf(node.head) + 1, ctx, state));
  }
  for (const span of node.templateSpans) {
    parts.push(...resolveUrlParts(span.expression, ctx, scope, state, depth));
    if (span.literal.text !== '') {
      parts.push(literalPart(span.literal.text, node, startOf(span.literal) + 1, ctx, state));
    }
  }
  if (!hasLiteral(parts)) {
    return [dynamicPart(node, ctx)];
  }
  return parts;
}

function resolveName(
  node: ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): UrlPart[] {
  const followed = followValue(node, ctx, scope, state, depth + 1);
  if (!followed || state.active.has(followed.expression)) {
    return [dynamicPart(node, ctx)];
  }
  state.active.add(followed.expression);
  const parts = resolveUrlParts(followed.expression, ctx, followed.scope, state, depth + 1);
  state.active.delete(followed.expression);
  if (followed.label === undefined) {
    // A bound argument: the caller's expression names a dynamic value better than the parameter.
    return parts;
  }
  if (!hasLiteral(parts)) {
    return [dynamicPart(node, ctx)];
  }
  const label = `${followed.label} (${relativeFileName(ctx, followed.declarationFile)})`;
  return labelParts(parts, label, followed.declarationFile !== node.getSourceFile());
}

function resolveCall(
  node: ts.CallExpression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): UrlPart[] {
  const fn = state.spendStep() ? calledFunction(node, ctx) : undefined;
  const returned = fn ? returnedExpression(fn) : undefined;
  if (!fn || !returned || state.active.has(fn)) {
    // encodeURIComponent(x), String(x), helpers with logic or recursion: known only at runtime.
    return [dynamicPart(node, ctx)];
  }
  state.active.add(fn);
  const parts = resolveUrlParts(returned, ctx, bindArguments(fn, node, scope), state, depth + 1);
  state.active.delete(fn);
  if (!hasLiteral(parts)) {
    return [dynamicPart(node, ctx)];
  }
  const declarationFile = fn.getSourceFile();
  const label = `${functionLabel(fn)} (${relativeFileName(ctx, declarationFile)})`;
  return labelParts(parts, label, declarationFile !== node.getSourceFile());
}

/** Returns the string an expression always has, or undefined when any part of it is dynamic. */
export function resolveConstantString(
  expression: ts.Expression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth = 0,
): string | undefined {
  const node = unwrapExpression(expression);
  if (ts.isNumericLiteral(node)) {
    return node.text;
  }
  const parts = resolveUrlParts(node, ctx, scope, state, depth);
  if (parts.some((part) => part.kind === 'dynamic')) {
    return undefined;
  }
  return parts.map((part) => (part.kind === 'literal' ? part.text : '')).join('');
}
