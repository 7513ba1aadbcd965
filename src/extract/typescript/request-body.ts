import { ts } from 'ts-morph';
import type { BodyEvidence } from '../../model/call-site.js';
import { MAX_DEPTH, startOf, type FileContext, type Scope } from './context.js';
import { followValue, unwrapExpression } from './follow.js';
import { followToObjectLiteral, propertyNameText } from './object-literal.js';
import { resolveConstantString, ResolveState } from './resolve-string.js';

/** True for `JSON.stringify(x)`. */
function isJsonStringify(node: ts.Expression): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) {
    return false;
  }
  const callee = unwrapExpression(node.expression);
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'stringify' &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'JSON'
  );
}

/**
 * Reads the fields of a request body: an object literal, reached through names, bound arguments and
 * `JSON.stringify(...)`. Values are strings when they resolve to one and null otherwise.
 */
export function readRequestBody(
  expression: ts.Expression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState = new ResolveState(),
): BodyEvidence {
  const evidence: BodyEvidence = { fields: {}, complete: true };
  if (expression.getSourceFile() === ctx.sourceFile) {
    evidence.offset = startOf(expression);
  }
  const object = bodyObject(expression, ctx, scope, state, 0);
  if (!object) {
    evidence.complete = false;
    return evidence;
  }
  readObject(object.object, '', evidence, ctx, object.scope, state, 0);
  return evidence;
}

function bodyObject(
  expression: ts.Expression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): { object: ts.ObjectLiteralExpression; scope: Scope } | undefined {
  if (depth > MAX_DEPTH) {
    return undefined;
  }
  const node = unwrapExpression(expression);
  if (isJsonStringify(node)) {
    const argument = node.arguments[0];
    return argument ? bodyObject(argument, ctx, scope, state, depth + 1) : undefined;
  }
  if (ts.isObjectLiteralExpression(node)) {
    return { object: node, scope };
  }
  const followed = followValue(node, ctx, scope, state, depth + 1);
  return followed ? bodyObject(followed.expression, ctx, followed.scope, state, depth + 1) : undefined;
}

function readObject(
  object: ts.ObjectLiteralExpression,
  prefix: string,
  evidence: BodyEvidence,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): void {
  if (depth > MAX_DEPTH) {
    evidence.complete = false;
    return;
  }
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = followToObjectLiteral(property.expression, ctx, scope, state, depth + 1);
      if (spread) {
        readObject(spread.object, prefix, evidence, ctx, spread.scope, state, depth + 1);
      } else {
        evidence.complete = false;
      }
      continue;
    }
    const key = property.name ? propertyNameText(property.name, ctx, scope, state, depth + 1) : undefined;
    if (key === undefined || !(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property))) {
      evidence.complete = false;
      continue;
    }
    const path = prefix + key;
    const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
    const nested = followToObjectLiteral(value, ctx, scope, state, depth + 1);
    if (nested) {
      readObject(nested.object, `${path}.`, evidence, ctx, nested.scope, state, depth + 1);
      continue;
    }
    evidence.fields[path] = readFieldValue(value, ctx, scope, state, depth + 1);
  }
}

/** Reads a field value: a string when it resolves to one, else null (numbers, booleans and runtime values). */
function readFieldValue(
  value: ts.Expression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): string | null {
  const node = unwrapExpression(value);
  if (ts.isNumericLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) {
    return null;
  }
  return resolveConstantString(node, ctx, scope, state, depth) ?? null;
}
