import type { ts } from 'ts-morph';
import type { FileContext, Scope } from './context.js';
import { findProperty, followToObjectLiteral } from './object-literal.js';
import { resolveConstantString, type ResolveState } from './resolve-string.js';

/** A value read from an options object such as fetch's `init` or an axios config. */
export interface OptionValue {
  expression: ts.Expression;
  scope: Scope;
}

/** Looks up the first of `keys` that an options object sets. */
export function optionValue(
  options: ts.Expression | undefined,
  keys: readonly string[],
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
): OptionValue | undefined {
  if (!options) {
    return undefined;
  }
  const object = followToObjectLiteral(options, ctx, scope, state, 0);
  if (!object) {
    return undefined;
  }
  for (const key of keys) {
    const lookup = findProperty(object.object, key, ctx, object.scope, state, 0);
    if (lookup.value) {
      return lookup.value;
    }
  }
  return undefined;
}

/**
 * Reads the HTTP method from an options object. Returns `fallback` when the options are absent or
 * surely do not set a method, and null when the method is computed at runtime or may come from a
 * spread the extractor cannot read.
 */
export function methodFromOptions(
  options: ts.Expression | undefined,
  ctx: FileContext,
  scope: Scope,
  state: ResolveState,
  fallback: string,
): string | null {
  if (!options) {
    return fallback;
  }
  const object = followToObjectLiteral(options, ctx, scope, state, 0);
  if (!object) {
    return null;
  }
  const lookup = findProperty(object.object, 'method', ctx, object.scope, state, 0);
  if (!lookup.value) {
    return lookup.certain ? fallback : null;
  }
  if (!lookup.certain) {
    return null;
  }
  const method = resolveConstantString(lookup.value.expression, ctx, lookup.value.scope, state);
  return method?.trim() ? method.trim().toUpperCase() : null;
}
