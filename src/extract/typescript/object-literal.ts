import { ts } from 'ts-morph';
import { MAX_DEPTH, type FileContext, type Scope } from './context.js';
import { followValue, unwrapExpression } from './follow.js';
import { resolveConstantString, type ResolveState } from './resolve-string.js';

/** An object literal and the scope its property values are read in. */
export interface ObjectInScope {
  object: ts.ObjectLiteralExpression;
  scope: Scope;
}

/** A property value found in an object literal. */
export interface PropertyLookup {
  value?: { expression: ts.Expression; scope: Scope };
  /**
   * False when a spread the extractor cannot read comes after the last known value (or there is no
   * known value), so the runtime object may hold something else.
   */
  certain: boolean;
}

/** Follows an expression through names and bound arguments to the object literal that creates it. */
export function followToObjectLiteral(
  expression: ts.Expression,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): ObjectInScope | undefined {
  if (depth > MAX_DEPTH) {
    return undefined;
  }
  const node = unwrapExpression(expression);
  if (ts.isObjectLiteralExpression(node)) {
    return { object: node, scope };
  }
  const followed = followValue(node, ctx, scope, state, depth + 1);
  return followed ? followToObjectLiteral(followed.expression, ctx, followed.scope, state, depth + 1) : undefined;
}

/** Reads the text of a property name, resolving computed keys such as `[KEYS.type]`. */
export function propertyNameText(
  name: ts.PropertyName,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) {
    return resolveConstantString(name.expression, ctx, scope, state, depth + 1);
  }
  return undefined;
}

/**
 * Finds the value a property has in an object literal, reading spreads of objects that can be
 * followed. Later properties win, as at runtime.
 */
export function findProperty(
  object: ts.ObjectLiteralExpression,
  name: string,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  depth: number,
): PropertyLookup {
  let result: PropertyLookup = { certain: true };
  if (depth > MAX_DEPTH) {
    return { certain: false };
  }
  let known = false;
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = followToObjectLiteral(property.expression, ctx, scope, state, depth + 1);
      if (!spread) {
        result = { ...result, certain: false };
        continue;
      }
      const inner = findProperty(spread.object, name, ctx, spread.scope, state, depth + 1);
      if (inner.value) {
        result = inner;
        known = true;
      } else if (!inner.certain) {
        result = { ...result, certain: false };
      }
      continue;
    }
    const key = property.name ? propertyNameText(property.name, ctx, scope, state, depth + 1) : undefined;
    if (key === undefined) {
      // A computed key the extractor cannot read might be this property.
      result = { ...result, certain: false };
      continue;
    }
    if (key !== name) {
      continue;
    }
    known = true;
    if (ts.isPropertyAssignment(property)) {
      result = { value: { expression: property.initializer, scope }, certain: true };
    } else if (ts.isShorthandPropertyAssignment(property)) {
      result = { value: { expression: property.name, scope }, certain: true };
    } else {
      // A method or accessor: present, but not a value to read.
      result = { certain: false };
    }
  }
  return known ? result : { certain: result.certain };
}
